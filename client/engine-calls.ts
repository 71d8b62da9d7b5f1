// How every engine call meets Temporal: bounded in time, cancellable at shutdown, and failing
// with one of two clear errors people can be told (unreachable, or not answering in time).
import type { ConnectionLike } from '@temporalio/client';

/** The engine (Temporal) could not be reached: nothing was changed. */
export class EngineUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The approval engine is not reachable right now; nothing was changed. Please try again in a minute.', { cause });
    this.name = 'EngineUnavailableError';
  }
}

/**
 * The engine did not answer within its bound: Temporal is up but no worker runs (it crashed or
 * is restarting), or it is overloaded. A click that got through still counts, once (updates are
 * keyed), so nothing is lost by trying again.
 */
export class EngineTimeoutError extends EngineUnavailableError {
  constructor(cause: unknown) {
    super(cause);
    this.message = "Countersign's engine is not answering right now; please try again in a minute. Nothing is lost: if your action got through, it counts once.";
    this.name = 'EngineTimeoutError';
  }
}

/** The fields given with a submission break a rule of domain/fields.ts: nothing was stored. */
export class FieldsRejectedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'FieldsRejectedError';
  }
}

/** Runs Temporal calls with a bound, and cancels those under way at shutdown. */
export class EngineCalls {
  /** Calls under way; `cancelAll` aborts them so no gRPC retry outlives the connection. */
  private readonly inFlight = new Set<AbortController>();

  constructor(
    private readonly connection: ConnectionLike,
    private readonly timeoutMs: number,
  ) {}

  /** Cancels every call under way (shutdown); they end as EngineUnavailableError. */
  cancelAll(): void {
    for (const c of this.inFlight) c.abort();
  }

  /**
   * Maps a lost Temporal connection to one clear error, so callers can tell people, and bounds
   * the call (EngineTimeoutError). The abort also cancels the gRPC call and its retries.
   * `result` waits for a document's end by design: it has no bound.
   */
  async run<T>(fn: () => Promise<T>, bounded = true): Promise<T> {
    const abort = new AbortController();
    this.inFlight.add(abort);
    let timedOut = false;
    const timer = bounded
      ? setTimeout(() => {
          timedOut = true;
          abort.abort();
        }, this.timeoutMs)
      : undefined;
    try {
      const work = this.connection.withAbortSignal(abort.signal, fn);
      const aborted = new Promise<never>((_, reject) => abort.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
      // The race answers at the bound even when the SDK would wait on (a retry timer).
      work.catch(() => undefined);
      return await Promise.race([work, aborted]);
    } catch (err) {
      if (timedOut) throw new EngineTimeoutError(err);
      if (abort.signal.aborted || isConnectionError(err)) throw new EngineUnavailableError(err);
      throw err;
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(abort);
    }
  }
}

function isConnectionError(err: unknown): boolean {
  const e = err as { code?: number; name?: string; message?: string };
  // gRPC UNAVAILABLE (14) / DEADLINE_EXCEEDED (4), or the connection being closed under us.
  return e?.code === 14 || e?.code === 4 || e?.name === 'ServiceError' || /UNAVAILABLE|ECONNREFUSED|connection.*closed/i.test(e?.message ?? '');
}
