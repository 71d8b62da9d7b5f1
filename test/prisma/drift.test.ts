// schema.prisma and prisma/migrations must agree: a model changed without a migration (or a
// migration edited by hand into something else) fails here, before any user's database does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingSchemaSql } from '../../runtime/migrations';
import { createTestDatabase, type TestDatabase } from '../support/database';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

describe('migrations', () => {
  it('produce exactly the schema in schema.prisma (no drift)', async () => {
    const sql = await pendingSchemaSql(t.url);
    expect(sql, `schema.prisma has changes no migration covers; run npm run db:new-migration -- NAME:\n${sql}`).toBe('');
  });

  it('recorded every migration in _prisma_migrations, as prisma migrate deploy would', async () => {
    const rows = await t.db.$queryRaw<{ migration_name: string; finished_at: Date | null; checksum: string }[]>`SELECT migration_name, finished_at, checksum FROM _prisma_migrations`;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.finished_at).not.toBeNull();
      expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('made the audit log append-only in the database itself', async () => {
    await t.db.workspace.create({ data: { id: 'WD', name: 'drift' } });
    const ev = await t.db.auditEvent.create({ data: { workspaceId: 'WD', action: 'x', idempotencyKey: 'drift-1' } });
    await expect(t.db.auditEvent.update({ where: { id: ev.id }, data: { action: 'y' } })).rejects.toThrow(/append-only/);
    await expect(t.db.auditEvent.delete({ where: { id: ev.id } })).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRawUnsafe('TRUNCATE "AuditEvent"')).rejects.toThrow(/append-only/);
    expect((await t.db.auditEvent.findUniqueOrThrow({ where: { id: ev.id } })).action).toBe('x');
  });
});
