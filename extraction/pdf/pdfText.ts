import { PDFParse } from 'pdf-parse';
import { ExtractionError } from '../errors';

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

/** Page count first (cheap), so an over-long PDF is refused before any text is pulled. */
export async function readPdfText(buf: Buffer, maxPages: number): Promise<PdfText> {
  // pdf.js may transfer (detach) the array it is given; keep the caller's buffer intact.
  const parser = new PDFParse({ data: new Uint8Array(buf), verbosity: 0 });
  try {
    let pages: number;
    try {
      pages = (await parser.getInfo()).total;
    } catch (err) {
      throw pdfError(err);
    }
    if (!pages || pages < 1) throw new ExtractionError('corrupt', 'The PDF has no pages.');
    if (pages > maxPages) {
      throw new ExtractionError('too_many_pages', `The PDF has ${pages} pages; the limit is ${maxPages}, so please send the invoice on its own.`);
    }
    let result;
    try {
      result = await parser.getText({ cellSeparator: '\t', pageJoiner: '' });
    } catch (err) {
      throw pdfError(err);
    }
    const pageTexts = Array.from({ length: pages }, (_, i) => result.pages.find((p) => p.num === i + 1)?.text ?? '');
    return { pages, pageTexts };
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

/** A page "has text" when it has real words, not just a page separator or a stray glyph. */
export function hasUsableText(text: string): boolean {
  return (text.match(/\p{L}/gu)?.length ?? 0) >= 20;
}
