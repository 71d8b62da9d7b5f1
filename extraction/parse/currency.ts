import type { Doc } from './document';

const CODES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'HUF', 'CAD', 'AUD', 'JPY', 'RON', 'BGN', 'MYR', 'SGD', 'INR', 'NZD', 'HKD', 'DEM'];

/**
 * Symbols and local abbreviations. `$` and `kr` name several currencies; they are written as
 * the placeholder codes DOLLAR / KRONE and resolved from the document's country (below).
 */
const SYMBOLS: [RegExp, string][] = [
  [/€/g, 'EUR'],
  [/£/g, 'GBP'],
  [/US\$|U\.S\.\$/g, 'USD'],
  [/S\$|SG\$/g, 'SGD'],
  [/A\$|AU\$/g, 'AUD'],
  [/C\$|CA\$/g, 'CAD'],
  [/HK\$/g, 'HKD'],
  [/NZ\$/g, 'NZD'],
  [/(?<![A-Z]{1,2})\$/g, 'DOLLAR'],
  [/\beurot?\b|\beuros?\b/gi, 'EUR'],
  // Malaysian ringgit: "RM 15.00", "RM15.00", "(RM)", "Total RM", "TOTAL RM:", "RM.".
  [/(?<![A-Za-z])RM(?=\s?\d|\s*[):.]|\s*$|\s+[A-Za-z])/gm, 'MYR'],
  [/₹|(?<![A-Za-z])(?:Rs\.?|INR)(?=\s?\d)/g, 'INR'],
  [/(?<![\p{L}])zł(?![\p{L}])|(?<![A-Za-z])PLN/gu, 'PLN'],
  [/(?<![\p{L}])(?:Fr\.|SFr\.?|CHF)(?=\s?\d|\s*$)/gmu, 'CHF'],
  [/(?<![\p{L}])(?:kr\.?|Kr\.)(?=\s?\d|\s*$)|\d\s?(?:kr|:-)(?![\p{L}])/gmu, 'KRONE'],
];

/** Country hints: VAT-id prefixes, international phone prefixes, country names. */
const COUNTRY_HINTS: [RegExp, string][] = [
  [/\bSE\d{12}\b|\+46\b|\bSverige\b|\bSweden\b/i, 'SE'],
  [/\bNO\d{9}(?:MVA)?\b|\+47\b|\bNorge\b|\bNorway\b/i, 'NO'],
  [/\bDK\d{8}\b|\+45\b|\bDanmark\b|\bDenmark\b/i, 'DK'],
  [/\+1[\s\-(]|\b(?:USA|U\.S\.A\.|United States)\b/i, 'US'],
  [/\+1[\s\-(]|\bCanada\b/i, 'CA'],
  [/\+61\b|\bAustralia\b|\bABN\b/i, 'AU'],
  [/\+65\b|\bSingapore\b/i, 'SG'],
  [/\+852\b|\bHong Kong\b/i, 'HK'],
  [/\+64\b|\bNew Zealand\b/i, 'NZ'],
];

const DOLLAR_OF: Record<string, string> = { US: 'USD', CA: 'CAD', AU: 'AUD', SG: 'SGD', HK: 'HKD', NZ: 'NZD' };
const KRONE_OF: Record<string, string> = { SE: 'SEK', NO: 'NOK', DK: 'DKK' };

function countries(text: string): string[] {
  return COUNTRY_HINTS.filter(([re]) => re.test(text)).map(([, c]) => c);
}

/** `$` / `kr` → the currency of the first country hint that has one; `$` alone defaults to USD. */
function resolve(code: string, hints: string[]): { code: string | null; sure: boolean } {
  if (code === 'DOLLAR') {
    const c = hints.find((h) => DOLLAR_OF[h]);
    return { code: c ? DOLLAR_OF[c]! : 'USD', sure: !!c };
  }
  if (code === 'KRONE') {
    const c = hints.find((h) => KRONE_OF[h]);
    return { code: c ? KRONE_OF[c]! : null, sure: !!c };
  }
  return { code, sure: true };
}

/** The document's currency: the code or symbol written most often, totals lines counting double. */
export function detectCurrency(doc: Doc, totalLine: number | null): { code: string | null; confidence: number } {
  const score = new Map<string, number>();
  const bump = (code: string, n: number) => score.set(code, (score.get(code) ?? 0) + n);
  for (const line of doc.lines) {
    const weight = line.index === totalLine ? 3 : 1;
    for (const code of CODES) {
      const n = line.text.match(new RegExp(`(?<![A-Z])${code}(?![A-Z])`, 'g'))?.length ?? 0;
      if (n) bump(code, n * weight);
    }
    for (const [re, code] of SYMBOLS) {
      const n = line.text.match(re)?.length ?? 0;
      if (n) bump(code, n * weight);
    }
  }
  const ranked = [...score.entries()].sort((a, b) => b[1] - a[1]);
  const top = ranked[0];
  if (!top) return { code: null, confidence: 0 };
  const { code, sure } = resolve(top[0], countries(doc.lines.map((l) => l.text).join('\n')));
  if (!code) return { code: null, confidence: 0 };
  const second = ranked[1]?.[1] ?? 0;
  const base = second === 0 ? 0.95 : top[1] > second * 2 ? 0.8 : 0.5;
  return { code, confidence: sure ? base : Math.min(base, 0.6) };
}
