// Every request the app makes to the fake, and the way tests wait for one without sleeping:
// waiters are re-checked whenever a call is recorded or the conversation state changes
// (an EventEmitter 'tick'), and time out with a message listing what did arrive.
import { EventEmitter } from 'node:events';
import type { RecordedCall } from './types';

export interface WaitOptions {
  /** Give up after this long (default 5000 ms). */
  timeoutMs?: number;
  /** Only consider calls recorded at or after this index of `calls` (e.g. `fake.calls.length` before acting). */
  since?: number;
}

const DEFAULT_TIMEOUT_MS = 5000;

export class CallLog {
  readonly calls: RecordedCall[] = [];
  private readonly ticks = new EventEmitter();
  private closed = false;

  constructor() {
    // Many tests may wait at once; this is not a leak.
    this.ticks.setMaxListeners(0);
  }

  record(call: RecordedCall): void {
    this.calls.push(call);
    this.tick();
  }

  /** Wake up waiters: something changed. */
  tick(): void {
    this.ticks.emit('tick');
  }

  clear(): void {
    this.calls.length = 0;
  }

  /** Fail every pending wait at once (the fake is shutting down). */
  close(): void {
    this.closed = true;
    this.ticks.emit('closed');
  }

  waitFor(method: string, predicate?: (call: RecordedCall) => boolean, options?: number | WaitOptions): Promise<RecordedCall> {
    const opts = typeof options === 'number' ? { timeoutMs: options } : (options ?? {});
    const since = opts.since ?? 0;
    const describe = () => {
      const seen = this.calls.slice(since).map((c) => `${c.method}${c.result.ok === false ? `(${String(c.result.error)})` : ''}`);
      return `timed out waiting for ${method}${predicate ? ' matching the predicate' : ''}; calls seen since #${since}: ${seen.length ? seen.join(', ') : '(none)'}`;
    };
    return this.waitUntil(() => this.calls.slice(since).find((c) => c.method === method && (!predicate || predicate(c))), {
      timeoutMs: opts.timeoutMs,
      describe,
    });
  }

  /**
   * Resolve with the first truthy value of `check`, evaluated now and after every call or
   * state change. For conditions on state: `waitUntil(() => fake.messages(d).find(...))`.
   */
  waitUntil<T>(check: () => T | undefined | null | false, options?: { timeoutMs?: number; describe?: () => string }): Promise<T> {
    const timeoutMs = options?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const describe = options?.describe ?? (() => 'timed out waiting for a condition on the fake Slack');
    return new Promise<T>((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        this.ticks.off('tick', onTick);
        this.ticks.off('closed', onClosed);
      };
      const onTick = () => {
        let value: T | undefined | null | false;
        try {
          value = check();
        } catch (error) {
          cleanup();
          reject(error);
          return;
        }
        if (value) {
          cleanup();
          resolve(value);
        }
      };
      const onClosed = () => {
        cleanup();
        reject(new Error(`fake Slack closed while waiting: ${describe()}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${describe()} (after ${timeoutMs} ms)`));
      }, timeoutMs);
      if (this.closed) return onClosed();
      this.ticks.on('tick', onTick);
      this.ticks.on('closed', onClosed);
      onTick();
    });
  }
}
