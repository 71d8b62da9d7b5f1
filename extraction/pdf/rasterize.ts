import { ExtractionError } from '../errors';
import { openWithPdfium, type OpenPdf } from './pdfium';
import { openWithPdfjs } from './pdfjsRender';
import { findPdftoppm, openWithPdftoppm, type StopWhen } from './pdftoppm';
import { planRaster, type RasterLimits } from './rasterPlan';

export { findPdftoppm };
export type { RasterLimits };

/**
 * Which engine renders pages without a text layer. `auto` takes them in this order, the next
 * only when the one before cannot open the file: PDFium (WebAssembly from npm, always there,
 * as fast as pdftoppm or faster in `npm run bench:extract`), pdftoppm (only if the system has
 * poppler), pdf.js (always there, slowest).
 */
export type Rasterizer = 'pdfium' | 'pdftoppm' | 'pdfjs';

export interface RasterOptions {
  limits: RasterLimits;
  deadline: number;
  signal?: AbortSignal;
  prefer?: Rasterizer | 'auto';
}

export interface RasterPage {
  page: number;
  /** Grayscale PGM (PDFium, pdftoppm) or PNG (pdf.js). */
  png: Buffer;
  dpi: number;
  rasterizer: Rasterizer;
}

export const timeoutError = () => new ExtractionError('timeout', 'Reading the document took too long and was stopped.');
export const cancelledError = () => new ExtractionError('cancelled', 'Reading the document was cancelled.');

/**
 * Yields one grayscale image per requested page, one at a time, so at most one page bitmap is
 * alive per file whatever the page count; every page's resolution is planned from its declared
 * size before anything is rendered (rasterPlan.ts), so no page exceeds the pixel caps.
 */
export async function* rasterizePages(pdf: Buffer, pageNumbers: number[], opts: RasterOptions): AsyncGenerator<RasterPage> {
  const stop: StopWhen = { deadline: opts.deadline, signal: opts.signal, error: () => (opts.signal?.aborted ? cancelledError() : timeoutError()) };
  const { engine, name } = await openEngine(pdf, opts.prefer ?? 'auto', stop);
  try {
    const plan = planRaster(
      pageNumbers.map((page) => ({ page, size: engine.pageSize(page) })),
      opts.limits,
    );
    for (const page of pageNumbers) {
      if (opts.signal?.aborted || Date.now() > opts.deadline) throw stop.error();
      const dpi = plan.get(page)!;
      yield { page, png: await engine.render(page, dpi), dpi, rasterizer: name };
    }
  } finally {
    await engine.close();
  }
}

async function openEngine(pdf: Buffer, prefer: Rasterizer | 'auto', stop: StopWhen): Promise<{ engine: OpenPdf & { close(): void | Promise<void> }; name: Rasterizer }> {
  if (prefer === 'auto' || prefer === 'pdfium') {
    try {
      return { engine: await openWithPdfium(pdf), name: 'pdfium' };
    } catch (err) {
      if (prefer === 'pdfium') throw new ExtractionError('corrupt', 'The PDF could not be opened for rendering.', { cause: err });
      // pdf.js opened this file already (text layer); let the other engines try.
    }
  }
  const tool = prefer === 'pdfjs' ? null : findPdftoppm();
  const pdfjs = await openWithPdfjs(pdf);
  if (!tool) return { engine: pdfjs, name: 'pdfjs' };
  await pdfjs.close();
  return { engine: await openWithPdftoppm(tool, pdf, pdfjs.sizes, stop), name: 'pdftoppm' };
}
