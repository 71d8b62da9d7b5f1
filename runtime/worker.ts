// The Temporal worker: document workflows plus the activities bound to this process's
// database, file store and extractor; with a notifier, the outbox delivery loop runs beside
// it (started and stopped with `worker.run()`) and the activities kick it after each write.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';
import { OutboxDelivery, type OutboxOptions } from '../bot/outbox';

export const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
/** Written by `npm run build` (dist/workflows/bundle.js beside dist/runtime/): no bundling at start. */
const PREBUILT_BUNDLE = fileURLToPath(new URL('../workflows/bundle.js', import.meta.url));

export async function createWorker(opts: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  /** A prebuilt bundle (tests build it once; the image has one); otherwise the workflows are bundled at start. */
  workflowBundle?: { codePath: string };
  extra?: Partial<WorkerOptions>;
  /** Tuning of the outbox delivery (tests shorten its backoff). */
  outbox?: Partial<Omit<OutboxOptions, 'db' | 'notifier'>>;
}): Promise<Worker> {
  const delivery = opts.deps.notifier ? new OutboxDelivery({ ...opts.outbox, db: opts.deps.db, notifier: opts.deps.notifier }) : null;
  const worker = await Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    activities: createActivities({ ...opts.deps, ...(delivery ? { outbox: delivery } : {}) }),
    ...(opts.workflowBundle
      ? { workflowBundle: opts.workflowBundle }
      : existsSync(PREBUILT_BUNDLE)
        ? { workflowBundle: { codePath: PREBUILT_BUNDLE } }
        : { workflowsPath: WORKFLOWS_PATH }),
    ...opts.extra,
  });
  if (!delivery) return worker;
  // Every caller runs the worker with run() and stops it with shutdown(): the delivery loop
  // lives exactly as long, whoever started it (npm start, tests, benches).
  const run = worker.run.bind(worker);
  worker.run = async () => {
    delivery.start();
    try {
      await run();
    } finally {
      await delivery.stop();
    }
  };
  return worker;
}
