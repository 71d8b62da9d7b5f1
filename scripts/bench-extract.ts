/**
 * npm run bench:extract
 * Figures for the extraction module on this machine:
 *   1. text PDFs: ms per page through pdf-parse + field parsing (corpus + a 20-page PDF)
 *   2. rasterizing a page at 300 dpi: PDFium (wasm), pdftoppm (when installed), pdf.js, same run
 *   3. OCR at 300 dpi: ms per page, warm worker, vs Debian's `tesseract` with OMP_THREAD_LIMIT=1
 *   4. RSS after BENCH_OCR_PAGES (default 200) OCR pages through the pooled, recycled workers
 *   5. structured e-invoices: ms per XML / Factur-X PDF (scripts/bench-einvoice.ts)
 * Everything is printed to stdout as a small report. BENCH_PARTS=raster (etc.) runs only some.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { extractDocument, shutdownOcr } from '../extraction/index';
import { benchEInvoices } from './bench-einvoice';
import { OcrPool } from '../extraction/ocr/pool';
import { findPdftoppm, rasterizePages, type Rasterizer } from '../extraction/pdf/rasterize';
import { loadSettings } from '../extraction/settings';

const FIX = path.resolve('test/fixtures/extraction');
const settings = loadSettings();
const LANGS = settings.languages;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function longPdf(pages: number): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((r) => doc.on('end', () => r(Buffer.concat(chunks))));
  for (let i = 1; i <= pages; i++) {
    doc.addPage();
    for (let l = 0; l < 40; l++) doc.fontSize(10).text(`Line ${l} of page ${i}: Consulting services 2 x 150,00 = 300,00 EUR`, 50, 50 + l * 18);
  }
  doc.end();
  return done;
}

async function benchText() {
  const files = readdirSync(FIX).filter((f) => f.endsWith('.pdf') && !f.startsWith('scan-'));
  const bufs = files.map((f) => readFileSync(path.join(FIX, f)));
  await extractDocument(bufs[0]!, 'warm.pdf');
  const times: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const b of bufs) {
      const t = performance.now();
      await extractDocument(b, 'x.pdf');
      times.push(performance.now() - t);
    }
  }
  const big = await longPdf(20);
  const t = performance.now();
  const r = await extractDocument(big, 'long.pdf');
  const perPageLong = (performance.now() - t) / r.pages;
  console.log(`text PDFs: ${median(times).toFixed(1)} ms/page median over ${times.length} one-page runs; 20-page PDF ${perPageLong.toFixed(1)} ms/page`);
}

const LIMITS = { dpi: 300, maxPagePixels: settings.maxPagePixels, maxDocumentPixels: settings.maxDocumentPixels, minDpi: settings.minOcrDpi };
const rasterize = (pdf: Buffer, prefer: Rasterizer | 'auto' = 'auto') =>
  rasterizePages(pdf, [1], { limits: LIMITS, deadline: Date.now() + 120_000, prefer });

/**
 * CPU time of this process (all threads) plus its waited-for children (pdftoppm), in ms: on a
 * loaded machine wall time mostly measures the neighbours; CPU time measures the work.
 */
function cpuMs(): number {
  const own = process.cpuUsage();
  let children = 0;
  try {
    // /proc/self/stat fields 16 and 17: cutime, cstime in clock ticks (100 per second on Linux).
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    children = (Number(f[13]) + Number(f[14])) * 10;
  } catch {
    // not Linux: own CPU only
  }
  return (own.user + own.system) / 1000 + children;
}

/** Every rasterizer on the same pages in the same run, interleaved, so load affects them alike. */
async function benchRaster() {
  const modes: Rasterizer[] = findPdftoppm() ? ['pdfium', 'pdftoppm', 'pdfjs'] : ['pdfium', 'pdfjs'];
  if (modes.length === 2) console.log('pdftoppm: not installed, not measured');
  const rounds = Number(process.env.BENCH_RASTER_ROUNDS ?? 7);
  for (const f of ['scan-en-invoice-de-gmbh-image-only.pdf', 'en-invoice-uk.pdf']) {
    const pdf = readFileSync(path.join(FIX, f));
    const wall = new Map<Rasterizer, number[]>(modes.map((m) => [m, []]));
    const cpu = new Map<Rasterizer, number[]>(modes.map((m) => [m, []]));
    for (const m of modes) for await (const _ of rasterize(pdf, m)); // warm-up: wasm start, first open
    for (let i = 0; i < rounds; i++) {
      for (const m of modes) {
        const t = performance.now();
        const c = cpuMs();
        for await (const _ of rasterize(pdf, m));
        wall.get(m)!.push(performance.now() - t);
        cpu.get(m)!.push(cpuMs() - c);
      }
    }
    const row = (times: Map<Rasterizer, number[]>) => {
      const base = median(times.get('pdfium')!);
      return modes.map((m) => `${m} ${median(times.get(m)!).toFixed(0)} ms (×${(median(times.get(m)!) / base).toFixed(2)})`).join(', ');
    };
    console.log(`rasterize ${f} page 1 at 300 dpi, gray, median of ${rounds}: wall ${row(wall)}; CPU ${row(cpu)}`);
  }
}

async function pages300(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const f of ['en-invoice-uk.pdf', 'et-arve-twocol.pdf', 'fr-facture-sas.pdf', 'en-invoice-de-gmbh.pdf']) {
    for await (const { png } of rasterize(readFileSync(path.join(FIX, f)))) {
      const p = path.join(dir, f.replace('.pdf', '.pgm'));
      writeFileSync(p, png);
      out.push(p);
    }
  }
  return out;
}

async function benchOcr(images: string[]) {
  const pool = new OcrPool({ size: 1, recycleAfterPages: 1000, startTimeoutMs: 30_000 });
  const deadline = Date.now() + 600_000;
  const bufs = images.map((p) => readFileSync(p));
  await pool.recognize(bufs[0]!, LANGS, settings.extraLangDirs, deadline);
  const times: number[] = [];
  for (let round = 0; round < 2; round++) {
    for (const b of bufs) {
      const t = performance.now();
      await pool.recognize(b, LANGS, settings.extraLangDirs, deadline);
      times.push(performance.now() - t);
    }
  }
  await pool.shutdown();
  const js = median(times);
  console.log(`OCR 300 dpi A4, tesseract.js (${LANGS.join('+')}), warm worker: ${js.toFixed(0)} ms/page median over ${times.length}`);
  const native = spawnSync('tesseract', ['--version']);
  if (native.status !== 0) {
    console.log('native tesseract: not installed, no ratio');
    return;
  }
  const nt: number[] = [];
  for (let round = 0; round < 2; round++) {
    for (const p of images) {
      const t = performance.now();
      execFileSync('tesseract', [p, 'stdout', '-l', LANGS.join('+')], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['ignore', 'ignore', 'ignore'] });
      nt.push(performance.now() - t);
    }
  }
  const n = median(nt);
  console.log(`OCR 300 dpi A4, native tesseract OMP_THREAD_LIMIT=1 (incl. start-up): ${n.toFixed(0)} ms/page; ratio tesseract.js / native = ${(js / n).toFixed(2)}`);
}

async function benchRss(images: string[]) {
  const pages = Number(process.env.BENCH_OCR_PAGES ?? 200);
  const pool = new OcrPool({ size: settings.maxConcurrentOcr, recycleAfterPages: settings.recycleWorkerAfterPages, startTimeoutMs: 30_000 });
  const bufs = images.map((p) => readFileSync(p));
  const deadline = Date.now() + 3_600_000;
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  const t = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < pages) {
      const i = next++;
      await pool.recognize(bufs[i % bufs.length]!, LANGS, settings.extraLangDirs, deadline);
      if ((i + 1) % 50 === 0) console.log(`  ${i + 1} pages, RSS ${mb(process.memoryUsage().rss)}`);
    }
  };
  await Promise.all(Array.from({ length: settings.maxConcurrentOcr }, lane));
  const wall = performance.now() - t;
  clearInterval(timer);
  const after = process.memoryUsage().rss;
  await pool.shutdown();
  global.gc?.();
  await new Promise((r) => setTimeout(r, 500));
  console.log(
    `RSS after ${pages} OCR pages (pool of ${settings.maxConcurrentOcr}, recycle every ${settings.recycleWorkerAfterPages} pages, ${pool.workersStarted} workers started): ` +
      `start ${mb(rss0)}, peak ${mb(peak)}, after ${mb(after)}, after shutdown ${mb(process.memoryUsage().rss)}; ` +
      `throughput ${(wall / pages).toFixed(0)} ms/page wall`,
  );
}

/**
 * Where the worker's memory goes, step by step, in this (fresh) process: run it alone
 * (BENCH_PARTS=memory) so earlier sections' garbage does not blur the figures.
 */
async function benchMemory() {
  const at = (label: string) => {
    const m = process.memoryUsage();
    console.log(`  ${label}: RSS ${mb(m.rss)} (JS heap ${mb(m.heapUsed)}, external ${mb(m.external)}, array buffers ${mb(m.arrayBuffers)})`);
    return m.rss;
  };
  console.log('memory, step by step:');
  at('modules loaded, nothing run');
  const scan = readFileSync(path.join(FIX, 'scan-en-invoice-de-gmbh-image-only.pdf'));
  let page: Buffer | null = null;
  for await (const p of rasterize(scan, 'pdfium')) page = p.png;
  at('after PDFium rendered one 300-dpi page (wasm heap kept at its high-water mark)');
  for await (const _ of rasterize(scan, 'pdfjs'));
  global.gc?.();
  at('after pdf.js rendered the same page');
  const pool = new OcrPool({ size: 2, recycleAfterPages: 1000, startTimeoutMs: 60_000 });
  const deadline = Date.now() + 3_600_000;
  await pool.recognize(page!, LANGS, settings.extraLangDirs, deadline);
  at(`one tesseract.js worker (${LANGS.join('+')}) after 1 page`);
  await Promise.all([1, 2].map(() => pool.recognize(page!, LANGS, settings.extraLangDirs, deadline)));
  at('two workers after 3 pages');
  for (let i = 0; i < 10; i++) await Promise.all([1, 2].map(() => pool.recognize(page!, LANGS, settings.extraLangDirs, deadline)));
  at('two workers after 23 pages');
  await pool.shutdown();
  await new Promise((r) => setTimeout(r, 1000));
  global.gc?.();
  at('workers terminated');
}

/** RSS over whole extractions of an image-only PDF (rasterize + OCR), as the worker does them. */
async function benchMemoryExtract() {
  const files = Number(process.env.BENCH_MEMORY_FILES ?? 10);
  const scan = readFileSync(path.join(FIX, 'scan-en-invoice-de-gmbh-image-only.pdf'));
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const t = performance.now();
  for (let i = 0; i < files; i++) await extractDocument(scan, 'scan.pdf', { timeoutMs: 600_000 });
  clearInterval(timer);
  console.log(
    `extract image-only PDF ×${files}, rasterizer ${settings.rasterizer}: RSS start ${mb(rss0)}, peak ${mb(peak)}, end ${mb(process.memoryUsage().rss)}; ` +
      `${((performance.now() - t) / files).toFixed(0)} ms/file wall`,
  );
}

/** BENCH_PARTS=text,einvoice,raster,ocr,rss picks sections (default: all). */
const parts = new Set((process.env.BENCH_PARTS ?? 'text,einvoice,raster,ocr,rss').split(','));

async function main() {
  console.log(`# extraction bench (${os.cpus().length} cores, Node ${process.version}, languages ${LANGS.join('+')}, load average ${os.loadavg()[0]!.toFixed(1)})`);
  if (parts.has('memory')) await benchMemory();
  if (parts.has('memory-extract')) await benchMemoryExtract();
  if (parts.has('text')) await benchText();
  if (parts.has('einvoice')) await benchEInvoices();
  if (parts.has('raster')) await benchRaster();
  if (!parts.has('ocr') && !parts.has('rss')) return;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cs-bench-'));
  try {
    const images = await pages300(dir);
    if (parts.has('ocr')) await benchOcr(images);
    if (parts.has('rss')) await benchRss(images);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await shutdownOcr();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
