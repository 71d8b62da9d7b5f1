// IBAN and BIC checks (ISO 13616 / ISO 9362), as pain.001's schema and the banks apply them, and
// as extraction uses them to tell an IBAN from other numbers on an invoice.

/**
 * IBAN length per country: every country of SWIFT's IBAN registry, the one table extraction and
 * payments share (test/domain/iban.test.ts checks it against the registry copy in ibantools).
 */
export const IBAN_LENGTH: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AX: 18, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18,
  FR: 27, GB: 22, GE: 22, GF: 27, GI: 23, GL: 18, GP: 27, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MF: 27, MK: 19, MN: 20, MQ: 27, MR: 27, MT: 31, MU: 30,
  NC: 27, NI: 28, NL: 18, NO: 15, OM: 23, PF: 27, PK: 24, PL: 28, PM: 27, PS: 29, PT: 25, QA: 29,
  RE: 27, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23,
  ST: 25, SV: 28, TF: 27, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, WF: 27, XK: 20, YE: 30,
  YT: 27,
};

/** 'ee38 2200 2210 2014 5685' → 'EE382200221020145685'. */
export function normalizeIban(text: string): string {
  return text.replace(/[\s-]+/g, '').toUpperCase();
}

/** Why an IBAN is not valid, or null when it is. */
export function ibanProblem(text: string): string | null {
  const iban = normalizeIban(text);
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$/.test(iban)) return `IBAN ${text} is not in IBAN form (country code, two check digits, account).`;
  const want = IBAN_LENGTH[iban.slice(0, 2)];
  if (want === undefined) return `IBAN ${text} starts with ${iban.slice(0, 2)}, which is not a country that uses IBANs.`;
  if (iban.length !== want) return `IBAN ${text} has ${iban.length} characters; ${iban.slice(0, 2)} IBANs have ${want}.`;
  // ISO 7064 mod 97-10: move the first four characters to the end, letters → 10..35.
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rem = 0;
  for (const ch of moved) {
    const v = ch >= 'A' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  }
  return rem === 1 ? null : `IBAN ${text} fails its checksum (a typing error?).`;
}

export function isValidIban(text: string): boolean {
  return ibanProblem(text) === null;
}

/** BIC (ISO 9362), the pattern of pain.001.001.03's BICIdentifier. */
export function isValidBic(text: string): boolean {
  return /^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/.test(text);
}
