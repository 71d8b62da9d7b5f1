import Decimal from 'decimal.js';
import { findDates } from './dates';

/**
 * Amount token as it appears in EN / ET / FR documents: 1,234.50 | 1 234,50 | 1.234,50 |
 * 1'234.50 | 1234,5 | -12.00. Grouping spaces may be normal, no-break or thin spaces, never a
 * tab (a tab separates cells, and "2\t100,00" is a quantity and a price).
 */
export const AMOUNT_SOURCE =
  String.raw`(?<![\p{L}\d.,])[-−]?(?:\d{1,3}(?:[ \u00a0\u202f\u2009.,'’]\d{3})+|\d+)(?:[.,]\d{1,2})?(?![\d])(?![.,]\d)`;

export interface AmountToken {
  value: Decimal;
  text: string;
  index: number;
  /** Written with 1-2 decimals: a money amount rather than a count, year or postcode. */
  hasDecimals: boolean;
}

/** Parses one amount string into a Decimal; null when it is not a number. */
export function parseAmount(raw: string): Decimal | null {
  let s = raw.trim().replace(/[−–]/g, '-').replace(/[€$£]|\b(?:EUR|USD|GBP|CHF)\b/gi, '').trim();
  const negative = s.startsWith('-') || /^\(.*\)$/.test(s);
  s = s.replace(/^[-(]|\)$/g, '').trim();
  if (!/^\d[\d \u00a0\u202f\u2009.,'’]*$/.test(s)) return null;
  s = s.replace(/[\u00a0\u202f\u2009 '’]/g, '');
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  const lastSep = Math.max(lastDot, lastComma);
  let intPart = s;
  let frac = '';
  if (lastSep >= 0) {
    const after = s.slice(lastSep + 1);
    const sepChar = s[lastSep];
    const sameSepCount = s.split(sepChar ?? '').length - 1;
    const otherSepPresent = sepChar === '.' ? lastComma >= 0 : lastDot >= 0;
    // One separator followed by exactly three digits is a thousands separator ("1,234", "1.234")
    // unless the other separator also appears before it (then it is "1.234,567"-style nonsense).
    const before = s.slice(0, lastSep);
    const isDecimal =
      after.length !== 3 ? sameSepCount === 1 : (otherSepPresent || before === '0') && sameSepCount === 1;
    if (isDecimal) {
      intPart = s.slice(0, lastSep);
      frac = after;
    }
  }
  intPart = intPart.replace(/[.,]/g, '');
  if (!/^\d+$/.test(intPart) || !/^\d*$/.test(frac)) return null;
  const d = new Decimal(`${intPart}${frac ? `.${frac}` : ''}`);
  return negative ? d.negated() : d;
}

/** Every amount token in a line, left to right. Percentages are not amounts. */
export function findAmounts(line: string): AmountToken[] {
  const out: AmountToken[] = [];
  // A date's digits ("23.11.2026") would otherwise read as amounts.
  for (const d of findDates(line)) line = line.slice(0, d.index) + ' '.repeat(d.text.length) + line.slice(d.index + d.text.length);
  const re = new RegExp(AMOUNT_SOURCE, 'gu');
  for (const m of line.matchAll(re)) {
    const text = m[0];
    const end = (m.index ?? 0) + text.length;
    if (/^\s*%/.test(line.slice(end))) continue;
    const value = parseAmount(text);
    if (!value) continue;
    out.push({ value, text, index: m.index ?? 0, hasDecimals: /[.,]\d{1,2}$/.test(text) });
  }
  return out;
}

/** Percent values in a line ("20 %", "22%", "5,5 %"). */
export function findPercents(line: string): Decimal[] {
  const out: Decimal[] = [];
  for (const m of line.matchAll(/(?<![\d.,])(\d{1,2}(?:[.,]\d{1,2})?)\s?%/g)) {
    const v = parseAmount(m[1] ?? '');
    if (v && v.lte(100)) out.push(v);
  }
  return out;
}

/** Money output format: fixed two decimals, never exponent notation. */
export function money(d: Decimal): string {
  return d.toFixed(2);
}

/** Quantities and rates keep their own precision but lose trailing zeros ("2", "5.5"). */
export function plain(d: Decimal): string {
  return d.toFixed();
}
