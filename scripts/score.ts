/**
 * npm run score -- DIR [DIR...] [--visible] [--json] [--half A|B] [--ext pdf,png] [--misses]
 *
 * Walks each folder (recursively) for documents (PDF, PNG, JPG, XML) that have a sibling truth
 * file (`foo.pdf` → `foo.truth.json`, `x.cii.xml` → `x.cii.truth.json`, or the generated set's
 * `foo.expected.json`), reads each in-process with extractDocument and prints, per folder and
 * overall: per-field accuracy on the 8 main keys, the finer keys separately, failed files and
 * seconds per file. Comparison rules: scripts/lib/scoreTruth.ts.
 *
 *   --visible  score what the page prints: apply the truth's `_pdfVisible` overrides and read
 *              PDFs with `{ einvoice: false }` (XML files are skipped: they have no page).
 *   --half     only documents of one stable half (A or B) of each folder, for hold-out checks.
 *   --ext      only these extensions (e.g. `png` to read the scanned twins once).
 *   --misses   list every wrong value under the tables.
 *   --json     one JSON object on stdout instead of the tables.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ExtractionError, extractDocument, shutdownOcr } from '../extraction/index';
import { FINE_KEYS, halfOf, MAIN_KEYS, readTruth, Tally, type ScoreKey, type Truth } from './lib/scoreTruth';

// Keep stdout for the report alone: OCR worker threads and libraries may print to it.
const writeStdout = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) =>
  (process.stderr.write as (...a: unknown[]) => boolean)(chunk, ...rest)) as typeof process.stdout.write;
console.log = console.error;

interface Args {
  dirs: string[];
  visible: boolean;
  json: boolean;
  misses: boolean;
  half: 'A' | 'B' | null;
  exts: string[] | null;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { dirs: [], visible: false, json: false, misses: false, half: null, exts: null };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    if (x === '--') continue;
    else if (x === '--visible') a.visible = true;
    else if (x === '--json') a.json = true;
    else if (x === '--misses') a.misses = true;
    else if (x === '--half') {
      const h = (argv[++i] ?? '').toUpperCase();
      if (h !== 'A' && h !== 'B') throw new Error('--half takes A or B.');
      a.half = h;
    } else if (x === '--ext') a.exts = (argv[++i] ?? '').split(',').map((e) => e.trim().toLowerCase().replace(/^\./, '')).filter(Boolean);
    else if (x.startsWith('--')) throw new Error(`Unknown option ${x}.`);
    else a.dirs.push(x);
  }
  if (!a.dirs.length) throw new Error('Usage: npm run score -- DIR [DIR...] [--visible] [--json] [--half A|B] [--ext pdf,png] [--misses]');
  return a;
}

const DOC_EXT = /\.(pdf|png|jpe?g|xml)$/i;

interface Item {
  file: string;
  rel: string;
  truthFile: string;
}

function truthFor(file: string): string | null {
  const base = file.replace(/\.[^./]+$/, '');
  for (const t of [`${base}.truth.json`, `${base}.expected.json`]) if (existsSync(t)) return t;
  return null;
}

function walk(root: string): Item[] {
  const out: Item[] = [];
  const visit = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) visit(p);
      else if (DOC_EXT.test(name)) {
        const truthFile = truthFor(p);
        if (truthFile) out.push({ file: p, rel: path.relative(root, p), truthFile });
      }
    }
  };
  visit(root);
  return out;
}

interface DocResult {
  file: string;
  seconds: number;
  error: string | null;
  half: 'A' | 'B';
  /** Every scored key of this document: right or not. */
  keys: Partial<Record<ScoreKey, boolean>>;
  wrong: { key: ScoreKey; got: string | null; want: string }[];
}

interface FolderResult {
  dir: string;
  tally: Tally;
  docs: DocResult[];
}

async function scoreFolder(dir: string, args: Args): Promise<FolderResult> {
  const tally = new Tally();
  const docs: DocResult[] = [];
  let items = walk(dir);
  if (args.visible) items = items.filter((i) => !/\.xml$/i.test(i.file));
  if (args.exts) items = items.filter((i) => args.exts!.includes(path.extname(i.file).slice(1).toLowerCase()));
  // Twins (x.pdf and x.png with one truth) fall in the same half: the split hashes the truth path.
  if (args.half) items = items.filter((i) => halfOf(path.relative(dir, i.truthFile)) === args.half);
  if (!items.length) process.stderr.write(`  no documents with truth files in ${dir}\n`);
  for (const item of items) {
    const truth: Truth = readTruth(JSON.parse(readFileSync(item.truthFile, 'utf8')) as Record<string, unknown>, args.visible);
    const t = performance.now();
    let got: Record<string, unknown> | null = null;
    let error: string | null = null;
    try {
      const opts = args.visible ? { einvoice: false } : {};
      got = (await extractDocument(readFileSync(item.file), path.basename(item.file), opts)) as unknown as Record<string, unknown>;
    } catch (err) {
      error = err instanceof ExtractionError ? `${err.code}: ${err.message}` : `unexpected: ${(err as Error)?.message ?? String(err)}`;
    }
    const seconds = (performance.now() - t) / 1000;
    const rows = tally.add(truth, got);
    const half = halfOf(path.relative(dir, item.truthFile));
    const keys = Object.fromEntries(rows.map((r) => [r.key, r.ok]));
    docs.push({ file: item.rel, seconds, error, half, keys, wrong: rows.filter((r) => !r.ok).map(({ key, got: g, want }) => ({ key, got: g, want })) });
    if (!args.json) process.stderr.write(`  ${item.rel} ${seconds.toFixed(1)} s${error ? ` FAILED ${error}` : ''}\n`);
  }
  return { dir, tally, docs };
}

const pct = (ok: number, n: number) => (n ? `${((100 * ok) / n).toFixed(1)}%` : '-');
const frac = (ok: number, n: number) => (n ? Math.round((10000 * ok) / n) / 10000 : null);

function table(title: string, tally: Tally, docs: DocResult[]): string {
  const rows: string[] = [`## ${title}`, '', '| key | right | accuracy |', '|---|---|---|'];
  for (const k of MAIN_KEYS) {
    const t = tally.keys.get(k);
    if (t) rows.push(`| ${k} | ${t.ok}/${t.n} | ${pct(t.ok, t.n)} |`);
  }
  const main = tally.overall(MAIN_KEYS);
  rows.push(`| **overall (8 keys)** | ${main.ok}/${main.n} | **${pct(main.ok, main.n)}** |`);
  for (const k of FINE_KEYS) {
    const t = tally.keys.get(k);
    if (t) rows.push(`| (${k}) | ${t.ok}/${t.n} | ${pct(t.ok, t.n)} |`);
  }
  const failed = docs.filter((d) => d.error);
  const secs = docs.reduce((a, d) => a + d.seconds, 0);
  rows.push('', `files ${docs.length}, failed ${failed.length}, ${docs.length ? (secs / docs.length).toFixed(2) : '-'} s/file`);
  for (const f of failed) rows.push(`  failed: ${f.file}: ${f.error}`);
  return rows.join('\n');
}

function summary(r: { tally: Tally; docs: DocResult[] }) {
  const main = r.tally.overall(MAIN_KEYS);
  return {
    overall: frac(main.ok, main.n),
    fields: Object.fromEntries([...MAIN_KEYS, ...FINE_KEYS].flatMap((k) => {
      const t = r.tally.keys.get(k);
      return t ? [[k, { ok: t.ok, n: t.n, accuracy: frac(t.ok, t.n) }]] : [];
    })),
    files: r.docs.length,
    failed: r.docs.filter((d) => d.error).map((d) => ({ file: d.file, error: d.error })),
    secondsPerFile: r.docs.length ? r.docs.reduce((a, d) => a + d.seconds, 0) / r.docs.length : null,
  };
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  const results: FolderResult[] = [];
  for (const dir of args.dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      process.stderr.write(`${dir} is not a folder.\n`);
      return 2;
    }
    if (!args.json) process.stderr.write(`${dir}\n`);
    results.push(await scoreFolder(dir, args));
  }
  const all = new Tally();
  for (const r of results) all.merge(r.tally);
  const allDocs = results.flatMap((r) => r.docs.map((d) => ({ ...d, file: path.join(r.dir, d.file) })));
  if (args.json) {
    const out = {
      options: { visible: args.visible, half: args.half, exts: args.exts },
      folders: results.map((r) => ({ dir: r.dir, ...summary(r), docs: r.docs })),
      total: summary({ tally: all, docs: allDocs }),
    };
    await new Promise<void>((resolve) => writeStdout(`${JSON.stringify(out, null, 2)}\n`, () => resolve()));
    return 0;
  }
  const flags = [args.visible ? 'visible' : '', args.half ? `half ${args.half}` : '', args.exts ? args.exts.join(',') : ''].filter(Boolean).join(', ');
  const parts = results.map((r) => table(`${r.dir}${flags ? ` (${flags})` : ''}`, r.tally, r.docs));
  if (results.length > 1) parts.push(table(`all folders${flags ? ` (${flags})` : ''}`, all, allDocs));
  if (args.misses) {
    const lines = allDocs.flatMap((d) => d.wrong.map((w) => `  ${d.file} ${w.key}: got ${JSON.stringify(w.got)} want ${JSON.stringify(w.want)}`));
    parts.push(['misses:', ...lines].join('\n'));
  }
  await new Promise<void>((resolve) => writeStdout(`${parts.join('\n\n')}\n`, () => resolve()));
  return 0;
}

main()
  .then(async (code) => {
    await shutdownOcr();
    process.exit(code);
  })
  .catch(async (err) => {
    process.stderr.write(`Scoring failed: ${(err as Error)?.stack ?? String(err)}\n`);
    await shutdownOcr();
    process.exit(1);
  });
