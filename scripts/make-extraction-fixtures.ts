/**
 * Generates the labelled extraction corpus in test/fixtures/extraction/:
 *   <id>.pdf            text PDF made with pdfkit (DejaVu Sans: covers õ ä ö ü š ž é è à ç)
 *   <id>.expected.json  the fields a perfect extractor returns
 *   scan-*.jpg|png|pdf  "scanned" versions: pdftoppm → sharp (rotation, noise, JPEG), one
 *                       image-only PDF and one photo stored sideways with an EXIF orientation
 * Deterministic (seeded noise, fixed PDF dates) so regenerating gives the same files.
 * Usage: npx tsx scripts/make-extraction-fixtures.ts
 */
import { existsSync, mkdirSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { FONT, renderPdf } from './fixtures/render-pdf';
import { imagePdf, scan } from './fixtures/scan';
import { expected } from './fixtures/spec';
import { SPECS } from './fixtures/specs';

const OUT = path.resolve('test/fixtures/extraction');

async function main() {
  if (!existsSync(FONT)) throw new Error(`Font ${FONT} is missing (fonts-dejavu-core).`);
  mkdirSync(OUT, { recursive: true });
  for (const f of readdirSync(OUT)) if (/\.(pdf|jpg|png|json)$/.test(f)) unlinkSync(path.join(OUT, f));
  const pdfs = new Map<string, Buffer>();
  for (const s of SPECS) {
    const pdf = await renderPdf(s);
    pdfs.set(s.id, pdf);
    writeFileSync(path.join(OUT, `${s.id}.pdf`), pdf);
    writeFileSync(path.join(OUT, `${s.id}.expected.json`), `${JSON.stringify({ source: 'text', ...expected(s) }, null, 2)}\n`);
  }
  const scans: { from: string; name: string; opts: Parameters<typeof scan>[1]; wrapPdf?: boolean }[] = [
    { from: 'en-invoice-uk', name: 'scan-en-invoice-uk-300dpi.jpg', opts: { dpi: 300, angle: 0.6, noise: 30, quality: 60, seed: 1, format: 'jpeg' } },
    { from: 'et-arve-twocol', name: 'scan-et-arve-twocol-200dpi.jpg', opts: { dpi: 200, angle: -0.8, noise: 36, quality: 70, seed: 2, format: 'jpeg' } },
    { from: 'fr-facture-sas', name: 'scan-fr-facture-sas-200dpi.jpg', opts: { dpi: 200, angle: 0.4, noise: 30, quality: 70, seed: 3, format: 'jpeg' } },
    { from: 'et-kviitung-pood', name: 'scan-et-kviitung-photo.jpg', opts: { dpi: 300, angle: 1.2, noise: 40, quality: 75, seed: 4, format: 'jpeg', exifRotate: true } },
    { from: 'fr-ticket-caisse', name: 'scan-fr-ticket-caisse.png', opts: { dpi: 250, angle: -0.5, noise: 20, quality: 0, seed: 5, format: 'png' } },
    { from: 'en-invoice-de-gmbh', name: 'scan-en-invoice-de-gmbh-image-only.pdf', opts: { dpi: 200, angle: 0.3, noise: 24, quality: 70, seed: 6, format: 'jpeg' }, wrapPdf: true },
    { from: 'et-arve-footer', name: 'scan-et-arve-footer-150dpi.jpg', opts: { dpi: 150, angle: 0.2, noise: 16, quality: 80, seed: 7, format: 'jpeg' } },
  ];
  for (const sc of scans) {
    const spec = SPECS.find((s) => s.id === sc.from)!;
    let buf: Buffer = await scan(pdfs.get(sc.from)!, sc.opts);
    if (sc.wrapPdf) {
      const meta = await sharp(buf).metadata();
      buf = await imagePdf(buf, meta.width!, meta.height!);
    }
    writeFileSync(path.join(OUT, sc.name), buf);
    const base = sc.name.replace(/\.(jpg|png|pdf)$/, '');
    writeFileSync(path.join(OUT, `${base}.expected.json`), `${JSON.stringify({ source: 'ocr', ...expected(spec) }, null, 2)}\n`);
  }
  const total = readdirSync(OUT).reduce((a, f) => a + (existsSync(path.join(OUT, f)) ? statSync(path.join(OUT, f)).size : 0), 0);
  console.log(`Wrote ${SPECS.length} text PDFs and ${scans.length} scans to ${OUT} (${(total / 1024 / 1024).toFixed(2)} MB).`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
