// OCR runs in child processes (extraction/ocr/processWorker.ts) so that recycling a worker
// returns all of its memory: these tests check the child really goes away when the pool
// recycles it, when a page times out or is aborted, and that a worker above the memory bound
// is replaced even before its page count is reached.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ExtractionError } from '../../extraction/index';
import { OcrPool, type OcrWorker } from '../../extraction/ocr/pool';
import { ProcessOcrWorker, startProcessWorker } from '../../extraction/ocr/processWorker';
import { resolveLangData } from '../../extraction/ocr/langData';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Waits until `pid` has exited (the kill is asynchronous), failing after `ms`. */
async function gone(pid: number, ms = 10_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (alive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  return !alive(pid);
}

const textImage = (text: string, width = 600) =>
  sharp({ create: { width, height: 120, channels: 3, background: { r: 255, g: 255, b: 255 } } })
    .composite([{ input: Buffer.from(`<svg width="${width}" height="120"><text x="10" y="70" font-size="48" font-family="DejaVu Sans">${text}</text></svg>`) }])
    .png()
    .toBuffer();

/** Records the pid of every process-backed worker the pool starts. */
function trackedStart() {
  const workers: ProcessOcrWorker[] = [];
  return {
    workers,
    start: async (langs: string, dir: string): Promise<OcrWorker> => {
      const w = (await startProcessWorker(langs, dir)) as ProcessOcrWorker;
      workers.push(w);
      return w;
    },
  };
}

describe('OCR in child processes', { timeout: 90_000 }, () => {
  it('reads a page in a child process and reports its memory; terminate ends the process', async () => {
    const data = resolveLangData(['eng'], []);
    const w = (await startProcessWorker(data.langs.join('+'), data.dir)) as ProcessOcrWorker;
    const pid = w.pid!;
    expect(pid).not.toBe(process.pid);
    expect(alive(pid)).toBe(true);
    const res = (await w.recognize(await textImage('Total 12,50'))) as unknown as { data: { text: string } };
    expect(res.data.text).toMatch(/12,50/);
    // The child's resident size, as reported with its answer: tesseract plus a node runtime.
    expect(w.residentBytes()).toBeGreaterThan(30 * 1024 * 1024);
    await w.terminate();
    expect(await gone(pid)).toBe(true);
  });

  it('a recycled worker’s process exits; the next page gets a fresh one', async () => {
    const t = trackedStart();
    const pool = new OcrPool({ size: 1, recycleAfterPages: 1, startTimeoutMs: 30_000, startWorker: t.start });
    const png = await textImage('Total 7,25');
    const deadline = Date.now() + 60_000;
    expect((await pool.recognize(png, ['eng'], [], deadline)).text).toMatch(/7,25/);
    expect((await pool.recognize(png, ['eng'], [], deadline)).text).toMatch(/7,25/);
    expect(t.workers).toHaveLength(2);
    expect(await gone(t.workers[0]!.pid!)).toBe(true);
    expect(pool.idleWorkers).toBe(0);
    expect(await gone(t.workers[1]!.pid!)).toBe(true);
    await pool.shutdown();
  });

  it('a worker whose process grew above the memory bound is replaced before its page count', async () => {
    const t = trackedStart();
    // Any real worker is above 1 MB: each page must get a new process although 1,000 pages are allowed.
    const pool = new OcrPool({ size: 1, recycleAfterPages: 1000, recycleAboveBytes: 1024 * 1024, startTimeoutMs: 30_000, startWorker: t.start });
    const png = await textImage('Total 3,10');
    const deadline = Date.now() + 60_000;
    await pool.recognize(png, ['eng'], [], deadline);
    await pool.recognize(png, ['eng'], [], deadline);
    expect(pool.workersStarted).toBe(2);
    expect(await gone(t.workers[0]!.pid!)).toBe(true);
    await pool.shutdown();
    expect(await gone(t.workers[1]!.pid!)).toBe(true);
  });

  it('a page that runs past its deadline or is aborted kills its process', async () => {
    const t = trackedStart();
    const pool = new OcrPool({ size: 1, recycleAfterPages: 1000, startTimeoutMs: 30_000, startWorker: t.start });
    const small = await textImage('Warm');
    await pool.recognize(small, ['eng'], [], Date.now() + 60_000);
    // A big page, and a deadline far shorter than reading it takes.
    const big = await sharp({ create: { width: 2000, height: 2600, channels: 3, background: '#fff', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png().toBuffer();
    const err = await pool.recognize(big, ['eng'], [], Date.now() + 30).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExtractionError);
    expect((err as ExtractionError).code).toBe('timeout');
    expect(await gone(t.workers[0]!.pid!)).toBe(true);

    const stop = new AbortController();
    const reading = pool.recognize(big, ['eng'], [], Date.now() + 60_000, stop.signal).catch((e: unknown) => e);
    while (t.workers.length < 2) await new Promise((r) => setTimeout(r, 10));
    stop.abort();
    expect(((await reading) as ExtractionError).code).toBe('cancelled');
    expect(await gone(t.workers[1]!.pid!)).toBe(true);
    await pool.shutdown();
  });
});
