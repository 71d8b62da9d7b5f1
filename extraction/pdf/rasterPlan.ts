import { ExtractionError } from '../errors';

/** A page's size in PDF points (1/72 inch), as the PDF declares it. */
export interface PageSize {
  width: number;
  height: number;
}

export interface RasterLimits {
  /** The resolution OCR wants (300 dpi reads 8-pt text). */
  dpi: number;
  /** One page bitmap: bounds the memory of one render and one OCR pass. */
  maxPagePixels: number;
  /** All rendered pages of one file together: bounds the work one upload can demand. */
  maxDocumentPixels: number;
  /** Below this, scaled-down text is too small for OCR to read: refuse instead of guessing. */
  minDpi: number;
}

/**
 * The resolution each page is rendered at, decided from the declared page sizes before a single
 * pixel is allocated: a PDF is a few bytes of page size away from a gigapixel bitmap (PDF allows
 * 14,400 pt sides: 3.6 Gpx at 300 dpi). Pages above the page cap are scaled down to fit it; when
 * the document as a whole is above its cap, every page is scaled down alike. If that leaves a
 * page below `minDpi`, the file is refused with a sentence rather than read as noise.
 */
export function planRaster(pages: { page: number; size: PageSize }[], limits: RasterLimits): Map<number, number> {
  const pixelsAt = (s: PageSize, dpi: number) => (s.width / 72) * dpi * ((s.height / 72) * dpi);
  const plan = new Map<number, number>();
  let total = 0;
  for (const { page, size } of pages) {
    if (!(size.width > 0 && size.height > 0)) throw new ExtractionError('corrupt', `Page ${page} of the PDF has no size.`);
    const full = pixelsAt(size, limits.dpi);
    const dpi = full > limits.maxPagePixels ? limits.dpi * Math.sqrt(limits.maxPagePixels / full) : limits.dpi;
    plan.set(page, dpi);
    total += pixelsAt(size, dpi);
  }
  const docScale = total > limits.maxDocumentPixels ? Math.sqrt(limits.maxDocumentPixels / total) : 1;
  for (const { page, size } of pages) {
    const own = plan.get(page)!;
    if (own < limits.minDpi) {
      const inches = `${fmt(size.width / 72)} × ${fmt(size.height / 72)} inches`;
      throw new ExtractionError(
        'too_large',
        `Page ${page} of the PDF is ${inches}, too large to scan at a readable resolution; please send it at its real paper size.`,
      );
    }
    const dpi = own * docScale;
    if (dpi < limits.minDpi) {
      throw new ExtractionError(
        'too_large',
        `The PDF's ${pages.length} scanned pages are too many to read at a readable resolution; please send the invoice on its own.`,
      );
    }
    plan.set(page, dpi);
  }
  return plan;
}

const fmt = (n: number) => (n >= 10 ? n.toFixed(0) : n.toFixed(1));
