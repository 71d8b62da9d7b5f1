import { ExtractionError } from './errors';
import { fileSha256 } from './hash';
import { Limiter, withTimeout } from './limiter';
import { OcrPool } from './ocr/pool';
import { LanguageAwareOcr } from './ocr/recognize';
import { toTesseractCode } from './ocr/langData';
import { preprocessImage } from './ocr/preprocess';
import { parseInvoiceText as parseText, type ParsedFields } from './parse/fields';
import { hasUsableText, readPdfText } from './pdf/pdfText';
import { rasterizePages, timeoutError } from './pdf/rasterize';
import { loadSettings, type ExtractionSettings } from './settings';
import { describeKind, sniffFileKind } from './sniff';

export { ExtractionError, fileSha256 };
export type { ExtractionErrorCode } from './errors';

export interface ExtractionOptions {
  languages?: string[];
  extraLangDirs?: string[];
  maxFileBytes?: number;
  maxPages?: number;
  timeoutMs?: number;
  /** Read an embedded or uploaded structured e-invoice (default true); false = read only the visible page. */
  einvoice?: boolean;
}

/** What the extractor returns: the parsed fields (see parse/fields.ts), how they were read, and from how many pages. */
export interface ExtractedFields extends ParsedFields {
  source: 'text' | 'ocr';
  pages: number;
}

export function parseInvoiceText(text: string): Omit<ExtractedFields, 'source' | 'pages'> {
  return parseText(text) satisfies ParsedFields;
}

let settings: ExtractionSettings | null = null;
let pool: OcrPool | null = null;
let heavy: Limiter | null = null;

function shared() {
  settings ??= loadSettings();
  pool ??= new OcrPool({
    size: settings.maxConcurrentOcr,
    recycleAfterPages: settings.recycleWorkerAfterPages,
    startTimeoutMs: settings.workerStartTimeoutMs,
  });
  // Rasterizing and OCR of one file hold a slot: a burst of uploads queues instead of
  // multiplying page bitmaps and workers.
  heavy ??= new Limiter(settings.maxConcurrentOcr);
  return { settings, pool, heavy };
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
    throw new ExtractionError('unsupported_type', `The file is ${describeKind(kind)}; only PDF, JPEG, PNG, WebP and TIFF files can be read.`);
  }
  const deadline = Date.now() + timeoutMs;
  const run = kind === 'pdf' ? extractPdf(file, maxPages, deadline, opts) : extractImage(file, deadline, opts);
  return withTimeout(run, timeoutMs, timeoutError);
}

function ocrLanguages(opts: ExtractionOptions, s: ExtractionSettings) {
  return {
    langs: (opts.languages ?? s.languages).map(toTesseractCode),
    dirs: opts.extraLangDirs ?? s.extraLangDirs,
  };
}

async function extractPdf(file: Buffer, maxPages: number, deadline: number, opts: ExtractionOptions): Promise<ExtractedFields> {
  const { settings: s, pool: p, heavy: h } = shared();
  const warnings: string[] = [];
  if (!file.subarray(Math.max(0, file.length - 1024)).toString('latin1').includes('%%EOF')) {
    warnings.push('The PDF looks truncated (no end-of-file marker); some content may be missing.');
  }
  const text = await readPdfText(file, maxPages);
  const needOcr = text.pageTexts.map((t, i) => (hasUsableText(t) ? 0 : i + 1)).filter((n) => n > 0);
  if (needOcr.length === 0) {
    return finish(parseText(text.pageTexts.join('\n')), 'text', text.pages, warnings, null);
  }
  const { langs, dirs } = ocrLanguages(opts, s);
  return h.run(async () => {
    const pageTexts = [...text.pageTexts];
    const confs: number[] = [];
    const ocr = new LanguageAwareOcr(p, langs, dirs, deadline);
    for await (const { page, png } of rasterizePages(file, needOcr, s.ocrDpi, deadline)) {
      const r = await ocr.page(png);
      pageTexts[page - 1] = r.text;
      confs.push(r.confidence);
    }
    const mixed = needOcr.length < text.pages;
    if (mixed) warnings.push(`Pages ${needOcr.join(', ')} had no text layer and were read by OCR.`);
    const meanConf = confs.reduce((a, b) => a + b, 0) / Math.max(1, confs.length);
    return finish(parseText(pageTexts.join('\n')), 'ocr', text.pages, warnings, meanConf);
  });
}

async function extractImage(file: Buffer, deadline: number, opts: ExtractionOptions): Promise<ExtractedFields> {
  const { settings: s, pool: p, heavy: h } = shared();
  const { langs, dirs } = ocrLanguages(opts, s);
  return h.run(async () => {
    const prepared = await preprocessImage(file);
    const warnings: string[] = [];
    if (prepared.scaled < 1) warnings.push(`The image was downscaled to ${prepared.width}×${prepared.height} px for OCR.`);
    const r = await new LanguageAwareOcr(p, langs, dirs, deadline).page(prepared.png);
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
  return { ...parsed, confidence, source, pages, warnings: [...warnings, ...parsed.warnings] };
}
