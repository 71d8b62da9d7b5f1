// Spawning worker processes (scripts/lib/worker-child.ts) and waiting on the notification
// outbox they write, for the two-worker test and bench: the parent cannot see the workers'
// notifier, so it reads the Notification table.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Db } from '../../data/db';

const CHILD = fileURLToPath(new URL('./worker-child.ts', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  /** SIGKILL: the process dies mid-task, as a crashed container would. */
  kill(): void;
  stop(): Promise<void>;
}

export async function spawnWorker(env: { DATABASE_URL: string; TEMPORAL_ADDRESS: string; TASK_QUEUE: string; WORKFLOW_BUNDLE?: string; FILES_DIR?: string }): Promise<WorkerProcess> {
  // node itself with tsx's loader, not the tsx wrapper: a SIGKILL must reach the worker, and the
  // wrapper would die alone and leave the real worker running. stdin is a pipe the child watches:
  // when this process dies, the child exits too.
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('worker ready') && resolve());
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready: ${err}`)));
  });
  const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
  return {
    child,
    kill: () => child.kill('SIGKILL'),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resolves once every listed document has a notification of `kind` (optionally for a stage), polling the outbox. */
export async function outboxHas(db: Db, documentIds: string[], kind: string, opts: { stageIndex?: number; timeoutMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  const want = new Set(documentIds);
  for (;;) {
    const rows = await db.notification.findMany({ where: { documentId: { in: [...want] }, kind }, select: { documentId: true, payload: true } });
    for (const r of rows) {
      const stage = (r.payload as { step?: { stageIndex?: number } } | null)?.step?.stageIndex;
      if (r.documentId && (opts.stageIndex === undefined || stage === opts.stageIndex)) want.delete(r.documentId);
    }
    if (want.size === 0) return;
    if (Date.now() > deadline) throw new Error(`${want.size} document(s) without ${kind} after ${opts.timeoutMs ?? 120_000} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
