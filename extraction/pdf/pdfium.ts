import { PDFiumLibrary, type PDFiumDocument } from '@hyzyla/pdfium';
import type { PageSize } from './rasterPlan';

let library: Promise<PDFiumLibrary> | null = null;

/** One PDFium WebAssembly instance per process (~60 ms to start); documents are opened per file. */
function pdfium(): Promise<PDFiumLibrary> {
  library ??= PDFiumLibrary.init().catch((err: unknown) => {
    library = null;
    throw err;
  });
  return library;
}

/** Gray bytes → binary PGM: tesseract.js (leptonica) reads it as is, with no encoding cost. */
export function toPgm(width: number, height: number, gray: Uint8Array): Buffer {
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
  return Buffer.concat([header, gray], header.length + gray.length);
}

export interface OpenPdf {
  pageSize(page: number): PageSize;
  /** A grayscale PGM of the 1-based page at `dpi`. */
  render(page: number, dpi: number): Promise<Buffer>;
  close(): void;
}

/**
 * PDFium (BSD-3-Clause, Chrome's PDF engine) built to WebAssembly, from npm: no system package.
 * It renders synchronously on the calling thread (~0.3 s for a 300-dpi scan page); its heap
 * keeps its high-water mark, which is why pages are capped before rendering (rasterPlan.ts).
 */
export async function openWithPdfium(pdf: Buffer): Promise<OpenPdf> {
  const lib = await pdfium();
  const doc: PDFiumDocument = await lib.loadDocument(new Uint8Array(pdf));
  return {
    pageSize(page) {
      const p = doc.getPage(page - 1);
      try {
        const { originalWidth, originalHeight } = p.getOriginalSize();
        return { width: originalWidth, height: originalHeight };
      } finally {
        // The wrapper closes a page only after render(); a size lookup must not keep one loaded.
        const raw = p as unknown as { module: { _FPDF_ClosePage(page: number): void }; pageIdx: number };
        raw.module._FPDF_ClosePage(raw.pageIdx);
      }
    },
    async render(page, dpi) {
      const r = await doc.getPage(page - 1).render({ scale: dpi / 72, colorSpace: 'Gray', render: 'bitmap' });
      return toPgm(r.width, r.height, r.data);
    },
    close: () => doc.destroy(),
  };
}
