const EU_VAT_PREFIXES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'EL', 'ES', 'FI', 'FR', 'HR', 'HU', 'IE', 'IT',
  'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'XI', 'GB', 'CH', 'NO',
];

const digits = (s: string) => s.split('').map(Number);

/** Luhn, as used by French SIREN (9 digits) and SIRET (14 digits). */
export function luhnValid(num: string): boolean {
  if (!/^\d+$/.test(num)) return false;
  let sum = 0;
  const ds = digits(num).reverse();
  for (const [i, d] of ds.entries()) {
    let v = i % 2 === 1 ? d * 2 : d;
    if (v > 9) v -= 9;
    sum += v;
  }
  return sum % 10 === 0;
}

export function isValidSiren(s: string): boolean {
  return /^\d{9}$/.test(s) && luhnValid(s);
}

export function isValidSiret(s: string): boolean {
  // La Poste's SIRETs use a digit-sum rule instead of Luhn.
  if (/^356000000\d{5}$/.test(s)) return digits(s).reduce((a, b) => a + b, 0) % 5 === 0;
  return /^\d{14}$/.test(s) && luhnValid(s) && luhnValid(s.slice(0, 9));
}

/** Estonian registry code (8 digits, first 1/7/8/9): weighted mod-11 with a second weight set. */
export function isValidEeRegCode(s: string): boolean {
  if (!/^[1789]\d{7}$/.test(s)) return false;
  const d = digits(s);
  const check = (weights: number[]) => weights.reduce((a, w, i) => a + w * d[i]!, 0) % 11;
  let c = check([1, 2, 3, 4, 5, 6, 7]);
  if (c === 10) {
    c = check([3, 4, 5, 6, 7, 8, 9]);
    if (c === 10) c = 0;
  }
  return c === d[7];
}

function eeVat(n: string): boolean {
  if (!/^10\d{7}$/.test(n)) return false;
  const d = digits(n);
  const sum = [3, 7, 1, 3, 7, 1, 3, 7].reduce((a, w, i) => a + w * d[i]!, 0);
  return (10 - (sum % 10)) % 10 === d[8];
}

function frVat(n: string): boolean {
  const key = n.slice(0, 2);
  const siren = n.slice(2);
  if (!/^\d{9}$/.test(siren)) return false;
  // New-style alphabetic keys have no published public check; accept the shape.
  if (!/^\d{2}$/.test(key)) return /^[A-HJ-NP-Z0-9]{2}$/.test(key);
  return Number(key) === (12 + 3 * (Number(siren) % 97)) % 97;
}

function deVat(n: string): boolean {
  if (!/^[1-9]\d{8}$/.test(n)) return false;
  // ISO 7064 MOD 11,10
  let product = 10;
  for (const d of digits(n.slice(0, 8))) {
    let sum = (d + product) % 10;
    if (sum === 0) sum = 10;
    product = (2 * sum) % 11;
  }
  const check = 11 - product === 10 ? 0 : 11 - product;
  return check === Number(n[8]);
}

function gbVat(n: string): boolean {
  if (/^(GD[0-4]\d{2}|HA[5-9]\d{2})$/.test(n)) return true;
  const core = n.length === 12 ? n.slice(0, 9) : n;
  if (!/^\d{9}$/.test(core) || (n.length !== 9 && n.length !== 12)) return false;
  const d = digits(core);
  const sum = [8, 7, 6, 5, 4, 3, 2].reduce((a, w, i) => a + w * d[i]!, 0) + Number(core.slice(7));
  return sum % 97 === 0 || (sum + 55) % 97 === 0;
}

const GENERIC_SHAPE: Record<string, RegExp> = {
  AT: /^U\d{8}$/, BE: /^[01]\d{9}$/, BG: /^\d{9,10}$/, CY: /^\d{8}[A-Z]$/, CZ: /^\d{8,10}$/,
  DK: /^\d{8}$/, EL: /^\d{9}$/, ES: /^[A-Z0-9]\d{7}[A-Z0-9]$/, FI: /^\d{8}$/, HR: /^\d{11}$/,
  HU: /^\d{8}$/, IE: /^\d[A-Z0-9+*]\d{5}[A-Z]{1,2}$/, IT: /^\d{11}$/, LT: /^(\d{9}|\d{12})$/,
  LU: /^\d{8}$/, LV: /^\d{11}$/, MT: /^\d{8}$/, NL: /^\d{9}B\d{2}$/, PL: /^\d{10}$/, PT: /^\d{9}$/,
  RO: /^\d{2,10}$/, SE: /^\d{12}$/, SI: /^\d{8}$/, SK: /^\d{10}$/, XI: /^(\d{9}|\d{12})$/,
  CH: /^E?\d{9}(MWST|TVA|IVA)?$/, NO: /^\d{9}(MVA)?$/,
};

export type VatCheck = 'checksum' | 'shape' | 'invalid';

/** Validates a VAT number written with its country prefix, with national checksums where public. */
export function checkVatNumber(raw: string): VatCheck {
  const v = normalizeVat(raw);
  const cc = v.slice(0, 2);
  const n = v.slice(2);
  switch (cc) {
    case 'EE':
      return eeVat(n) ? 'checksum' : 'invalid';
    case 'FR':
      return frVat(n) ? (/^\d{2}/.test(n) ? 'checksum' : 'shape') : 'invalid';
    case 'DE':
      return deVat(n) ? 'checksum' : 'invalid';
    case 'GB':
      return gbVat(n) ? 'checksum' : 'invalid';
    default: {
      const shape = GENERIC_SHAPE[cc];
      if (shape) return shape.test(n) ? 'shape' : 'invalid';
      return 'invalid';
    }
  }
}

export function normalizeVat(raw: string): string {
  return raw.toUpperCase().replace(/[\s.\-]/g, '').replace(/^CHE/, 'CH');
}

export interface TaxIdHit {
  value: string;
  index: number;
  check: VatCheck;
}

/** EU-style VAT numbers in a line: country prefix + body, spaces and dots allowed in the body. */
/**
 * Shapes accepted after an explicit VAT-id label even when the national checksum fails: the
 * number is then what the document prints (a typo or a sample number), reported as 'shape'.
 */
const PRINTED_SHAPE: Record<string, RegExp> = { EE: /^10\d{7}$/, FR: /^[A-HJ-NP-Z0-9]{2}\d{9}$/, DE: /^\d{9}$/, GB: /^(\d{9}|\d{12})$/ };

function printedShape(v: string): boolean {
  return PRINTED_SHAPE[v.slice(0, 2)]?.test(v.slice(2)) ?? false;
}

export function findVatNumbers(line: string, labelled = false): TaxIdHit[] {
  const out: TaxIdHit[] = [];
  const re = new RegExp(String.raw`(?<![A-Z0-9])(${EU_VAT_PREFIXES.join('|')}|CHE)[\s.\-]?([A-Z0-9](?:[\s.\-]?[A-Z0-9+*]){7,13})(?![A-Z0-9])`, 'g');
  for (const m of line.toUpperCase().matchAll(re)) {
    // Trailing words glued by the regex ("EE100000001 IBAN") are trimmed progressively.
    let body = m[2]!;
    for (;;) {
      const candidate = normalizeVat(`${m[1]}${body}`);
      let check = checkVatNumber(candidate);
      if (check === 'invalid' && labelled && printedShape(candidate)) check = 'shape';
      if (check !== 'invalid' && /\d{4}/.test(candidate)) {
        out.push({ value: candidate, index: m.index ?? 0, check });
        break;
      }
      const cut = body.search(/[\s.\-][A-Z0-9+*]*$/);
      if (cut <= 0) break;
      body = body.slice(0, cut);
    }
  }
  return out;
}

export interface RegNoHit {
  value: string;
  check: 'checksum' | 'shape';
}

/**
 * A company registration number after its label. Which national rule applies is guessed from the
 * shape: 14 digits SIRET, 9 SIREN, 8 starting 1/7/8/9 Estonian registry code, else the raw token.
 */
export function parseRegNo(raw: string): RegNoHit | null {
  const compact = raw.replace(/[\s.]/g, '');
  if (/^\d{14}$/.test(compact)) return isValidSiret(compact) ? { value: compact, check: 'checksum' } : null;
  if (/^\d{9}$/.test(compact) && isValidSiren(compact)) return { value: compact, check: 'checksum' };
  if (/^\d{8}$/.test(compact) && isValidEeRegCode(compact)) return { value: compact, check: 'checksum' };
  const token = raw.trim().replace(/[.,;]$/, '');
  if (/^(?:HR[AB]\s?\d{3,6}|[A-Z]{2}\d{6}|\d{6,9}|[A-Z0-9\-]{5,15})$/i.test(token) && /\d{4}/.test(token)) {
    return { value: token.replace(/\s+/g, ' '), check: 'shape' };
  }
  return null;
}
