import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExtractedFields } from '../../extraction/index';

export const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/extraction');

export const KEY_FIELDS = [
  'supplierName', 'supplierRegNo', 'supplierVatNo', 'invoiceNumber', 'issueDate', 'dueDate', 'currency',
  'netAmount', 'vatAmount', 'totalAmount', 'vatRate', 'iban', 'language', 'lines',
] as const;
export type KeyField = (typeof KEY_FIELDS)[number];

export interface Expected {
  source: 'text' | 'ocr';
  lines: { description: string; quantity: string; unitPrice: string; amount: string }[];
  [k: string]: unknown;
}

export function corpus(): { name: string; file: string; expected: Expected }[] {
  return readdirSync(FIXTURES)
    .filter((f) => /\.(pdf|jpg|png)$/.test(f))
    .sort()
    .map((f) => ({
      name: f,
      file: path.join(FIXTURES, f),
      expected: JSON.parse(readFileSync(path.join(FIXTURES, f.replace(/\.(pdf|jpg|png)$/, '.expected.json')), 'utf8')) as Expected,
    }));
}

const ids = (v: unknown) => (typeof v === 'string' ? v.toUpperCase().replace(/[^A-Z0-9]/g, '') : v);
const name = (v: unknown) => (typeof v === 'string' ? v.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim() : v);

/** Field equality as a person checking the form would judge it (case, spacing, punctuation of ids ignored). */
export function fieldMatches(field: KeyField, got: ExtractedFields, exp: Expected): boolean {
  if (field === 'lines') {
    // Item rows count when every expected amount is found in order.
    const g = got.lines.map((l) => l.amount);
    const e = exp.lines.map((l) => l.amount);
    return g.length === e.length && g.every((a, i) => a === e[i]);
  }
  const a = got[field];
  const b = exp[field];
  if (field === 'supplierName') return name(a) === name(b);
  if (field === 'supplierRegNo' || field === 'supplierVatNo' || field === 'iban' || field === 'invoiceNumber') return ids(a) === ids(b);
  return a === b;
}
