// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL (or the embedded database
// in DATA_DIR), offline. Prints what it applied.
import 'dotenv/config';
import { loadConfig } from '../runtime/config';
import { createLogger } from '../runtime/logger';
import { applyMigrations } from '../runtime/migrations';
import { startEmbeddedPostgres } from '../runtime/postgres';

const cfg = loadConfig();
const log = createLogger('warn');
const pg = cfg.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: cfg.dataDir, databaseDir: cfg.POSTGRES_DATA_DIR, port: cfg.POSTGRES_PORT, database: 'countersign', log });
try {
  const applied = await applyMigrations(cfg.DATABASE_URL ?? pg!.url);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
} finally {
  await pg?.stop();
}
