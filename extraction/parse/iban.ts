/** IBAN length per country (SWIFT registry); a candidate is cut to exactly this length. */
const IBAN_LENGTH: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28, CH: 21,
  CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27,
  GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26,
  IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24,
  ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29,
  RO: 24, RS: 22, SA: 24, SC: 31, SE: 24, SI: 19, SK: 24, SM: 27, ST: 25, SV: 28, TL: 23, TN: 24,
  TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
};

/** ISO 13616 mod-97 check on an IBAN without spaces. */
export function isValidIban(raw: string): boolean {
  const iban = raw.replace(/\s+/g, '').toUpperCase();
  const len = IBAN_LENGTH[iban.slice(0, 2)];
  if (!len || iban.length !== len || !/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (const ch of rearranged) {
    const v = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of v) rem = (rem * 10 + Number(digit)) % 97;
  }
  return rem === 1;
}

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
