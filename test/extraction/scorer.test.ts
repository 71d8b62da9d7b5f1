import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument, shutdownOcr, type ExtractedFields } from '../../extraction/index';
import { corpus, fieldMatches, KEY_FIELDS, type Expected, type KeyField } from './corpus';

/**
 * Runs the extractor over the labelled corpus (test/fixtures/extraction, made by
 * scripts/make-extraction-fixtures.ts), prints per-field accuracy and enforces:
 *   text PDFs: ≥ 90 % on every field of KEY_FIELDS
 *   scans:     ≥ 80 % on the key fields below, ≥ 60 % on the rest (line items, rate, reg no)
 */
const TEXT_MIN = 0.9;
const SCAN_MIN = 0.8;
const SCAN_MIN_SECONDARY = 0.6;
const SCAN_KEY: KeyField[] = ['supplierName', 'supplierVatNo', 'invoiceNumber', 'issueDate', 'dueDate', 'currency', 'netAmount', 'vatAmount', 'totalAmount', 'iban'];

const results: { name: string; expected: Expected; got: ExtractedFields; ms: number }[] = [];

beforeAll(async () => {
  for (const c of corpus()) {
    const t = Date.now();
    const got = await extractDocument(readFileSync(c.file), c.name);
    results.push({ name: c.name, expected: c.expected, got, ms: Date.now() - t });
  }
}, 170_000);

afterAll(async () => {
  await shutdownOcr();
});

function accuracy(source: 'text' | 'ocr'): Record<KeyField, { ok: number; n: number; misses: string[] }> {
  const acc = Object.fromEntries(KEY_FIELDS.map((f) => [f, { ok: 0, n: 0, misses: [] as string[] }])) as Record<KeyField, { ok: number; n: number; misses: string[] }>;
  for (const r of results.filter((x) => x.expected.source === source)) {
    for (const f of KEY_FIELDS) {
      acc[f].n++;
      if (fieldMatches(f, r.got, r.expected)) acc[f].ok++;
      else acc[f].misses.push(`${r.name}: ${JSON.stringify(f === 'lines' ? r.got.lines.map((l) => l.amount) : r.got[f])}`);
    }
  }
  return acc;
}

function table(): string {
  const t = accuracy('text');
  const o = accuracy('ocr');
  const pct = (x: { ok: number; n: number }) => `${x.ok}/${x.n} ${((100 * x.ok) / Math.max(1, x.n)).toFixed(0).padStart(3)}%`;
  const rows = KEY_FIELDS.map((f) => `| ${f.padEnd(14)} | ${pct(t[f]).padEnd(12)} | ${pct(o[f]).padEnd(12)} |`);
  const timing = results.map((r) => `${r.name} ${r.ms} ms (${r.got.source})`).join('\n');
  const misses = KEY_FIELDS.flatMap((f) => [...t[f].misses, ...o[f].misses].map((m) => `  ${f} ← ${m}`)).join('\n');
  return ['| field          | text PDFs    | scans        |', '|---|---|---|', ...rows, '', timing, '', 'misses:', misses || '  none'].join('\n');
}

describe('extraction accuracy on the labelled corpus', () => {
  it('has a big enough corpus of both kinds', () => {
    console.log(table());
    expect(results.filter((r) => r.expected.source === 'text').length).toBeGreaterThanOrEqual(12);
    expect(results.filter((r) => r.expected.source === 'ocr').length).toBeGreaterThanOrEqual(6);
  });

  it('reads text PDFs through the text layer and scans through OCR', () => {
    for (const r of results) expect([r.name, r.got.source]).toEqual([r.name, r.expected.source]);
  });

  it(`text PDFs: every field ≥ ${TEXT_MIN * 100} %`, () => {
    const acc = accuracy('text');
    for (const f of KEY_FIELDS) expect([f, acc[f].ok / acc[f].n >= TEXT_MIN]).toEqual([f, true]);
  });

  it(`scans: key fields ≥ ${SCAN_MIN * 100} %, others ≥ ${SCAN_MIN_SECONDARY * 100} %`, () => {
    const acc = accuracy('ocr');
    for (const f of KEY_FIELDS) {
      const min = SCAN_KEY.includes(f) ? SCAN_MIN : SCAN_MIN_SECONDARY;
      expect([f, acc[f].ok / acc[f].n >= min]).toEqual([f, true]);
    }
  });

  it('confidence is higher on fields that are right than on fields that are wrong', () => {
    let right = 0;
    let rightN = 0;
    let wrong = 0;
    let wrongN = 0;
    for (const r of results) {
      for (const f of KEY_FIELDS) {
        if (f === 'lines' || f === 'language' || r.got[f] === null) continue;
        const c = r.got.confidence[f] ?? 0;
        if (fieldMatches(f, r.got, r.expected)) {
          right += c;
          rightN++;
        } else {
          wrong += c;
          wrongN++;
        }
      }
    }
    expect(rightN).toBeGreaterThan(0);
    if (wrongN > 0) expect(right / rightN).toBeGreaterThan(wrong / wrongN);
    for (const r of results) for (const v of Object.values(r.got.confidence)) expect(v >= 0 && v <= 1).toBe(true);
  });
});
