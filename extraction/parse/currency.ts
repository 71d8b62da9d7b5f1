import type { Doc } from './document';

const CODES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'HUF', 'CAD', 'AUD', 'JPY', 'RON', 'BGN'];
const SYMBOLS: [RegExp, string][] = [
  [/€/g, 'EUR'],
  [/£/g, 'GBP'],
  [/US\$|\$/g, 'USD'],
  [/\beurot?\b|\beuros?\b/gi, 'EUR'],
];

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
  const second = ranked[1]?.[1] ?? 0;
  return { code: top[0], confidence: second === 0 ? 0.95 : top[1] > second * 2 ? 0.8 : 0.5 };
}
