// Runs the bare baseline (./workflow.ts) on its own task queue of the same dev server: a worker
// with default options and a no-op activity, and one document-shaped workflow per call.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import { Worker, type NativeConnection } from '@temporalio/worker';
import { BARE_STEPS, bareStep } from './workflow';

const WORKFLOWS = fileURLToPath(new URL('./workflow.ts', import.meta.url));

export async function withBareWorker<T>(connection: NativeConnection, client: Client, fn: (oneRun: () => Promise<number>) => Promise<T>): Promise<T> {
  const taskQueue = `bare-${randomUUID()}`;
  const worker = await Worker.create({ connection, namespace: 'default', taskQueue, workflowsPath: WORKFLOWS, activities: { bareTouch: async (n: number) => n } });
  const running = worker.run();
  try {
    return await fn(async () => {
      const t0 = performance.now();
      const handle = await client.workflow.start('bareWorkflow', { taskQueue, workflowId: `bare-${randomUUID()}` });
      for (let i = 0; i < BARE_STEPS; i++) await handle.executeUpdate(bareStep, { args: [i] });
      await handle.result();
      return performance.now() - t0;
    });
  } finally {
    worker.shutdown();
    await running;
  }
}
