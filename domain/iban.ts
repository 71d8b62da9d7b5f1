// IBAN and BIC checks (ISO 13616 / ISO 9362), as pain.001's schema and the banks apply them.

/** Lengths per country (SWIFT IBAN registry), for the countries of the SEPA scheme and a few more. */
const IBAN_LENGTH: Record<string, number> = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FR: 27, GB: 22,
  GI: 23, GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, NL: 18,
  NO: 15, PL: 28, PT: 25, RO: 24, SE: 24, SI: 19, SK: 24, SM: 27, VA: 22, AL: 28, MD: 24, ME: 22, MK: 19, RS: 22,
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
  if (want !== undefined && iban.length !== want) return `IBAN ${text} has ${iban.length} characters; ${iban.slice(0, 2)} IBANs have ${want}.`;
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
