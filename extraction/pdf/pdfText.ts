import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api';
import { ExtractionError } from '../errors';
import { bandsToText, type Band } from '../parse/rows';

export interface PdfText {
  pages: number;
  pageTexts: string[];
}

/** pdf.js names its errors; we map them to our codes without importing its classes. */
export function pdfError(err: unknown): ExtractionError {
  const name = (err as { name?: string })?.name ?? '';
  const message = String((err as { message?: string })?.message ?? err);
  if (name === 'PasswordException' || /password/i.test(message)) {
    return new ExtractionError('encrypted', 'The PDF is password-protected; please send a copy without a password.', { cause: err });
  }
  return new ExtractionError('corrupt', 'The PDF is damaged or incomplete and cannot be read.', { cause: err });
}

/**
 * Text PDFs: a column gap is at least ~1 font height; kerned glyph runs that pdf.js splits
 * into several items sit closer than a tenth of it and are joined without a space.
 */
const PDF_ROWS = { cellGap: 1.0, joinGap: 0.12 };

/**
 * One page's text items placed where they stand (pdf.js coordinates, y downwards), rebuilt into
 * rows by parse/rows.ts. Sideways text (margin notes, vertical stamps) is left out: it has no
 * row to belong to.
 */
async function pageText(doc: PDFDocumentProxy, n: number): Promise<string> {
  const page = await doc.getPage(n);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const bands: Band[] = [];
    for (const it of content.items) {
      const item = it as TextItem;
      if (typeof item.str !== 'string' || !item.str.trim()) continue;
      const [a, b, , , e, f] = item.transform as number[];
      if (Math.abs(b!) > Math.abs(a!)) continue;
      const [x, y] = viewport.convertToViewportPoint(e!, f!) as [number, number];
      const h = Math.max(1, item.height || Math.hypot(a!, b!));
      const box = { text: item.str, x0: x, x1: x + item.width, y0: y - h, y1: y };
      bands.push({ y0: box.y0, y1: box.y1, words: [box] });
    }
    return bandsToText(bands, PDF_ROWS);
  } finally {
    page.cleanup();
  }
}

/** Page count first (cheap), so an over-long PDF is refused before any text is pulled. */
export async function readPdfText(buf: Buffer, maxPages: number): Promise<PdfText> {
  // pdf.js may transfer (detach) the array it is given; keep the caller's buffer intact.
  const task = getDocument({ data: new Uint8Array(buf), verbosity: 0, isEvalSupported: false });
  let doc: PDFDocumentProxy | null = null;
  try {
    try {
      doc = await task.promise;
    } catch (err) {
      throw pdfError(err);
    }
    const pages = doc.numPages;
    if (!pages || pages < 1) throw new ExtractionError('corrupt', 'The PDF has no pages.');
    if (pages > maxPages) {
      throw new ExtractionError('too_many_pages', `The PDF has ${pages} pages; the limit is ${maxPages}, so please send the invoice on its own.`);
    }
    const pageTexts: string[] = [];
    for (let n = 1; n <= pages; n++) {
      try {
        pageTexts.push(await pageText(doc, n));
      } catch (err) {
        throw pdfError(err);
      }
    }
    return { pages, pageTexts };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

/** A page "has text" when it has real words, not just a page separator or a stray glyph. */
export function hasUsableText(text: string): boolean {
  return (text.match(/\p{L}/gu)?.length ?? 0) >= 20;
}
