// Visible page vs embedded XML. The XML wins; a warning names what the page says otherwise.
// The page's parse is a heuristic, so a difference counts only when the XML's value is not
// printed anywhere on the page either (in any usual number or date notation).
import Decimal from 'decimal.js';
import type { ParsedFields } from '../parse/fields';
import type { ExtractedFields } from '../types';

const compact = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();

function amountForms(v: string): string[] {
  const d = new Decimal(v).abs();
  const [int, frac] = d.toFixed(2).split('.') as [string, string];
  const grouped = (sep: string) => int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return [`${int}.${frac}`, `${int},${frac}`, `${grouped('.')},${frac}`, `${grouped(',')}.${frac}`, `${grouped("'")}.${frac}`];
}

function dateForms(iso: string): string[] {
  const [y, m, d] = iso.split('-') as [string, string, string];
  const dd = String(Number(d));
  const mm = String(Number(m));
  return [iso, `${y}${m}${d}`, `${d}.${m}.${y}`, `${dd}.${mm}.${y}`, `${d}/${m}/${y}`, `${m}/${d}/${y}`, `${mm}/${dd}/${y}`, `${d}-${m}-${y}`, `${d}.${m}.${y.slice(2)}`];
}

type Key = 'invoiceNumber' | 'issueDate' | 'dueDate' | 'currency' | 'netAmount' | 'vatAmount' | 'totalAmount' | 'iban' | 'supplierVatNo';
const CHECKED: [Key, string, 'id' | 'date' | 'amount'][] = [
  ['invoiceNumber', 'invoice number', 'id'],
  ['issueDate', 'issue date', 'date'],
  ['dueDate', 'due date', 'date'],
  ['currency', 'currency', 'id'],
  ['netAmount', 'net', 'amount'],
  ['vatAmount', 'VAT', 'amount'],
  ['totalAmount', 'total', 'amount'],
  ['iban', 'IBAN', 'id'],
  ['supplierVatNo', 'VAT no.', 'id'],
];

function printed(kind: 'id' | 'date' | 'amount', value: string, text: string, flat: string): boolean {
  if (kind === 'id') return flat.includes(compact(value));
  const squeezed = text.replace(/[\s\u00a0\u202f]+/g, '');
  return (kind === 'date' ? dateForms(value) : amountForms(value)).some((f) => squeezed.includes(f));
}

/** One sentence, or null when the page agrees (or says nothing else). */
export function pageDifferences(xml: ExtractedFields, page: ParsedFields, pageText: string): string | null {
  const flat = compact(pageText);
  const diffs: string[] = [];
  for (const [key, label, kind] of CHECKED) {
    const x = xml[key];
    const p = page[key];
    if (!x || !p) continue;
    const same = kind === 'amount' ? new Decimal(x).eq(p) : compact(x) === compact(p);
    if (!same && !printed(kind, x, pageText, flat)) diffs.push(`${label} (page ${p}, e-invoice ${x})`);
  }
  if (!diffs.length) return null;
  return `The visible PDF differs from its embedded e-invoice, whose values are used: ${diffs.join(', ')}.`;
}
