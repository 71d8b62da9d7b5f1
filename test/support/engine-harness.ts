// A complete engine for one test file: its own database, a worker on its own task queue
// against the shared Temporal dev server, the engine client, and a recording notifier.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, type Worker } from '@temporalio/worker';
import { inject } from 'vitest';
import type { Extractor, Notifier } from '../../activities';
import { Engine } from '../../client/engine';
import { createWorker } from '../../runtime/worker';
import { createTestDatabase, type TestDatabase } from './database';
import { RecordingNotifier } from './recording-notifier';

export interface Harness {
  db: TestDatabase['db'];
  dbUrl: string;
  engine: Engine;
  temporal: Client;
  notifier: RecordingNotifier;
  taskQueue: string;
  filesDir: string;
  worker: Worker;
  /** Stops the worker (e.g. to simulate a crash); `startWorker` brings a new one up. */
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

let runtimeInstalled = false;

export async function createHarness(opts: { extract?: Extractor; notifier?: Notifier } = {}): Promise<Harness> {
  if (!runtimeInstalled) {
    // Keep the worker quiet unless a test run asks for logs.
    Runtime.install({ logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never });
    runtimeInstalled = true;
  }
  const database = await createTestDatabase();
  const address = inject('temporalAddress');
  const taskQueue = `test-${randomUUID()}`;
  const filesDir = mkdtempSync(path.join(os.tmpdir(), 'countersign-files-'));
  const notifier = new RecordingNotifier();
  const nativeConnection = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  const temporal = new Client({ connection, namespace: 'default' });
  const engine = new Engine(database.db, temporal, taskQueue, filesDir);

  let worker!: Worker;
  let running: Promise<void> = Promise.resolve();
  const startWorker = async () => {
    worker = await createWorker({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      deps: { db: database.db, filesDir, extract: opts.extract, notifier: opts.notifier ? fanOut(notifier, opts.notifier) : notifier },
      workflowBundle: { codePath: inject('workflowBundlePath') },
    });
    running = worker.run();
  };
  const stopWorker = async () => {
    worker.shutdown();
    await running;
  };
  await startWorker();

  const harness: Harness = {
    db: database.db,
    dbUrl: database.url,
    engine,
    temporal,
    notifier,
    taskQueue,
    filesDir,
    get worker() {
      return worker;
    },
    stopWorker,
    startWorker,
    close: async () => {
      if (worker.getState() === 'RUNNING') await stopWorker();
      await connection.close();
      await nativeConnection.close();
      await database.drop();
    },
  };
  return harness;
}

/** Records every event and also hands it to the notifier under test (e.g. the Slack bot's). */
function fanOut(recorder: RecordingNotifier, other: Notifier): Notifier {
  return {
    async deliver(event) {
      await other.deliver(event);
      await recorder.deliver(event);
    },
  };
}
