/**
 * Money as decimal strings. Amounts never become JS numbers: a float cannot
 * hold 0.1 exactly and the sums would drift. Canonical form is what
 * parseAmount returns: optional '-', digits, '.', exactly two decimals.
 */
import { D, type Dec } from './decimal';
import { CURRENCIES } from './currencies';

/** A canonical or plain decimal string as stored: '-12', '12.5', '1234.50'. */
const DECIMAL_RE = /^-?\d+(\.\d+)?$/;

export function isDecimalString(text: string): boolean {
  return DECIMAL_RE.test(text);
}

/** Canonical amount: what parseAmount produces and the database stores. */
export function isAmount(text: string): boolean {
  return /^-?\d+\.\d{2}$/.test(text);
}

/** Grouping characters people use between thousands: space, NBSP, narrow NBSP, apostrophe. */
const SPACE_LIKE = /[ \u00a0\u202f\u2009'’]/;

function toDec(text: string, what = 'amount'): Dec {
  if (!DECIMAL_RE.test(text)) throw new RangeError(`Not a decimal ${what}: "${text}"`);
  return new D(text);
}

function fixed2(d: Dec): string {
  const s = d.toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

/**
 * Reads an amount typed by a human or extracted by OCR, in English or
 * French/Estonian style: '1 234,50', '1,234.50', '1.234,50', '1234.5'.
 * Returns the canonical string ('1234.50') or null.
 *
 * The only ambiguous shape is one separator followed by exactly three
 * digits ('1,234' / '1.234'); it is read as a thousands separator because an
 * amount of money never has three decimals here. More than two decimals is
 * refused rather than silently rounded.
 */
export function parseAmount(text: string): string | null {
  let t = text.trim();
  let negative = false;
  if (t.startsWith('-') || t.startsWith('\u2212')) {
    negative = true;
    t = t.slice(1).trim();
  }
  if (t === '') return null;
  if (/^[.,]\d/.test(t)) t = '0' + t;
  if (!/^\d[\d.,\u00a0\u202f\u2009 '’]*$/.test(t)) return null;

  const hasSpaceGrouping = SPACE_LIKE.test(t);
  const lastDot = t.lastIndexOf('.');
  const lastComma = t.lastIndexOf(',');
  let decimalAt = -1;
  if (lastDot >= 0 && lastComma >= 0) {
    decimalAt = Math.max(lastDot, lastComma);
  } else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const at = Math.max(lastDot, lastComma);
    const count = t.split(sep).length - 1;
    const digitsAfter = t.length - at - 1;
    if (count === 1 && (hasSpaceGrouping || digitsAfter !== 3)) decimalAt = at;
  }

  const intPart = decimalAt >= 0 ? t.slice(0, decimalAt) : t;
  const fracPart = decimalAt >= 0 ? t.slice(decimalAt + 1) : '';
  if (decimalAt >= 0 && !/^\d{1,2}$/.test(fracPart)) return null;

  const digits = ungroup(intPart);
  if (digits === null) return null;
  const value = new D(`${negative ? '-' : ''}${digits}.${fracPart || '0'}`);
  return fixed2(value);
}

/** '1,234,567' / '1 234' / '1234' → '1234567'; null when grouping is irregular or mixed. */
function ungroup(intPart: string): string | null {
  if (/^\d+$/.test(intPart)) return intPart;
  const seps = new Set(intPart.replace(/\d/g, '').split('').map((c) => (SPACE_LIKE.test(c) ? ' ' : c)));
  if (seps.size !== 1) return null;
  const normalized = intPart.replace(/[^\d]/g, ' ');
  if (!/^\d{1,3}( \d{3})+$/.test(normalized)) return null;
  return normalized.replace(/ /g, '');
}

/** Exact sum, two decimals (half-up only if an input had more than two decimals). */
export function addAmounts(...amounts: string[]): string {
  let sum = new D(0);
  for (const a of amounts) sum = sum.plus(toDec(a));
  return fixed2(sum);
}

/** a - b, exact, two decimals. */
export function subtractAmounts(a: string, b: string): string {
  return fixed2(toDec(a).minus(toDec(b)));
}

export function compareAmounts(a: string, b: string): -1 | 0 | 1 {
  const c = toDec(a).cmp(toDec(b));
  return c < 0 ? -1 : c > 0 ? 1 : 0;
}

/** Amounts may differ only in trailing zeros ('5000' vs '5000.00'): compare by value. */
export function amountsEqual(a: string, b: string): boolean {
  return compareAmounts(a, b) === 0;
}

/** Strict: uppercase ISO 4217 code in current use. Use parseCurrency for user input. */
export function isValidCurrency(code: string): boolean {
  return CURRENCIES.has(code);
}

/** User or OCR input ('eur', ' Usd ') → 'EUR', or null if not an ISO 4217 code. */
export function parseCurrency(text: string): string | null {
  const code = text.trim().toUpperCase();
  return CURRENCIES.has(code) ? code : null;
}

const SEPARATORS: Record<'en' | 'fr' | 'et', { group: string; decimal: string }> = {
  en: { group: ',', decimal: '.' },
  // No-break space keeps '1 234,50' on one line in Slack.
  fr: { group: '\u00a0', decimal: ',' },
  et: { group: '\u00a0', decimal: ',' },
};

/**
 * '1234.5', 'EUR' → '1,234.50 EUR' (en), '1 234,50 EUR' (fr, et; no-break
 * space as grouping). Always two decimals and the ISO code after the amount:
 * unambiguous in every language, no symbol guessing.
 */
export function formatAmount(amount: string, currency: string, locale: 'en' | 'fr' | 'et' = 'en'): string {
  const { group, decimal } = SEPARATORS[locale];
  const s = fixed2(toDec(amount));
  const negative = s.startsWith('-');
  const [int = '0', frac = '00'] = (negative ? s.slice(1) : s).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  return `${negative ? '-' : ''}${grouped}${decimal}${frac} ${currency}`;
}
