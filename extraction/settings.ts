import { existsSync } from 'node:fs';

/**
 * Process-wide knobs. Per-call limits come from ExtractionOptions; these come from the
 * environment because they size shared resources (the OCR pool) that every call shares.
 */
export interface ExtractionSettings {
  maxFileBytes: number;
  maxPages: number;
  timeoutMs: number;
  languages: string[];
  extraLangDirs: string[];
  /**
   * Concurrent OCR files (and OCR worker processes), default 1: each worker process holds ~200 MB
   * once it has read a 300-dpi page, so with one the extraction worker and its OCR stay under
   * 500 MB (npm run bench:soak). A page takes ~1 s; raise it where memory is plentiful.
   */
  maxConcurrentOcr: number;
  /** tesseract.js memory grows with pages recognised; a fresh worker costs ~0.2 s. */
  recycleWorkerAfterPages: number;
  /** A worker process above this resident size (bytes) after a page is replaced; 0 = page count only. */
  recycleWorkerAboveBytes: number;
  /** `process` (default): each OCR worker is a child process, recycled whole; `thread`: a worker thread here. */
  ocrIsolation: 'process' | 'thread';
  workerStartTimeoutMs: number;
  ocrDpi: number;
  /** Pixel caps for rendering PDF pages (see pdf/rasterPlan.ts). */
  maxPagePixels: number;
  maxDocumentPixels: number;
  minOcrDpi: number;
  /** `auto` (PDFium, then pdftoppm, then pdf.js) or one engine by name; see pdf/rasterize.ts. */
  rasterizer: 'auto' | 'pdfium' | 'pdftoppm' | 'pdfjs';
}

const num = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

const list = (name: string): string[] | undefined => {
  const raw = process.env[name];
  if (!raw) return undefined;
  return raw.split(/[,:;+]/).map((s) => s.trim()).filter(Boolean);
};

export const SYSTEM_TESSDATA = '/usr/share/tesseract-ocr/5/tessdata';

export function loadSettings(): ExtractionSettings {
  const langDirs = list('EXTRACTION_LANG_DIRS') ?? (existsSync(SYSTEM_TESSDATA) ? [SYSTEM_TESSDATA] : []);
  return {
    maxFileBytes: num('EXTRACTION_MAX_FILE_BYTES', 25 * 1024 * 1024),
    maxPages: num('EXTRACTION_MAX_PAGES', 50),
    timeoutMs: num('EXTRACTION_TIMEOUT_MS', 120_000),
    // Estonian first: its model keeps õ ä ö ü š ž and reads English as well (see ocr/recognize.ts).
    languages: list('EXTRACTION_LANGUAGES') ?? ['est', 'eng', 'fra'],
    extraLangDirs: langDirs,
    maxConcurrentOcr: num('EXTRACTION_MAX_CONCURRENT_OCR', 1),
    recycleWorkerAfterPages: num('EXTRACTION_RECYCLE_AFTER_PAGES', 40),
    // A 300-dpi A4 page leaves a worker at ~200-230 MB; a far bigger page pushes it past this, and it is replaced.
    recycleWorkerAboveBytes: num('EXTRACTION_RECYCLE_ABOVE_MB', 320) * 1024 * 1024,
    ocrIsolation: process.env.EXTRACTION_OCR_ISOLATION === 'thread' ? 'thread' : 'process',
    workerStartTimeoutMs: num('EXTRACTION_WORKER_START_TIMEOUT_MS', 20_000),
    ocrDpi: num('EXTRACTION_OCR_DPI', 300),
    // 40 MP: an A2 page at 300 dpi (34.8 MP) still renders in full; an A4 page is 8.7 MP.
    maxPagePixels: num('EXTRACTION_MAX_PAGE_PIXELS', 40_000_000),
    // 500 MP: the 50 A4 pages maxPages allows (435 MP) at full resolution, bigger ones scaled down.
    maxDocumentPixels: num('EXTRACTION_MAX_DOCUMENT_PIXELS', 500_000_000),
    // Below 50 dpi 10-pt text is under 7 px tall: no OCR reads it. A 14,400 pt page fits 40 MP at 32 dpi.
    minOcrDpi: num('EXTRACTION_MIN_OCR_DPI', 50),
    rasterizer: (['pdfium', 'pdftoppm', 'pdfjs'] as const).find((r) => r === process.env.EXTRACTION_RASTERIZER) ?? 'auto',
  };
}
