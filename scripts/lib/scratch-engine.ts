// A throwaway engine for scripts (benchmarks, recording histories): embedded PostgreSQL with
// the migrations applied and a Temporal dev server (in memory, or file-backed like `npm start`)
// on free ports in a temp folder, connected and torn down around `fn`.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime } from '@temporalio/worker';
import type { Notifier } from '../../activities';
import { Engine } from '../../client/engine';
import { createDb, type Db } from '../../data/db';
import { createLogger } from '../../runtime/logger';
import { applyMigrations } from '../../runtime/migrations';
import { startEmbeddedPostgres } from '../../runtime/postgres';
import { startDevServer } from '../../runtime/temporal-server';
import { createWorker } from '../../runtime/worker';
import { freePorts } from './ports';

export interface ScratchEngine {
  db: Db;
  /** For processes of their own (worker processes in bench:workers). */
  dbUrl: string;
  temporalAddress: string;
  dataDir: string;
  filesDir: string;
  nativeConnection: NativeConnection;
  connection: Connection;
}

export async function withScratchEngine<T>(name: string, opts: { dbPoolSize?: number; temporalFile?: boolean }, fn: (e: ScratchEngine) => Promise<T>): Promise<T> {
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn');
  // The SDK's own chatter would drown the figures.
  Runtime.install({ logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `countersign-${name}-`));
  const [pgPort, temporalPort] = (await freePorts(2)) as [number, number];
  console.log(`starting embedded PostgreSQL (:${pgPort}) and Temporal dev server (:${temporalPort}, ${opts.temporalFile ? 'SQLite file' : 'in memory'}) in ${dataDir}`);
  const [pg, temporal] = await Promise.all([
    startEmbeddedPostgres({ dataDir, port: pgPort, database: 'countersign', log }),
    startDevServer({ dataDir, port: temporalPort, uiPort: 0, namespace: 'default', log, ephemeral: !opts.temporalFile }),
  ]);
  const db = createDb(pg.url, opts.dbPoolSize ?? 10);
  const nativeConnection = await NativeConnection.connect({ address: temporal.address });
  const connection = await Connection.connect({ address: temporal.address });
  try {
    await applyMigrations(pg.url);
    return await fn({ db, dbUrl: pg.url, temporalAddress: temporal.address, dataDir, filesDir: path.join(dataDir, 'files'), nativeConnection, connection });
  } finally {
    await connection.close();
    await nativeConnection.close();
    await db.$disconnect();
    await temporal.stop();
    await pg.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * A worker on a fresh task queue, and an Engine (with its Temporal client) on the same queue,
 * for `fn`; the worker is shut down and drained after, whatever happens.
 */
export async function withWorkerEngine<T>(
  e: Pick<ScratchEngine, 'db' | 'filesDir' | 'nativeConnection' | 'connection'>,
  queuePrefix: string,
  notifier: Notifier,
  fn: (engine: Engine, temporal: Client) => Promise<T>,
): Promise<T> {
  const taskQueue = `${queuePrefix}-${randomUUID()}`;
  const worker = await createWorker({ connection: e.nativeConnection, namespace: 'default', taskQueue, deps: { db: e.db, filesDir: e.filesDir, notifier } });
  const running = worker.run();
  const temporal = new Client({ connection: e.connection, namespace: 'default' });
  try {
    return await fn(new Engine(e.db, temporal, taskQueue, e.filesDir), temporal);
  } finally {
    worker.shutdown();
    await running;
  }
}
