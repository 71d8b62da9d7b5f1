/**
 * Coding lines offered from a structured e-invoice: one line per VAT rate of its breakdown
 * (taxable amount + VAT = the gross the coding splits), only when they add up to the
 * document total exactly, so the offer is never a split that cannot be saved.
 */
import type { CodingLine } from './coding';
import { D } from './decimal';
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

/** A coding line as a share of the total: what history and rules remember of a supplier. */
export interface CodingShare {
  account: string;
  vatCode: string;
  costCentre: string | null;
  project: string | null;
  /** Percent of the total, up to 4 decimals ("60", "33.3333"). */
  percent: string;
}

/** The split of a coded document, in percent of its total (the last share takes the rounding). */
export function sharesOf(lines: readonly { account: string; vatCode: string; costCentre: string | null; project: string | null; amount: string }[], total: string): CodingShare[] {
  if (lines.length === 0 || !isDecimalString(total) || new D(total).isZero()) return [];
  let left = new D(100);
  return lines.map((l, i) => {
    const pct = i === lines.length - 1 ? left : new D(l.amount).times(100).dividedBy(total).toDecimalPlaces(4, D.ROUND_HALF_UP);
    left = left.minus(pct);
    return { account: l.account, vatCode: l.vatCode, costCentre: l.costCentre, project: l.project, percent: pct.toString() };
  });
}

/** Shares applied to a total: amounts to the cent, the last line taking the remainder, so they always add up. */
export function applyShares(shares: readonly CodingShare[], total: string): CodingLine[] {
  if (shares.length === 0 || !isDecimalString(total)) return [];
  let left = new D(total);
  return shares.map((s, i) => {
    const amount = i === shares.length - 1 ? left : new D(total).times(s.percent).dividedBy(100).toDecimalPlaces(2, D.ROUND_HALF_UP);
    left = left.minus(amount);
    return { account: s.account, vatCode: s.vatCode, costCentre: s.costCentre, project: s.project, amount: amount.toFixed(2) };
  });
}

export type SuggestionSource =
  | { kind: 'rule'; supplier: string; matchedBy: string }
  | { kind: 'history'; reference: string; matchedBy: string }
  | { kind: 'einvoice' };

export interface CodingSuggestion {
  lines: CodingLine[];
  source: SuggestionSource;
}

/** Where the suggestion came from, for the modal: "From the rule for …", "From DOC-12, …". */
export function describeSource(s: SuggestionSource): string {
  if (s.kind === 'rule') return `Filled in from the administrators' coding rule for ${s.supplier} (matched by ${s.matchedBy}).`;
  if (s.kind === 'history') return `Filled in from ${s.reference}, this supplier's last approved document (matched by ${s.matchedBy}).`;
  return 'Filled in from the e-invoice: one line per VAT rate.';
}
