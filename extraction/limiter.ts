import { cancelledError } from './errors';

/**
 * FIFO counting semaphore: bounds concurrent heavy work (rasterizing, OCR) per process. A
 * released slot is handed straight to the next waiter, so a newcomer cannot overtake the queue;
 * a waiter whose signal aborts leaves the queue and its work never starts.
 */
export class Limiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  constructor(private readonly max: number) {}

  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw cancelledError();
    if (this.active < this.max) this.active++;
    else await this.wait(signal);
    try {
      return await fn();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }

  private wait(signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        const i = this.queue.indexOf(granted);
        if (i >= 0) this.queue.splice(i, 1);
        reject(cancelledError());
      };
      const granted = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      this.queue.push(granted);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  get pending(): number {
    return this.queue.length;
  }

  get running(): number {
    return this.active;
  }
}

/**
 * Rejects with `onTimeout()` after `ms`, or with a `cancelled` error as soon as `signal`
 * aborts; the timer never keeps the process alive.
 */
export function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => Error, signal?: AbortSignal): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), Math.max(0, ms));
    timer.unref?.();
    if (signal) {
      onAbort = () => reject(cancelledError());
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    }
  });
  return Promise.race([p, t]).finally(() => {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  });
}
