// IBANs in an invoice's text, OCR look-alikes repaired; the country lengths and the checksum are
// domain/iban.ts, shared with payments.
import { IBAN_LENGTH, isValidIban } from '../../domain/iban';

export { isValidIban };

// OCR confuses these in digit positions; only tried when the raw reading fails the checksum.
const DIGIT_LOOKALIKE: Record<string, string> = { O: '0', Q: '0', D: '0', I: '1', L: '1', '|': '1', S: '5', B: '8', Z: '2', G: '6' };

export interface IbanHit {
  iban: string;
  index: number;
  /** True when an OCR look-alike had to be replaced to pass the checksum. */
  repaired: boolean;
}

/** Valid IBANs in a text, each normalised to its electronic (space-free, upper-case) form. */
export function findIbans(text: string): IbanHit[] {
  const hits: IbanHit[] = [];
  const seen = new Set<string>();
  const upper = text.toUpperCase();
  for (const m of upper.matchAll(/(?<![A-Z0-9])([A-Z]{2})\s?([0-9OIL]{2})/g)) {
    const country = m[1]!;
    const len = IBAN_LENGTH[country];
    if (!len) continue;
    const start = m.index ?? 0;
    // Collect alphanumerics allowing single separators (space, dash, dot) between groups.
    let chars = '';
    let i = start;
    while (i < upper.length && chars.length < len) {
      const ch = upper[i]!;
      if (/[A-Z0-9|]/.test(ch)) chars += ch;
      else if (!(/[ \u00a0\-.]/.test(ch) && /[A-Z0-9]/.test(upper[i + 1] ?? ''))) break;
      i++;
    }
    if (chars.length !== len) continue;
    const candidates = [chars];
    const repairedDigits = chars.slice(0, 2) + chars.slice(2, 4).replace(/[A-Z|]/g, (c) => DIGIT_LOOKALIKE[c] ?? c);
    const allDigitBban = chars.slice(0, 2) + chars.slice(2).replace(/[A-Z|]/g, (c) => DIGIT_LOOKALIKE[c] ?? c);
    candidates.push(repairedDigits + chars.slice(4), allDigitBban);
    for (const [k, cand] of candidates.entries()) {
      if (isValidIban(cand)) {
        if (!seen.has(cand)) {
          seen.add(cand);
          hits.push({ iban: cand, index: start, repaired: k > 0 && cand !== chars });
        }
        break;
      }
    }
  }
  return hits;
}
