// `npm run db:new-migration -- NAME`: writes prisma/migrations/<stamp>_NAME/migration.sql with
// the SQL that takes the existing migrations to prisma/schema.prisma. Works offline: the
// diff runs in a throwaway embedded PostgreSQL (its shadow database) unless DATABASE_URL is set.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../runtime/logger';
import { createMigration } from '../runtime/migrations';
import { startEmbeddedPostgres } from '../runtime/postgres';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/i.test(name)) {
  console.error('Usage: npm run db:new-migration -- NAME   (letters, digits and _ only)');
  process.exit(2);
}
const dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-migration-'));
const pg = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: dir, port: 54300 + Math.floor(Math.random() * 500), database: 'scratch', log: createLogger('warn') });
try {
  const created = await createMigration(process.env.DATABASE_URL ?? pg!.url, name);
  console.log(created ? `Created ${path.relative(process.cwd(), created)}/migration.sql` : 'No changes: schema.prisma and the migrations agree.');
} finally {
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
}
