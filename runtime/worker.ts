// The Temporal worker: document workflows plus the activities bound to this process's
// database, file store, extractor and notifier.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../activities';

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
}): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    activities: createActivities(opts.deps),
    ...(opts.workflowBundle
      ? { workflowBundle: opts.workflowBundle }
      : existsSync(PREBUILT_BUNDLE)
        ? { workflowBundle: { codePath: PREBUILT_BUNDLE } }
        : { workflowsPath: WORKFLOWS_PATH }),
    ...opts.extra,
  });
}
