import { createWorker, type Worker } from 'tesseract.js';
import { cancelledError, ExtractionError, timeoutError as timeout } from '../errors';
import { Limiter, withTimeout } from '../limiter';
import { linesToText, type OcrLine } from './layout';
import { resolveLangData } from './langData';
import { startProcessWorker } from './processWorker';

export interface OcrPoolOptions {
  size: number;
  recycleAfterPages: number;
  startTimeoutMs: number;
  /** A worker whose process reports more resident memory than this after a page is recycled too (0 = no bound). */
  recycleAboveBytes?: number;
  /** Starts an OCR worker; tesseract.js in a child process by default. Tests count and pace recognitions with their own. */
  startWorker?: StartWorker;
}

/** The part of a tesseract.js worker the pool uses; a process-backed one also reports its RSS. */
export type OcrWorker = Pick<Worker, 'recognize' | 'setParameters' | 'terminate'> & { residentBytes?: () => number };
export type StartWorker = (langs: string, langPath: string) => Promise<OcrWorker>;

/** tesseract.js as a worker thread of this process (EXTRACTION_OCR_ISOLATION=thread; the bench compares). */
export const startThreadWorker: StartWorker = (langs, langPath) =>
  createWorker(langs, 1 /* LSTM only: best_int models */, {
    langPath,
    gzip: true,
    cacheMethod: 'none',
    // Without a handler tesseract.js throws from its message listener and kills the process.
    errorHandler: () => undefined,
  });

export interface OcrPage {
  text: string;
  /** Mean word confidence 0..100. */
  confidence: number;
}

interface Slot {
  worker: OcrWorker;
  key: string;
  pages: number;
}

/**
 * A small pool of tesseract.js workers. At most `size` recognitions run at once (each worker
 * holds 150-250 MB); a worker is terminated after `recycleAfterPages` pages, or as soon as its
 * process reports more than `recycleAboveBytes`, because its memory only grows, and it is
 * replaced lazily. Workers are keyed by language set and language dir. By default each worker
 * is a child process (processWorker.ts), so terminating it returns all of its memory.
 */
export class OcrPool {
  private readonly limiter: Limiter;
  private idle: Slot[] = [];
  private readonly busy = new Set<Slot>();
  private closed = false;
  pagesRecognised = 0;
  workersStarted = 0;

  constructor(private readonly opts: OcrPoolOptions) {
    this.limiter = new Limiter(Math.max(1, opts.size));
  }

  /** Queue time counts against `deadline` only as far as the caller's deadline says; an aborted `signal` leaves the queue. */
  async recognize(png: Buffer, langs: string[], extraDirs: string[], deadline: number, signal?: AbortSignal): Promise<OcrPage> {
    return this.limiter.run(async () => {
      if (signal?.aborted) throw cancelledError();
      if (Date.now() > deadline) throw timeout();
      const slot = await this.acquire(langs, extraDirs, deadline);
      this.busy.add(slot);
      let healthy = false;
      try {
        const res = await withTimeout(
          slot.worker.recognize(png, {}, { text: true, blocks: true }),
          deadline - Date.now(),
          timeout,
          signal,
        );
        healthy = true;
        slot.pages++;
        this.pagesRecognised++;
        const lines: OcrLine[] = [];
        const confidences: number[] = [];
        for (const b of res.data.blocks ?? []) {
          for (const p of b.paragraphs) {
            for (const l of p.lines) {
              lines.push({ bbox: l.bbox, words: l.words.map((w) => ({ text: w.text, confidence: w.confidence, bbox: w.bbox })) });
              for (const w of l.words) confidences.push(w.confidence);
            }
          }
        }
        const confidence = confidences.length ? confidences.reduce((a, b) => a + b, 0) / confidences.length : 0;
        return { text: lines.length ? linesToText(lines) : (res.data.text ?? ''), confidence };
      } finally {
        this.busy.delete(slot);
        // A timed-out worker is still chewing on the page; only terminating it frees it.
        if (!healthy || this.closed || slot.pages >= this.opts.recycleAfterPages || this.tooBig(slot)) void slot.worker.terminate().catch(() => undefined);
        else this.idle.push(slot);
      }
    }, signal);
  }

  private async acquire(langs: string[], extraDirs: string[], deadline: number): Promise<Slot> {
    const data = resolveLangData(langs, extraDirs);
    if (!data.langs.length) {
      throw new ExtractionError('ocr_unavailable', `No OCR language data was found for ${langs.join(', ')}.`);
    }
    const key = `${data.langs.join('+')}@${data.dir}`;
    const i = this.idle.findIndex((s) => s.key === key);
    if (i >= 0) return this.idle.splice(i, 1)[0]!;
    // Room for one more worker? Otherwise drop an idle one set up for other languages.
    if (this.idle.length + this.busy.size >= this.opts.size) {
      const stale = this.idle.shift();
      if (stale) void stale.worker.terminate().catch(() => undefined);
    }
    const start: StartWorker = this.opts.startWorker ?? startProcessWorker;
    const started = start(data.langs.join('+'), data.dir);
    let worker: OcrWorker;
    try {
      worker = await withTimeout(started, Math.min(this.opts.startTimeoutMs, Math.max(1, deadline - Date.now())), () =>
        new ExtractionError('ocr_unavailable', 'The OCR engine did not start in time.'),
      );
    } catch (err) {
      // If it does come up later, do not leak it.
      void started.then((w) => w.terminate()).catch(() => undefined);
      throw err;
    }
    this.workersStarted++;
    await worker.setParameters({ preserve_interword_spaces: '1', user_defined_dpi: '300' });
    return { worker, key, pages: 0 };
  }

  private tooBig(slot: Slot): boolean {
    const bound = this.opts.recycleAboveBytes ?? 0;
    return bound > 0 && (slot.worker.residentBytes?.() ?? 0) > bound;
  }

  async shutdown(): Promise<void> {
    this.closed = true;
    const all = [...this.idle, ...this.busy];
    this.idle = [];
    await Promise.all(all.map((s) => s.worker.terminate().catch(() => undefined)));
    this.closed = false;
  }

  get idleWorkers(): number {
    return this.idle.length;
  }
}
