// Documents stored while Temporal was down (or by an app killed between the row and the start)
// have no workflow yet: this loop starts them, once at start and then every `everyMs`, so an
// upload made during an outage is read as soon as the engine is back, without a person.
import type { Engine } from '../client/engine';
import { EngineUnavailableError } from '../client/engine';
import type { Logger } from './logger';

export function startReconciler(engine: Engine, log: Logger, everyMs = 15_000): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const once = async (minAgeMs: number) => {
    try {
      const started = await engine.startMissing(minAgeMs);
      if (started > 0) log.warn({ started }, 'started the workflows of documents stored during an outage');
    } catch (err) {
      // Still down: the next round tries again.
      if (!(err instanceof EngineUnavailableError)) log.warn({ error: err instanceof Error ? err.message : String(err) }, 'could not look for documents without a workflow');
    }
  };
  // At start every stored document counts: none of this process's submits is under way yet.
  running = once(0).finally(() => (running = null));
  const timer = setInterval(() => {
    running ??= once(10_000).finally(() => (running = null));
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
