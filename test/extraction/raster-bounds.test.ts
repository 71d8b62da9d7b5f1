// Rendering pages for OCR is bounded: a page's pixels are planned from its declared size before
// anything is allocated, so a tiny PDF with a huge page cannot take gigabytes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { ExtractionError, extractDocument, shutdownOcr } from '../../extraction/index';
import { rasterizePages, type Rasterizer } from '../../extraction/pdf/rasterize';
import { planRaster } from '../../extraction/pdf/rasterPlan';
import { loadSettings } from '../../extraction/settings';
import { FIXTURES } from './corpus';
import { makePdf } from './helpers';

afterAll(async () => {
  await shutdownOcr();
});

const s = loadSettings();
const limits = { dpi: 300, maxPagePixels: s.maxPagePixels, maxDocumentPixels: s.maxDocumentPixels, minDpi: s.minOcrDpi };

/** Width and height of a PGM (PDFium, pdftoppm) or PNG (pdf.js) page image. */
async function dimensions(img: Buffer): Promise<{ width: number; height: number }> {
  const pgm = /^P5\s+(\d+)\s+(\d+)\s/.exec(img.subarray(0, 32).toString('latin1'));
  if (pgm) return { width: Number(pgm[1]), height: Number(pgm[2]) };
  const meta = await sharp(img).metadata();
  return { width: meta.width!, height: meta.height! };
}

async function render(pdf: Buffer, prefer: Rasterizer, maxPagePixels = limits.maxPagePixels) {
  const out = [];
  const opts = { limits: { ...limits, maxPagePixels }, deadline: Date.now() + 60_000, prefer };
  for await (const p of rasterizePages(pdf, [1], opts)) out.push({ ...p, ...(await dimensions(p.png)) });
  return out;
}

// An image-only page (no text layer) of the given size in points, with a few shapes on it.
const bigPage = (side: number) => makePdf(1, { size: [side, side] }, (doc) => doc.rect(side / 4, side / 4, side / 2, side / 8).fill('#333'));

describe('bounded rasterizing', { timeout: 60_000 }, () => {
  it('refuses a 14,400 × 14,400 pt page with one sentence, without allocating its bitmap', async () => {
    const pdf = await bigPage(14_400);
    expect(pdf.length).toBeLessThan(5_000);
    const before = process.memoryUsage().rss;
    const err = await extractDocument(pdf, 'poster.pdf').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExtractionError);
    expect((err as ExtractionError).code).toBe('too_large');
    expect((err as ExtractionError).message).toBe(
      'Page 1 of the PDF is 200 × 200 inches, too large to scan at a readable resolution; please send it at its real paper size.',
    );
    // At 300 dpi the page alone would be 3.6 gigapixels; the plan refused it before rendering.
    expect(process.memoryUsage().rss - before).toBeLessThan(300 * 1024 * 1024);
  });

  it('scales a page above the default page cap down to fit it', async () => {
    const [page] = await render(await bigPage(3_000), 'pdfium');
    // 3,000 pt at 300 dpi is 12,500 px a side (156 MP); the cap allows 40 MP.
    expect(page!.width * page!.height).toBeLessThanOrEqual(s.maxPagePixels);
    expect(page!.width * page!.height).toBeGreaterThan(s.maxPagePixels * 0.95);
    expect(page!.dpi).toBeCloseTo(300 * Math.sqrt(s.maxPagePixels / (12_500 * 12_500)), 5);
  });

  it.each(['pdfium', 'pdfjs'] as const)('keeps to the page cap with %s', async (engine) => {
    const cap = 2_000_000;
    const [page] = await render(await bigPage(1_000), engine, cap);
    expect(page!.rasterizer).toBe(engine);
    expect(page!.width * page!.height).toBeLessThanOrEqual(cap);
    expect(page!.width * page!.height).toBeGreaterThan(cap * 0.95);
  });

  it('renders an A4 scan with PDFium as a 300-dpi grayscale PGM, needing no system package', async () => {
    const [page] = await render(readFileSync(path.join(FIXTURES, 'scan-en-invoice-de-gmbh-image-only.pdf')), 'pdfium');
    expect(page!.png.subarray(0, 2).toString('latin1')).toBe('P5');
    expect(page!.dpi).toBe(300);
    expect(Math.abs(page!.width - 2480)).toBeLessThanOrEqual(2);
    expect(Math.abs(page!.height - 3508)).toBeLessThanOrEqual(5);
    // Grayscale: one byte per pixel after the header.
    expect(page!.png.length).toBeLessThan(page!.width * page!.height + 64);
  });

  it('scales every page alike when the document is over its cap, and refuses when that is unreadable', () => {
    const a4 = { width: 595, height: 842 };
    const pages = Array.from({ length: 10 }, (_, i) => ({ page: i + 1, size: a4 }));
    const plan = planRaster(pages, { ...limits, maxDocumentPixels: 10 * 8_700_000 * 0.25 });
    expect([...new Set(plan.values())].map((d) => Math.round(d))).toEqual([150]);
    expect(() => planRaster(pages, { ...limits, maxDocumentPixels: 10 * 8_700_000 * 0.01 })).toThrow(
      "The PDF's 10 scanned pages are too many to read at a readable resolution; please send the invoice on its own.",
    );
  });
});
