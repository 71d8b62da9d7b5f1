import { PDFParse } from 'pdf-parse';
import { ExtractionError } from '../errors';
import type { OpenPdf } from './pdfium';
import { pdfError } from './pdfText';
import type { PageSize } from './rasterPlan';

/** pdf.js through pdf-parse: always there, the slowest (~2 s per 300-dpi page) and the hungriest. */
export async function openWithPdfjs(pdf: Buffer): Promise<OpenPdf & { sizes: Map<number, PageSize>; close(): Promise<void> }> {
  // pdf.js may transfer (detach) the array it is given; keep the caller's buffer intact.
  const parser = new PDFParse({ data: new Uint8Array(pdf), verbosity: 0 });
  const sizes = new Map<number, PageSize>();
  try {
    const info = await parser.getInfo({ parsePageInfo: true });
    for (const p of info.pages ?? []) sizes.set(p.pageNumber, { width: p.width, height: p.height });
  } catch (err) {
    await parser.destroy().catch(() => undefined);
    throw pdfError(err);
  }
  return {
    sizes,
    pageSize: (page) => sizes.get(page) ?? { width: 0, height: 0 },
    async render(page, dpi) {
      let shot;
      try {
        shot = await parser.getScreenshot({ partial: [page], scale: dpi / 72, imageDataUrl: false, imageBuffer: true });
      } catch (err) {
        throw pdfError(err);
      }
      const data = shot.pages[0]?.data;
      if (!data) throw new ExtractionError('corrupt', `Page ${page} of the PDF could not be rendered.`);
      return Buffer.from(data);
    },
    close: () => parser.destroy().catch(() => undefined),
  };
}
