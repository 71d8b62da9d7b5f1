/**
 * npm run bench:soak
 * Memory of the extraction worker over many OCR pages, as the Temporal worker runs them:
 * `extractDocument` on image-only PDFs and photos, SOAK_CONCURRENCY (default 2) files at a time,
 * until SOAK_PAGES (default 1000) pages have been OCRed. Every SOAK_EVERY (100) pages it prints the RSS of this
 * process, of its OCR child processes, their sum, and the sum of PSS (shared pages such as the
 * node binary counted once). Inputs: the scanned fixtures (test/fixtures/extraction/scan-*) and,
 * when present, the receipts corpus (../shared/corpus/receipts-sroie or SOAK_DIR).
 * EXTRACTION_OCR_ISOLATION=thread measures the old in-process worker threads for comparison.
 * Last lines: SOAK_BASELINE_MB, SOAK_AT_200_MB, SOAK_PEAK_MB, SOAK_AT_END_MB, SOAK_FLAT (max
 * deviation from page 200 on, in % of the page-200 figure).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extractDocument, ocrStats, shutdownOcr } from '../../extraction/index';
import { treeMemory } from './procMemory';

const PAGES = Number(process.env.SOAK_PAGES ?? 1000);
const CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 2);
/** Pages between two RSS lines (default 100). */
const EVERY = Number(process.env.SOAK_EVERY ?? 100);
const FIX = path.resolve('test/fixtures/extraction');
const CORPUS = process.env.SOAK_DIR ?? path.resolve('../shared/corpus/receipts-sroie');
const mb = (n: number) => Math.round(n / 1024 / 1024);

function inputs(): { name: string; buf: Buffer }[] {
  const pick = (dir: string, re: RegExp) =>
    existsSync(dir) ? readdirSync(dir).filter((f) => re.test(f)).sort().map((f) => ({ name: f, buf: readFileSync(path.join(dir, f)) })) : [];
  return [...pick(FIX, /^scan-.*\.(pdf|jpg|png)$/), ...pick(CORPUS, /\.(jpe?g|png)$/i)];
}

function report(label: string): number {
  const m = treeMemory(process.pid);
  console.log(
    `${label.padEnd(22)} worker ${String(mb(m.selfRss)).padStart(4)} MB + ${m.children} OCR processes ${String(mb(m.childrenRss)).padStart(4)} MB = ` +
      `RSS ${String(mb(m.totalRss)).padStart(4)} MB (PSS ${mb(m.totalPss)} MB; JS heap ${mb(process.memoryUsage().heapUsed)} MB)`,
  );
  return m.totalRss;
}

async function main() {
  const files = inputs();
  if (!files.length) throw new Error('No scanned inputs found.');
  console.log(`# soak: ${PAGES} OCR pages, ${CONCURRENCY} files at a time, ${files.length} inputs, ${os.cpus().length} cores, load ${os.loadavg()[0]!.toFixed(1)}`);
  // A text PDF first: pdf.js loaded and used, as a worker has after its first upload, no OCR yet.
  await extractDocument(readFileSync(path.join(FIX, 'en-invoice-uk.pdf')), 'warm.pdf');
  global.gc?.();
  const baseline = report('baseline (no OCR yet)');
  const samples = new Map<number, number>();
  let peak = baseline;
  const poll = setInterval(() => (peak = Math.max(peak, treeMemory(process.pid).totalRss)), 250);
  const t0 = performance.now();
  let next = 0;
  let done = 0;
  let failed = 0;
  let nextReport = EVERY;
  const lane = async () => {
    while (ocrStats().pagesRecognised < PAGES) {
      const f = files[next++ % files.length]!;
      try {
        await extractDocument(f.buf, f.name, { timeoutMs: 600_000 });
      } catch (err) {
        failed++;
        console.log(`  ${f.name}: ${(err as Error).message}`);
      }
      done++;
      while (ocrStats().pagesRecognised >= nextReport && nextReport <= PAGES) {
        samples.set(nextReport, report(`page ${nextReport}`));
        nextReport += EVERY;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  clearInterval(poll);
  const wall = performance.now() - t0;
  const pages = ocrStats().pagesRecognised;
  const end = report(`end (${pages} pages)`);
  await shutdownOcr();
  await new Promise((r) => setTimeout(r, 500));
  report('after shutdownOcr');
  // "From page 200 on", or from the first sample at or after it when pages are counted otherwise.
  const first = [...samples.keys()].find((p) => p >= Math.min(200, PAGES));
  const from200 = [...samples].filter(([p]) => first !== undefined && p >= first).map(([, v]) => v);
  const at200 = first !== undefined ? samples.get(first)! : end;
  const flat = from200.length ? Math.max(...from200.map((v) => Math.abs(v - at200))) / at200 : 0;
  console.log(`${done} files (${failed} failed), ${pages} pages, ${ocrStats().workersStarted} OCR workers started, ${(wall / pages).toFixed(0)} ms/page wall`);
  console.log(`SOAK_BASELINE_MB=${mb(baseline)}`);
  console.log(`SOAK_AT_200_MB=${mb(at200)}`);
  console.log(`SOAK_PEAK_MB=${mb(peak)}`);
  console.log(`SOAK_AT_END_MB=${mb(end)}`);
  console.log(`SOAK_FLAT=${(flat * 100).toFixed(1)}%`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
