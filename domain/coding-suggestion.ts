/**
 * Coding lines offered from a structured e-invoice: one line per VAT rate of its breakdown
 * (taxable amount + VAT = the gross the coding splits), only when they add up to the
 * document total exactly, so the offer is never a split that cannot be saved.
 */
import { addAmounts, amountsEqual, isDecimalString } from './money';

export interface VatRateShare {
  rate: string | null;
  taxableAmount: string | null;
  vatAmount: string | null;
}

export interface SuggestedCodingLine {
  amount: string;
  vatRate: string;
}

export function suggestCodingByVatRate(breakdown: readonly VatRateShare[], totalAmount: string | null, maxLines: number): SuggestedCodingLine[] {
  if (!totalAmount || !isDecimalString(totalAmount) || breakdown.length === 0 || breakdown.length > maxLines) return [];
  const lines: SuggestedCodingLine[] = [];
  for (const b of breakdown) {
    if (b.rate === null || !b.taxableAmount || !isDecimalString(b.taxableAmount) || (b.vatAmount && !isDecimalString(b.vatAmount))) return [];
    lines.push({ amount: addAmounts(b.taxableAmount, b.vatAmount ?? '0'), vatRate: b.rate });
  }
  return amountsEqual(addAmounts(...lines.map((l) => l.amount)), totalAmount) ? lines : [];
}

/** The one VAT code whose code or label names this rate ("VAT24", "Standard rate 24 %"); null when none or several do. */
export function vatCodeForRate(rate: string, codes: readonly { code: string; label: string }[]): string | null {
  const r = rate.replace('.', '[.,]');
  const names = new RegExp(`(?:^|[^\\d.,])${r}(?:\\s?%|$)`);
  const hits = codes.filter((c) => names.test(c.code) || names.test(c.label));
  return hits.length === 1 ? hits[0]!.code : null;
}
