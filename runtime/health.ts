// Watches the two services the engine needs, embedded or external, and says in the log when
// one stops answering and when it answers again (with how long it was away). The clients
// themselves reconnect with backoff (gRPC channels, the pg pool); this makes an outage of an
// external Temporal or database visible to operators, as supervisor.ts does for embedded ones.
import type { Connection } from '@temporalio/client';
import type { Db } from '../data/db';
import type { Logger } from './logger';

export function watchHealth(p: { db: Db; temporal: Connection; log: Logger; everyMs?: number }): { stop(): void } {
  const down: Record<'database' | 'temporal', number | null> = { database: null, temporal: null };
  const bounded = <T>(work: Promise<T>, ms: number) =>
    Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
  const check = async (name: keyof typeof down, probe: () => Promise<unknown>) => {
    try {
      await bounded(probe(), 2_000);
      const since = down[name];
      if (since !== null) {
        down[name] = null;
        p.log.warn({ service: name, downMs: Date.now() - since }, `${name} answers again`);
      }
    } catch (err) {
      if (down[name] === null) {
        down[name] = Date.now();
        p.log.error({ service: name, error: err instanceof Error ? err.message : String(err) }, `${name} is not answering; clients keep reconnecting`);
      }
    }
  };
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void Promise.all([
      check('database', () => p.db.$queryRaw`SELECT 1`),
      check('temporal', () => p.temporal.withDeadline(Date.now() + 2_000, () => p.temporal.workflowService.getSystemInfo({}))),
    ]).finally(() => (busy = false));
  }, p.everyMs ?? 2_000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
