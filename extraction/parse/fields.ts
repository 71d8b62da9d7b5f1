import Decimal from 'decimal.js';
import { buildDoc, inSpans, type Doc } from './document';
import { detectCurrency } from './currency';
import { findDates } from './dates';
import { findIbans } from './iban';
import { detectLanguage } from './labels';
import { parseLineItems, type LineItem } from './lineItems';
import { locate, type Located, type Where } from './locate';
import { money, plain } from './numbers';
import type { InvoiceFields } from '../../domain/invoice-fields';
import { pickTotals } from './amounts';
import { guessSupplier } from './supplier';
import { findVatNumbers, parseRegNo, type RegNoHit } from './taxIds';

export interface ParsedFields extends InvoiceFields {
  lines: LineItem[];
  confidence: Record<string, number>;
  language: string | null;
  warnings: string[];
}

const BY_WHERE: Record<Where, number> = { 'same-line': 0.9, 'next-line': 0.8, fallback: 0.5 };

/** Prefer hits outside the customer block, then the earliest. */
function preferSupplierSide<T>(doc: Doc, hits: Located<T>[]): Located<T> | null {
  const outside = hits.filter((h) => !inSpans(doc.buyer, h.line, h.label.start));
  return outside[0] ?? null;
}

const INVOICE_NO = /^[#:\s]*(?:n\s*°|nº|no\.?|nr\.?)?[#:\s.]*([A-Z0-9][A-Z0-9\-/_.]*[A-Z0-9]|\d)/i;

function invoiceNumberFinder(segment: string): string[] {
  const m = segment.match(INVOICE_NO);
  const v = m?.[1];
  if (!v || !/\d/.test(v) || v.length > 30) return [];
  if (findDates(segment.trim()).some((d) => d.index === 0)) return [];
  return [v];
}

/** Pure text → fields. All heuristics are language- and supplier-agnostic. */
export function parseInvoiceText(text: string): ParsedFields {
  const doc = buildDoc(text);
  const warnings: string[] = [];
  const confidence: Record<string, number> = {};
  const language = detectLanguage(text);

  // Invoice number: labelled; else a title line "INVOICE 2026-0042" / "ARVE nr 12".
  let invoiceNumber: string | null = null;
  const inv = preferSupplierSide(doc, locate(doc, 'invoiceNumber', invoiceNumberFinder));
  if (inv) {
    invoiceNumber = inv.value;
    confidence.invoiceNumber = BY_WHERE[inv.where];
  } else {
    for (const line of doc.lines.slice(0, 15)) {
      const m = line.text.match(/^\s*(?:invoice|arve|facture|receipt|kviitung|tšekk|reçu|ticket)\s+(?:n[°º]\s*|no\.?\s*|nr\.?\s*|#\s*)?([A-Z0-9][A-Z0-9\-/_.]*\d[A-Z0-9\-/_]*)/i);
      if (m?.[1]) {
        invoiceNumber = m[1];
        confidence.invoiceNumber = 0.6;
        break;
      }
    }
  }

  // Dates.
  const dateFinder = (seg: string) => findDates(seg).map((d) => d.iso);
  const due = locate(doc, 'dueDate', dateFinder)[0] ?? null;
  const issue = locate(doc, 'issueDate', dateFinder).find((d) => !due || d.line !== due.line || d.value !== due.value) ?? null;
  let issueDate = issue?.value ?? null;
  let dueDate = due?.value ?? null;
  if (issue) confidence.issueDate = BY_WHERE[issue.where];
  if (due) confidence.dueDate = BY_WHERE[due.where];
  if (!issueDate) {
    const all = doc.lines.flatMap((l) => findDates(l.text).map((d) => d.iso)).filter((d) => d !== dueDate);
    if (all[0]) {
      issueDate = all[0];
      confidence.issueDate = 0.5;
    }
  }
  if (issueDate && dueDate && dueDate < issueDate) {
    warnings.push('The due date is before the issue date.');
    confidence.dueDate = Math.min(confidence.dueDate ?? 0.5, 0.4);
  }

  // IBAN: the supplier's account, not one in the customer block.
  const ibans = doc.lines.flatMap((l) => findIbans(l.text).map((h) => ({ ...h, line: l.index })));
  const ibanHit = ibans.find((h) => !inSpans(doc.buyer, h.line, h.index)) ?? null;
  const iban = ibanHit?.iban ?? null;
  if (ibanHit) confidence.iban = ibanHit.repaired ? 0.75 : 0.97;
  if (ibans.length > 1 && new Set(ibans.map((h) => h.iban)).size > 1) warnings.push('Several IBANs found; the first one is reported.');

  // VAT number: labelled and outside the customer block first.
  const vatHits = doc.lines.flatMap((l) => {
    const labelAbove = doc.lines[l.index - 1]?.labels.some((x) => x.kind === 'vatId') ?? false;
    const labelHere = l.labels.some((x) => x.kind === 'vatId');
    return findVatNumbers(maskIbans(l.text), labelHere || labelAbove).map((h) => ({
      ...h,
      line: l.index,
      labelled: l.labels.some((x) => x.kind === 'vatId' && x.start <= h.index) || labelAbove,
      buyer: inSpans(doc.buyer, l.index, h.index),
    }));
  });
  const rankVat = (h: (typeof vatHits)[number]) => (h.buyer ? -10 : 0) + (h.labelled ? 2 : 0) + (h.check === 'checksum' ? 1 : 0);
  const vatHit = [...vatHits].sort((a, b) => rankVat(b) - rankVat(a) || a.line - b.line)[0];
  let supplierVatNo: string | null = null;
  if (vatHit && !vatHit.buyer) {
    supplierVatNo = vatHit.value;
    confidence.supplierVatNo = vatHit.check === 'checksum' ? 0.95 : vatHit.labelled ? 0.75 : 0.6;
  }

  // Registration number.
  const regHits = locate(doc, 'regNo', (seg) => {
    const m = seg.match(/^[\s:#.\-–]*(?:n\s*°|nº|no\.?|nr\.?)?[\s:#.]*((?:[A-Z]{2,4}\s)?[A-Z0-9](?:[A-Z0-9\-]| (?=\d{3}))*)/i);
    const hit = m?.[1] ? parseRegNo(m[1]) : null;
    return hit ? [hit] : [];
  });
  const reg = preferSupplierSide(doc, regHits) ?? germanRegister(doc);
  const supplierRegNo = reg?.value.value ?? null;
  if (reg) confidence.supplierRegNo = reg.value.check === 'checksum' ? 0.92 : 0.7;

  // Amounts.
  const t = pickTotals(doc);
  const netAmount = t.net ? money(t.net.value) : null;
  const vatAmount = t.vat ? money(t.vat.value) : null;
  const totalAmount = t.total ? money(t.total.value) : null;
  let rate = t.rate;
  if (!rate && t.net && t.vat && !t.net.value.isZero()) {
    const r = t.vat.value.div(t.net.value).times(100);
    const rounded = r.toDecimalPlaces(1);
    if (r.minus(rounded).abs().lt(0.06)) rate = rounded;
  }
  const vatRate = rate ? plain(rate) : null;
  if (t.consistent) {
    confidence.netAmount = 0.97;
    confidence.vatAmount = 0.97;
    confidence.totalAmount = 0.98;
  } else {
    if (t.total) confidence.totalAmount = BY_WHERE[t.total.where] - 0.1;
    if (t.net) confidence.netAmount = t.derived.includes('net') ? 0.6 : BY_WHERE[t.net.where] - 0.2;
    if (t.vat) confidence.vatAmount = t.derived.includes('vat') ? 0.5 : BY_WHERE[t.vat.where] - 0.2;
    if (t.derived.includes('vat')) warnings.push('The VAT amount was computed as total minus net; please check it.');
    if (t.vatMismatch) {
      warnings.push('The printed VAT amount does not reconcile net and total.');
      for (const k of ['netAmount', 'vatAmount', 'totalAmount']) confidence[k] = Math.min(confidence[k] ?? 0.5, 0.5);
    }
    if (t.net && t.vat && t.total && t.derived.length === 0) {
      warnings.push(`Net ${money(t.net.value)} plus VAT ${money(t.vat.value)} does not equal the total ${money(t.total.value)}.`);
      for (const k of ['netAmount', 'vatAmount', 'totalAmount']) confidence[k] = Math.min(confidence[k] ?? 0.4, 0.4);
    }
  }
  if (vatRate) confidence.vatRate = t.consistent ? 0.9 : 0.7;
  if (t.multipleRates) warnings.push('Several VAT rates on the document; vatRate is the rate with the largest VAT amount.');

  // Currency.
  const cur = detectCurrency(doc, t.total?.line ?? null);
  if (cur.code) confidence.currency = cur.confidence;
  const currency = cur.code ?? (iban && /^(EE|FR|DE|FI|LV|LT|BE|NL|AT|IT|ES|PT|IE|LU|SK|SI|GR|CY|MT)/.test(iban) ? 'EUR' : null);
  if (!cur.code && currency) confidence.currency = 0.5;

  // Supplier name, anchored near the supplier's identifiers.
  const anchors = [vatHit && !vatHit.buyer ? vatHit.line : -1, reg?.line ?? -1, ibanHit?.line ?? -1].filter((x) => x >= 0);
  const supplier = guessSupplier(doc, anchors);
  if (supplier.name) confidence.supplierName = supplier.confidence;

  const lines = parseLineItems(doc);
  if (lines.length) {
    const sum = lines.reduce((a, l) => (l.amount ? a.plus(l.amount) : a), new Decimal(0));
    const matches = (t.net && sum.minus(t.net.value).abs().lte(0.05)) || (t.total && sum.minus(t.total.value).abs().lte(0.05));
    confidence.lines = matches ? 0.9 : 0.5;
  }

  for (const [k, v] of Object.entries({ supplierName: supplier.name, invoiceNumber, issueDate, totalAmount })) {
    if (v === null) warnings.push(`No ${k.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)} found.`);
  }

  return {
    supplierName: supplier.name,
    supplierRegNo,
    supplierVatNo,
    invoiceNumber,
    issueDate,
    dueDate,
    currency,
    netAmount,
    vatAmount,
    totalAmount,
    vatRate,
    iban,
    lines,
    confidence,
    language,
    warnings,
  };
}

/** German register entries name themselves ("HRB 720569", "HRA 12345"): no label needed. */
function germanRegister(doc: Doc): Located<RegNoHit> | null {
  for (const line of doc.lines) {
    const m = line.text.match(/(?<![\p{L}\d])(HR[AB])\s?(?:Nr\.?\s?)?(\d{3,6})(?!\d)/u);
    if (!m || inSpans(doc.buyer, line.index, m.index ?? 0)) continue;
    const start = m.index ?? 0;
    return { value: { value: `${m[1]} ${m[2]}`, check: 'shape' }, line: line.index, where: 'fallback', label: { kind: 'regNo', start, end: start } };
  }
  return null;
}

function maskIbans(s: string): string {
  let out = s;
  for (const h of findIbans(s)) {
    // The IBAN may be printed with spaces: blank its span up to its length in characters.
    let i = h.index;
    let seen = 0;
    while (i < out.length && seen < h.iban.length) {
      if (/[A-Za-z0-9]/.test(out[i]!)) seen++;
      i++;
    }
    out = out.slice(0, h.index) + ' '.repeat(i - h.index) + out.slice(i);
  }
  return out;
}
