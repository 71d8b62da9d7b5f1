import { ExtractionError, timeoutError } from './errors';
import { fileSha256 } from './hash';
import { Limiter, withTimeout } from './limiter';
import { OcrPool, startThreadWorker } from './ocr/pool';
import { LanguageAwareOcr } from './ocr/recognize';
import { toTesseractCode } from './ocr/langData';
import { preprocessImage } from './ocr/preprocess';
import { parseInvoiceText as parseText, type ParsedFields } from './parse/fields';
import { hasUsableText, readPdfText } from './pdf/pdfText';
import { rasterizePages } from './pdf/rasterize';
import { loadSettings, type ExtractionSettings } from './settings';
import { describeKind, sniffFileKind } from './sniff';
import { readEmbeddedEInvoice } from './einvoice/pdf';
import { readXmlUpload } from './einvoice/upload';
import type { ExtractedFields } from './types';

export { ExtractionError, fileSha256 };
export type { ExtractionErrorCode } from './errors';
export type { ExtractedFields, ExtractedLine, ReadBy } from './types';

export interface ExtractionOptions {
  languages?: string[];
  extraLangDirs?: string[];
  maxFileBytes?: number;
  maxPages?: number;
  /** Working time allowed for the file; time spent queued behind other files' OCR is not counted. */
  timeoutMs?: number;
  /** Read a structured e-invoice (XML upload, XML embedded in a PDF) exactly; default true. false = read the visible page only. */
  einvoice?: boolean;
  /** The caller gave up (e.g. the activity was cancelled): a queued file leaves the queue unread. */
  signal?: AbortSignal;
}

export function parseInvoiceText(text: string): ParsedFields {
  return parseText(text);
}

let settings: ExtractionSettings | null = null;
let pool: OcrPool | null = null;
let heavy: Limiter | null = null;

function shared() {
  settings ??= loadSettings();
  pool ??= new OcrPool({
    size: settings.maxConcurrentOcr,
    recycleAfterPages: settings.recycleWorkerAfterPages,
    recycleAboveBytes: settings.recycleWorkerAboveBytes,
    startTimeoutMs: settings.workerStartTimeoutMs,
    ...(settings.ocrIsolation === 'thread' ? { startWorker: startThreadWorker } : {}),
  });
  // Rasterizing and OCR of one file hold a slot: a burst of uploads queues instead of
  // multiplying page bitmaps and workers.
  heavy ??= new Limiter(settings.maxConcurrentOcr);
  return { settings, pool, heavy };
}

/** For tests and the bench: OCR through this pool, `concurrency` files at a time. */
export function useOcrPool(replacement: OcrPool, concurrency: number): void {
  settings ??= loadSettings();
  pool = replacement;
  heavy = new Limiter(concurrency);
}

/** Terminates pooled OCR workers; the next OCR call starts fresh ones. */
export async function shutdownOcr(): Promise<void> {
  if (pool) await pool.shutdown();
}

/** For the bench and tests: pool counters. */
export function ocrStats(): { pagesRecognised: number; workersStarted: number } {
  return { pagesRecognised: pool?.pagesRecognised ?? 0, workersStarted: pool?.workersStarted ?? 0 };
}

export async function extractDocument(file: Buffer, fileName: string, opts: ExtractionOptions = {}): Promise<ExtractedFields> {
  const { settings: s } = shared();
  const maxFileBytes = opts.maxFileBytes ?? s.maxFileBytes;
  const maxPages = opts.maxPages ?? s.maxPages;
  const timeoutMs = opts.timeoutMs ?? s.timeoutMs;
  if (!Buffer.isBuffer(file) || file.length === 0) throw new ExtractionError('empty', `The file ${fileName || ''} is empty.`.replace('  ', ' '));
  if (file.length > maxFileBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(n >= 10 * 1024 * 1024 ? 0 : 1);
    throw new ExtractionError('too_large', `The file is ${mb(file.length)} MB; the limit is ${mb(maxFileBytes)} MB.`);
  }
  const kind = sniffFileKind(file);
  if (kind === 'heic' || kind === 'avif') {
    throw new ExtractionError('unsupported_type', `${kind === 'heic' ? 'HEIC' : 'AVIF'} photos are not supported yet; please send a JPEG, PNG or PDF instead.`);
  }
  if (kind === 'zip' || kind === 'unknown') {
    throw new ExtractionError('unsupported_type', `The file is ${describeKind(kind)}; only PDF, JPEG, PNG, WebP and TIFF files and XML e-invoices can be read.`);
  }
  if (kind === 'xml') return readXmlUpload(file, opts.einvoice !== false);
  return kind === 'pdf' ? extractPdf(file, maxPages, timeoutMs, opts) : extractImage(file, timeoutMs, opts);
}

/**
 * Runs a file's rasterizing and OCR in one of the few heavy slots. Its deadline starts when it
 * gets the slot: in a burst of uploads the later ones wait their turn instead of timing out in
 * the queue. When the time is up or the caller aborts, the work is told to stop (no further
 * page is rendered or recognised) and the slot is freed only once it has.
 */
function inOcrSlot<T>(timeoutMs: number, caller: AbortSignal | undefined, work: (deadline: number, signal: AbortSignal) => Promise<T>): Promise<T> {
  const { heavy: h } = shared();
  return h.run(async () => {
    const stop = new AbortController();
    const forward = () => stop.abort();
    caller?.addEventListener('abort', forward, { once: true });
    const running = work(Date.now() + timeoutMs, stop.signal);
    try {
      return await withTimeout(running, timeoutMs, timeoutError, caller);
    } finally {
      stop.abort();
      caller?.removeEventListener('abort', forward);
      await running.catch(() => undefined);
    }
  }, caller);
}

function ocrLanguages(opts: ExtractionOptions, s: ExtractionSettings) {
  return {
    langs: (opts.languages ?? s.languages).map(toTesseractCode),
    dirs: opts.extraLangDirs ?? s.extraLangDirs,
  };
}

async function extractPdf(file: Buffer, maxPages: number, timeoutMs: number, opts: ExtractionOptions): Promise<ExtractedFields> {
  const { settings: s, pool: p } = shared();
  const started = Date.now();
  const warnings: string[] = [];
  if (!file.subarray(Math.max(0, file.length - 1024)).toString('latin1').includes('%%EOF')) {
    warnings.push('The PDF looks truncated (no end-of-file marker); some content may be missing.');
  }
  const text = await withTimeout(readPdfText(file, maxPages), timeoutMs, timeoutError, opts.signal);
  if (opts.einvoice !== false) {
    const embedded = await readEmbeddedEInvoice(file, text.pageTexts);
    if (embedded && 'fields' in embedded) return { ...embedded.fields, warnings: [...warnings, ...embedded.fields.warnings] };
    if (embedded) warnings.push(embedded.warning);
  }
  const needOcr = text.pageTexts.map((t, i) => (hasUsableText(t) ? 0 : i + 1)).filter((n) => n > 0);
  if (needOcr.length === 0) {
    return finish(parseText(text.pageTexts.join('\n')), 'text', text.pages, warnings, null);
  }
  const { langs, dirs } = ocrLanguages(opts, s);
  const limits = { dpi: s.ocrDpi, maxPagePixels: s.maxPagePixels, maxDocumentPixels: s.maxDocumentPixels, minDpi: s.minOcrDpi };
  return inOcrSlot(timeoutMs - (Date.now() - started), opts.signal, async (deadline, signal) => {
    const pageTexts = [...text.pageTexts];
    const confs: number[] = [];
    const ocr = new LanguageAwareOcr(p, langs, dirs, deadline, signal);
    const reduced: string[] = [];
    for await (const { page, png, dpi } of rasterizePages(file, needOcr, { limits, deadline, signal, prefer: s.rasterizer })) {
      if (dpi < s.ocrDpi - 0.5) reduced.push(`${page} (${Math.round(dpi)} dpi)`);
      const r = await ocr.page(png);
      pageTexts[page - 1] = r.text;
      confs.push(r.confidence);
    }
    if (reduced.length) warnings.push(`Pages too large for the pixel limit were read at a lower resolution: ${reduced.join(', ')}.`);
    const mixed = needOcr.length < text.pages;
    if (mixed) warnings.push(`Pages ${needOcr.join(', ')} had no text layer and were read by OCR.`);
    const meanConf = confs.reduce((a, b) => a + b, 0) / Math.max(1, confs.length);
    return finish(parseText(pageTexts.join('\n')), 'ocr', text.pages, warnings, meanConf);
  });
}

async function extractImage(file: Buffer, timeoutMs: number, opts: ExtractionOptions): Promise<ExtractedFields> {
  const { settings: s, pool: p } = shared();
  const { langs, dirs } = ocrLanguages(opts, s);
  return inOcrSlot(timeoutMs, opts.signal, async (deadline, signal) => {
    const prepared = await preprocessImage(file);
    const warnings: string[] = [];
    if (prepared.scaled < 1) warnings.push(`The image was downscaled to ${prepared.width}×${prepared.height} px for OCR.`);
    const r = await new LanguageAwareOcr(p, langs, dirs, deadline, signal).page(prepared.png);
    return finish(parseText(r.text), 'ocr', 1, warnings, r.confidence);
  });
}

/** OCR doubt lowers every field's confidence: a clean scan keeps ~95 %, a poor one ~60 %. */
function finish(parsed: ParsedFields, source: 'text' | 'ocr', pages: number, warnings: string[], ocrConfidence: number | null): ExtractedFields {
  const confidence = { ...parsed.confidence };
  if (ocrConfidence !== null) {
    const factor = Math.min(1, Math.max(0.5, ocrConfidence / 100 + 0.05));
    for (const k of Object.keys(confidence)) confidence[k] = Math.round(confidence[k]! * factor * 100) / 100;
    if (ocrConfidence < 60) warnings.push('The scan is hard to read; please check every field.');
  }
  // supplierVatId and line netAmount: the keys of the truth files and outside scorers.
  const lines = parsed.lines.map((l) => ({ ...l, netAmount: l.amount }));
  if (confidence.supplierVatNo !== undefined) confidence.supplierVatId = confidence.supplierVatNo;
  return { supplierVatId: parsed.supplierVatNo, buyerName: null, ...parsed, lines, confidence, source, pages, warnings: [...warnings, ...parsed.warnings] };
}
