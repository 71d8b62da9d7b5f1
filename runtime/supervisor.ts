// Keeps an embedded service (PostgreSQL, the Temporal dev server) running: when its child dies
// without being asked to (a crash, the OOM killer, kill -9), it is started again with backoff
// and each step is logged. The clients reconnect by themselves (pg pool, gRPC channels), so the
// app recovers without a person. A stop first ends the supervision, so a stop is never undone.
import type { Logger } from './logger';

export interface Child {
  /** Resolves when the child process has gone, for whatever reason. */
  exited: Promise<unknown>;
  stop(): Promise<void>;
  kill(): void;
}

export interface Supervised {
  stop(): Promise<void>;
  kill(): void;
  /** How many times the child was restarted (tests, chaos figures). */
  restarts(): number;
}

export interface SuperviseOptions {
  /** False once the process is stopping: a child that dies then (Ctrl-C reaches the whole group) stays dead. */
  keepRunning?: () => boolean;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

export function supervise(name: string, first: Child, start: () => Promise<Child>, log: Logger, opts: SuperviseOptions = {}): Supervised {
  const firstDelay = opts.firstDelayMs ?? 250;
  const maxDelay = opts.maxDelayMs ?? 5_000;
  let current = first;
  let stopping = false;
  let restarts = 0;
  let restarting: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  const wanted = () => !stopping && (opts.keepRunning?.() ?? true);
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });

  const watch = (child: Child) => {
    void child.exited.then(() => {
      if (child !== current || !wanted()) return;
      restarting = restart().finally(() => (restarting = null));
    });
  };

  const restart = async () => {
    const died = Date.now();
    log.error({ service: name }, `embedded ${name} exited unexpectedly; restarting it`);
    for (let attempt = 0; ; attempt++) {
      await pause(Math.min(firstDelay * 2 ** attempt, maxDelay));
      if (!wanted()) return;
      try {
        const next = await start();
        if (!wanted()) {
          // Stopped while it was starting: do not leave it behind.
          await next.stop().catch(() => undefined);
          return;
        }
        current = next;
        restarts++;
        log.warn({ service: name, attempt: attempt + 1, downMs: Date.now() - died }, `embedded ${name} restarted`);
        watch(next);
        return;
      } catch (err) {
        log.warn({ service: name, attempt: attempt + 1, error: err instanceof Error ? err.message : String(err) }, `embedded ${name} did not start again yet; retrying`);
      }
    }
  };

  watch(first);
  return {
    async stop() {
      stopping = true;
      wake?.();
      // A restart under way is given a moment to finish (then stopped below, or by itself);
      // the shutdown never waits on a service that cannot come up.
      if (restarting) await Promise.race([restarting, new Promise((r) => setTimeout(r, 3_000).unref())]);
      await current.stop();
    },
    kill() {
      stopping = true;
      wake?.();
      current.kill();
    },
    restarts: () => restarts,
  };
}
