/**
 * Truth files and field comparison for `npm run score` (scripts/score.ts).
 *
 * Two truth shapes are read:
 *  - the shared corpora's `<name>.truth.json` (keys of /work/shared/corpus/README.md; `supplierVatId`);
 *  - the generated set's `<name>.expected.json` (test/fixtures/extraction; `supplierVatNo`, `source`).
 * Both become one `Truth` record keyed by the names the scorer reports.
 *
 * Comparison, as a person checking the form would judge it:
 *  - names (supplierName, buyerName): Unicode NFC, case and runs of whitespace ignored;
 *  - identifiers (invoiceNumber, supplierVatId, supplierRegNo, iban): case and whitespace ignored;
 *  - dates: exact `YYYY-MM-DD`;
 *  - amounts: equal as decimals at 2 places ("12.5" = "12.50"; the sign counts);
 *  - currency: exact ISO code.
 * A key counts only where the truth has it; a missing or null answer is a miss.
 */
import Decimal from 'decimal.js';

export const MAIN_KEYS = ['supplierName', 'invoiceNumber', 'issueDate', 'currency', 'totalAmount', 'netAmount', 'vatAmount', 'dueDate'] as const;
export const FINE_KEYS = ['supplierVatId', 'supplierRegNo', 'iban', 'buyerName'] as const;
export type MainKey = (typeof MAIN_KEYS)[number];
export type FineKey = (typeof FINE_KEYS)[number];
export type ScoreKey = MainKey | FineKey;

export type Truth = Partial<Record<ScoreKey, string>>;

/** The extractor's output keys where they differ from the truth files' names. */
const OUTPUT_KEY: Partial<Record<ScoreKey, string>> = { supplierVatId: 'supplierVatNo' };

/**
 * Truth from a parsed truth file. `visible` applies `_pdfVisible` (what the printed page states
 * where it differs from the embedded XML; `null` = not printed, so the key is dropped).
 */
export function readTruth(raw: Record<string, unknown>, visible = false): Truth {
  const src: Record<string, unknown> = { ...raw };
  if ('supplierVatNo' in src && !('supplierVatId' in src)) src.supplierVatId = src.supplierVatNo;
  if (visible && raw._pdfVisible && typeof raw._pdfVisible === 'object') {
    for (const [k, v] of Object.entries(raw._pdfVisible as Record<string, unknown>)) {
      if (v === null) delete src[k];
      else src[k] = v;
    }
  }
  const out: Truth = {};
  for (const k of [...MAIN_KEYS, ...FINE_KEYS]) {
    const v = src[k];
    if (typeof v === 'string' && v.trim() !== '') out[k] = v;
  }
  return out;
}

const nameForm = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
const idForm = (s: string) => s.normalize('NFC').toUpperCase().replace(/\s+/g, '');

function amountForm(s: string): string | null {
  try {
    return new Decimal(s.trim()).toFixed(2);
  } catch {
    return null;
  }
}

/** The extractor's answer for a key, as a string or null. */
export function answer(got: Record<string, unknown>, key: ScoreKey): string | null {
  const v = got[OUTPUT_KEY[key] ?? key];
  return typeof v === 'string' && v !== '' ? v : null;
}

export function valueMatches(key: ScoreKey, got: string | null, want: string): boolean {
  if (got === null) return false;
  switch (key) {
    case 'supplierName':
    case 'buyerName':
      return nameForm(got) === nameForm(want);
    case 'invoiceNumber':
    case 'supplierVatId':
    case 'supplierRegNo':
    case 'iban':
      return idForm(got) === idForm(want);
    case 'totalAmount':
    case 'netAmount':
    case 'vatAmount': {
      const a = amountForm(got);
      return a !== null && a === amountForm(want);
    }
    default:
      return got.trim() === want.trim();
  }
}

export interface FieldTally {
  ok: number;
  n: number;
}

/** Per-key tallies over many documents; `add` records one document. */
export class Tally {
  readonly keys = new Map<ScoreKey, FieldTally>();

  add(truth: Truth, got: Record<string, unknown> | null): { key: ScoreKey; ok: boolean; got: string | null; want: string }[] {
    const rows: { key: ScoreKey; ok: boolean; got: string | null; want: string }[] = [];
    for (const key of [...MAIN_KEYS, ...FINE_KEYS]) {
      const want = truth[key];
      if (want === undefined) continue;
      const g = got ? answer(got, key) : null;
      const ok = valueMatches(key, g, want);
      const t = this.keys.get(key) ?? { ok: 0, n: 0 };
      t.n++;
      if (ok) t.ok++;
      this.keys.set(key, t);
      rows.push({ key, ok, got: g, want });
    }
    return rows;
  }

  merge(other: Tally): void {
    for (const [k, v] of other.keys) {
      const t = this.keys.get(k) ?? { ok: 0, n: 0 };
      t.ok += v.ok;
      t.n += v.n;
      this.keys.set(k, t);
    }
  }

  /** Accuracy over the given keys' values (micro average: every truth value counts once). */
  overall(keys: readonly ScoreKey[]): FieldTally {
    let ok = 0;
    let n = 0;
    for (const k of keys) {
      const t = this.keys.get(k);
      if (t) {
        ok += t.ok;
        n += t.n;
      }
    }
    return { ok, n };
  }
}

/**
 * Which half of a corpus a document belongs to ("A" or "B"), from a stable hash of its path
 * inside the scored folder: the same split on every run and machine, unrelated to content.
 */
export function halfOf(relativePath: string): 'A' | 'B' {
  let h = 2166136261;
  for (const ch of relativePath) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h % 2 === 0 ? 'A' : 'B';
}
