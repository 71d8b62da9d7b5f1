// The audit log is append-only: the database refuses to change or remove a row whatever code
// path tries, and no code path in the source tree even tries.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCE_DIRS = ['activities', 'bot', 'client', 'domain', 'exports', 'extraction', 'runtime', 'scripts', 'workflows', 'slack-fake'];

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.workspace.create({ data: { id: 'WA', name: 'append-only' } });
});
afterAll(async () => t?.drop());

function sourceFiles(dir: string): string[] {
  let out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(sourceFiles(p));
    else if (/\.(ts|mts|cts|js|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

describe('the audit log', () => {
  it('refuses an update and a delete through Prisma, and keeps the row as it was', async () => {
    const ev = await t.db.auditEvent.create({ data: { workspaceId: 'WA', action: 'approved', actorId: 'u1', idempotencyKey: 'ao-1' } });
    await expect(t.db.auditEvent.update({ where: { id: ev.id }, data: { actorId: 'someone-else' } })).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(t.db.auditEvent.updateMany({ where: { workspaceId: 'WA' }, data: { action: 'rejected' } })).rejects.toThrow(/append-only/);
    await expect(t.db.auditEvent.delete({ where: { id: ev.id } })).rejects.toThrow(/append-only: DELETE refused/);
    await expect(t.db.auditEvent.deleteMany({ where: { workspaceId: 'WA' } })).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "action" = 'x' WHERE id = ${ev.id}`)).rejects.toThrow(/append-only/);
    // An upsert that hits the existing row is an update too.
    await expect(t.db.auditEvent.upsert({ where: { idempotencyKey: 'ao-1' }, create: { workspaceId: 'WA', action: 'x', idempotencyKey: 'ao-1' }, update: { action: 'x' } })).rejects.toThrow(/append-only/);
    const row = await t.db.auditEvent.findUniqueOrThrow({ where: { id: ev.id } });
    expect(row).toMatchObject({ action: 'approved', actorId: 'u1' });
    expect(await t.db.auditEvent.count({ where: { workspaceId: 'WA' } })).toBe(1);
  });

  it('is never updated, upserted or deleted by any code outside the tests', () => {
    const files = SOURCE_DIRS.flatMap((d) => sourceFiles(path.join(ROOT, d)));
    expect(files.length).toBeGreaterThan(50);
    const offenders: string[] = [];
    const pattern = /auditEvent\s*\??\.\s*(update|updateMany|upsert|delete|deleteMany)\b|(UPDATE|DELETE\s+FROM|TRUNCATE)\s+(TABLE\s+)?"AuditEvent"/i;
    for (const f of files) {
      readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (pattern.test(line)) offenders.push(`${path.relative(ROOT, f)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders, 'code paths that would change or remove audit events').toEqual([]);
    // The pattern does catch what it is meant to catch.
    expect(pattern.test('await db.auditEvent.update({ where })')).toBe(true);
    expect(pattern.test('tx.auditEvent.deleteMany()')).toBe(true);
    expect(pattern.test('DELETE FROM "AuditEvent" WHERE')).toBe(true);
    expect(pattern.test('db.auditEvent.create({})')).toBe(false);
  });
});
