// One worker process, as `COUNTERSIGN_PROCESS=worker` runs it (runtime/worker.ts) but with no
// Slack: notifications stay in the database's outbox. Two of these on one task queue are what
// `docker compose up --scale worker=2` gives; the two-worker test and bench spawn them.
//
//   DATABASE_URL=… TEMPORAL_ADDRESS=… TASK_QUEUE=… [WORKFLOW_BUNDLE=…] [FILES_DIR=…] tsx scripts/lib/worker-child.ts
import os from 'node:os';
import path from 'node:path';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { createDb } from '../../data/db';
import { createWorker } from '../../runtime/worker';

function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
}

async function main(): Promise<void> {
  Runtime.install({ logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never });
  const db = createDb(need('DATABASE_URL'), 5);
  const connection = await NativeConnection.connect({ address: need('TEMPORAL_ADDRESS') });
  const bundle = process.env.WORKFLOW_BUNDLE;
  const worker = await createWorker({
    connection,
    namespace: 'default',
    taskQueue: need('TASK_QUEUE'),
    deps: { db, filesDir: process.env.FILES_DIR ?? path.join(os.tmpdir(), 'countersign-worker-files') },
    ...(bundle ? { workflowBundle: { codePath: bundle } } : {}),
  });
  const stop = () => worker.shutdown();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // The parent holds our stdin: when it goes (killed, crashed), so do we, never an orphan.
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
  const running = worker.run();
  // The parent waits for this line before it counts on the worker.
  console.log('worker ready');
  await running;
  await connection.close();
  await db.$disconnect();
  // stdin (the parent's pipe) would keep the process alive after a clean stop.
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
