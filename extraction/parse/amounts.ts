import Decimal from 'decimal.js';
import { mask, type Doc, type DocLine } from './document';
import { locate, type Located } from './locate';
import { findAmounts, findPercents, type AmountToken } from './numbers';
import { findIbans } from './iban';
import { findVatNumbers } from './taxIds';

export interface AmountCandidate {
  value: Decimal;
  line: number;
  where: Located<unknown>['where'];
  rate: Decimal | null;
  decimals: boolean;
}

export interface Totals {
  net: AmountCandidate | null;
  vat: AmountCandidate | null;
  total: AmountCandidate | null;
  rate: Decimal | null;
  /** net + VAT = total was found among the candidates. */
  consistent: boolean;
  derived: ('net' | 'vat')[];
  /** A VAT amount was printed but did not reconcile net and total. */
  vatMismatch: boolean;
  multipleRates: boolean;
}

/** Amounts in a segment, after hiding IBANs and VAT numbers whose digits look like amounts. */
export function amountsIn(segment: string): AmountToken[] {
  const hidden: [number, number][] = [];
  for (const h of findIbans(segment)) hidden.push([h.index, h.index + h.iban.length + 8]);
  for (const m of segment.matchAll(/\b[A-Z]{2}[\s.]?\d[\d\s.]{6,}\d\b/g)) {
    if (findVatNumbers(m[0]).length) hidden.push([m.index ?? 0, (m.index ?? 0) + m[0].length]);
  }
  const pct = [...segment.matchAll(/(?<![\d.,])\d{1,2}(?:[.,]\d{1,2})?\s?%/g)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length] as [number, number]);
  return findAmounts(mask(segment, [...hidden, ...pct]));
}

function candidates(doc: Doc, kind: 'total' | 'net' | 'vat' | 'totalWeak'): AmountCandidate[] {
  return locate(doc, kind, (seg) => amountsIn(seg), 'last').map((l) => {
    const line = doc.lines[l.line] as DocLine;
    const labelLine = doc.lines.find((x) => x.labels.includes(l.label)) ?? line;
    const rate = findPercents(labelLine.text.slice(l.label.start))[0] ?? findPercents(line.text)[0] ?? null;
    return { value: l.value.value, line: l.line, where: l.where, rate: kind === 'vat' || kind === 'net' ? rate : null, decimals: l.value.hasDecimals };
  });
}

const eq = (a: Decimal, b: Decimal) => a.minus(b).abs().lte(0.011);

/**
 * Net, VAT and total are picked together: among labelled candidates, the combination where
 * net + VAT = total wins (the largest such total, i.e. the document total rather than a
 * per-rate subtotal). Without a consistent triple, the largest labelled total counts, preferring
 * the lower part of the page where totals live.
 */
export function pickTotals(doc: Doc): Totals {
  // Credit notes and corrections print negative totals; they count when the whole triple is negative.
  const allTotals = candidates(doc, 'total');
  const allNets = candidates(doc, 'net');
  const allVats = candidates(doc, 'vat');
  const negative = negativeTriple(allTotals, allNets, allVats);
  if (negative) return negative;
  let totals = allTotals.filter((c) => c.value.gte(0));
  if (!totals.length) totals = candidates(doc, 'totalWeak').filter((c) => c.decimals);
  const nets = allNets.filter((c) => c.value.gte(0));
  const vatsRaw = allVats.filter((c) => c.value.gte(0));
  // A "VAT 22%" row that lists base and tax has the base as its rate's net; keep only the tax.
  const vats = [...vatsRaw];
  const distinctRates = new Map<string, AmountCandidate>();
  for (const v of vatsRaw) if (v.rate) distinctRates.set(`${v.rate.toString()}`, v);
  if (distinctRates.size > 1) {
    const sum = [...distinctRates.values()].reduce((a, c) => a.plus(c.value), new Decimal(0));
    vats.push({ value: sum, line: Math.max(...[...distinctRates.values()].map((c) => c.line)), where: 'fallback', rate: null, decimals: true });
  }
  let best: { n: AmountCandidate; v: AmountCandidate; t: AmountCandidate } | null = null;
  for (const t of totals)
    for (const n of nets)
      for (const v of vats) {
        if (n.line === t.line && n.value.eq(t.value)) continue;
        if (!eq(n.value.plus(v.value), t.value) || t.value.isZero()) continue;
        if (!best || t.value.gt(best.t.value) || (t.value.eq(best.t.value) && t.line > best.t.line)) best = { n, v, t };
      }
  const multipleRates = distinctRates.size > 1;
  const dominantRate = (): Decimal | null => {
    if (distinctRates.size) return [...distinctRates.values()].sort((a, b) => b.value.comparedTo(a.value))[0]!.rate;
    return null;
  };
  const due = amountDue(doc, totals);
  if (best && (!due || eq(due.value, best.t.value))) {
    return { net: best.n, vat: best.v, total: best.t, rate: best.v.rate ?? dominantRate(), consistent: true, derived: [], multipleRates, vatMismatch: false };
  }
  const half = doc.lines.length / 2;
  const scoreTotal = (c: AmountCandidate) => (c.decimals ? 2 : 0) + (c.line >= half ? 1 : 0);
  let total: AmountCandidate | null = due ?? [...totals].sort((a, b) => scoreTotal(b) - scoreTotal(a) || b.value.comparedTo(a.value))[0] ?? null;
  if (!total) total = largestNearBottom(doc);
  const net = nets.filter((c) => !total || c.value.lt(total.value)).sort((a, b) => b.value.comparedTo(a.value))[0] ?? null;
  const vat = vats.filter((c) => !total || c.value.lt(total.value)).sort((a, b) => b.line - a.line)[0] ?? null;
  const derived: ('net' | 'vat')[] = [];
  let netOut = net;
  // VAT-inclusive receipts print total and VAT only; the net is what bookkeeping needs.
  if (!netOut && vat && total && vat.value.lt(total.value)) {
    netOut = { value: total.value.minus(vat.value), line: total.line, where: 'fallback', rate: null, decimals: true };
    derived.push('net');
  }
  let vatOut = vat;
  // Labelled net and total are sturdier than a VAT row (several rates, OCR damage): when the
  // VAT found does not reconcile them, their difference is the better guess.
  if (total && net && total.value.gt(net.value) && (!vat || !eq(net.value.plus(vat.value), total.value))) {
    vatOut = { value: total.value.minus(net.value), line: total.line, where: 'fallback', rate: vat?.rate ?? null, decimals: true };
    derived.push('vat');
  }
  return { net: netOut, vat: vatOut, total, rate: vatOut?.rate ?? dominantRate(), consistent: false, derived, multipleRates, vatMismatch: derived.includes('vat') && vat !== null };
}

/**
 * Receipts: the amount due, not the cash tendered, the change or the total before rounding.
 * When the tendered cash minus the change equals a labelled total, that total is confirmed;
 * otherwise the last labelled total above the first payment line (CASH, CARD, CHANGE…) is the
 * amount due, because payment lines follow the rounded total on a till receipt.
 */
function amountDue(doc: Doc, totals: AmountCandidate[]): AmountCandidate | null {
  // A rounding line sits between the total before and after rounding: it is not a payment.
  const payLines = doc.lines.filter((l) => l.labels.some((h) => h.kind === 'paid') && !/round/.test(l.folded));
  if (!payLines.length || !totals.length) return null;
  const money = (l: DocLine) => amountsIn(l.text).filter((a) => a.hasDecimals).map((a) => a.value);
  const isChange = (l: DocLine) => /change|baki|r(?:u|ue)ckgeld|wisselgeld|rendu|tagastus/i.test(l.folded);
  const tendered = payLines.filter((l) => !isChange(l)).flatMap(money)[0];
  const change = payLines.filter(isChange).flatMap(money)[0];
  if (tendered && change && tendered.gt(change)) {
    const paid = tendered.minus(change);
    const hit = [...totals].reverse().find((c) => eq(c.value, paid));
    if (hit) return hit;
  }
  const firstPay = payLines[0]!.index;
  const above = totals.filter((c) => c.line < firstPay && c.line >= firstPay - 4 && c.decimals && c.value.gt(0));
  return above[above.length - 1] ?? null;
}

/**
 * A correction or credit note: the last labelled total is negative and a negative net sits
 * next to it. VAT is the printed negative VAT that reconciles, else total − net (a layout may
 * print the minus sign of the VAT on another line).
 */
function negativeTriple(totals: AmountCandidate[], nets: AmountCandidate[], vats: AmountCandidate[]): Totals | null {
  const total = [...totals].reverse().find((c) => c.value.lt(0) && c.decimals);
  if (!total || totals.some((c) => c.value.gt(0) && c.line > total.line)) return null;
  const net = [...nets].reverse().find((c) => c.value.lt(0) && c.value.gt(total.value));
  if (!net) return null;
  const printed = vats.find((v) => eq(net.value.plus(v.value), total.value));
  const vat = printed ?? { value: total.value.minus(net.value), line: total.line, where: 'fallback' as const, rate: null, decimals: true };
  return { net, vat, total, rate: vat.rate, consistent: !!printed, derived: printed ? [] : ['vat'], multipleRates: false, vatMismatch: false };
}

function largestNearBottom(doc: Doc): AmountCandidate | null {
  let best: AmountCandidate | null = null;
  const from = Math.floor(doc.lines.length / 2);
  for (const line of doc.lines.slice(from)) {
    for (const a of amountsIn(line.text)) {
      if (!a.hasDecimals) continue;
      if (!best || a.value.gt(best.value)) best = { value: a.value, line: line.index, where: 'fallback', rate: null, decimals: true };
    }
  }
  return best;
}
