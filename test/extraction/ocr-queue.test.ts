// The OCR queue is fair to a burst of uploads: a file's deadline runs while it is being read,
// not while it waits for a slot, and a file whose caller gave up leaves the queue unread.
// The OCR engine here is a stand-in that answers when the test says so, under fake timers, so
// "20 files take longer than one file's timeout" holds by construction, not by machine speed.
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ExtractionError, extractDocument, useOcrPool } from '../../extraction/index';
import { OcrPool, type OcrWorker } from '../../extraction/ocr/pool';

interface Pending {
  answer: () => void;
}

/** An OCR worker that holds every page until `answerAll`; counts what reached it. */
function pacedEngine() {
  const inFlight: Pending[] = [];
  let wake: (() => void) | null = null;
  const stats = { recognised: 0, started: 0 };
  const worker = (): OcrWorker => ({
    setParameters: async () => ({ jobId: 'p', data: {} }) as never,
    terminate: async () => ({ jobId: 't', data: {} }) as never,
    recognize: () =>
      new Promise((resolve) => {
        stats.recognised++;
        inFlight.push({ answer: () => resolve({ jobId: 'r', data: { text: 'Invoice no. INV-7\nTotal 10.00 EUR\n', blocks: [] } } as never) });
        wake?.();
      }),
  });
  return {
    stats,
    startWorker: async () => {
      stats.started++;
      return worker();
    },
    /** Resolves once at least `pages` pages are being recognised. */
    async busy(pages = 1): Promise<void> {
      while (inFlight.length < pages) await new Promise<void>((r) => (wake = r));
      wake = null;
    },
    answerAll(): number {
      const batch = inFlight.splice(0);
      for (const p of batch) p.answer();
      return batch.length;
    },
  };
}

const image = (i: number) => sharp({ create: { width: 300 + i, height: 200, channels: 3, background: '#fff' } }).png().toBuffer();

let engine: ReturnType<typeof pacedEngine>;
const usePool = (size: number) =>
  useOcrPool(new OcrPool({ size, recycleAfterPages: 1000, startTimeoutMs: 5_000, startWorker: engine.startWorker }), size);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  engine = pacedEngine();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('OCR queue', () => {
  it('reads a burst of 20 uploads when the burst takes far longer than one file may', async () => {
    usePool(2);
    const timeoutMs = 2_500;
    const t0 = Date.now();
    const files = await Promise.all(Array.from({ length: 20 }, (_, i) => image(i)));
    const results = files.map((f, i) => extractDocument(f, `scan-${i}.png`, { timeoutMs, languages: ['eng'] }).then((r) => r, (e: unknown) => e));
    // Each page takes 1 s of (fake) time to read; two are read at once.
    for (let answered = 0; answered < 20; ) {
      await engine.busy(Math.min(2, 20 - answered));
      vi.advanceTimersByTime(1_000);
      answered += engine.answerAll();
    }
    const settled = await Promise.all(results);
    expect(settled.filter((r) => r instanceof Error)).toEqual([]);
    expect(settled.map((r) => (r as { invoiceNumber: string }).invoiceNumber)).toEqual(Array(20).fill('INV-7'));
    expect(engine.stats.recognised).toBe(20);
    // The burst took at least 10 s, four times one file's timeout.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(10_000);
  });

  it('still stops a file whose own reading runs past its timeout', async () => {
    usePool(1);
    const run = extractDocument(await image(0), 'slow.png', { timeoutMs: 2_500, languages: ['eng'] }).catch((e: unknown) => e);
    await engine.busy();
    vi.advanceTimersByTime(2_600);
    const err = await run;
    expect(err).toBeInstanceOf(ExtractionError);
    expect((err as ExtractionError).code).toBe('timeout');
  });

  it('cancels a queued file whose caller gave up: it never reaches the OCR worker', async () => {
    usePool(1);
    const first = extractDocument(await image(0), 'first.png', { languages: ['eng'] });
    await engine.busy();
    const gaveUp = new AbortController();
    const second = extractDocument(await image(1), 'second.png', { languages: ['eng'], signal: gaveUp.signal }).catch((e: unknown) => e);
    gaveUp.abort();
    const err = await second;
    expect(err).toBeInstanceOf(ExtractionError);
    expect((err as ExtractionError).code).toBe('cancelled');
    expect(engine.answerAll()).toBe(1);
    expect((await first).invoiceNumber).toBe('INV-7');
    // The queue moves on to the next file; the cancelled one was never recognised.
    const third = extractDocument(await image(2), 'third.png', { languages: ['eng'] });
    await engine.busy();
    engine.answerAll();
    await third;
    expect(engine.stats.recognised).toBe(2);
  });
});
