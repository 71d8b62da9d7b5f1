// What every e-invoice syntax is mapped to (EN 16931 business terms, our names), and the
// value formats the rest of the app and outside scorers expect.
import Decimal from 'decimal.js';
import type { ExtractedFields, VatBreakdown } from '../types';

export type { VatBreakdown };

export type EInvoiceSyntax = 'cii' | 'ubl' | 'ee';

export interface EInvoiceLine {
  description: string;
  quantity: string | null;
  netAmount: string | null;
  vatRate: string | null;
  unitPrice: string | null;
}

type Stated = 'supplierName' | 'supplierVatId' | 'supplierRegNo' | 'invoiceNumber' | 'issueDate' | 'dueDate' | 'currency' | 'netAmount' | 'vatAmount' | 'totalAmount' | 'iban' | 'buyerName';

export interface EInvoice extends Pick<ExtractedFields, Stated> {
  syntax: EInvoiceSyntax;
  paymentReference: string | null;
  creditNote: boolean;
  vatBreakdown: VatBreakdown[];
  lines: EInvoiceLine[];
  language: string | null;
}

/** A trade party as the syntaxes state it (seller: BT-27, BT-31, BT-30). */
export interface Party {
  name: string | null;
  vatId: string | null;
  regNo: string | null;
}

export const supplierOf = (p: Party) => ({ supplierName: p.name, supplierVatId: p.vatId, supplierRegNo: p.regNo });

const decimal = (s: string | null | undefined): Decimal | null => {
  if (!s) return null;
  try {
    return new Decimal(s.trim());
  } catch {
    return null;
  }
};

/** Amounts: exact decimal strings with 2 places, sign as the XML gives it. */
export const amount = (s: string | null | undefined): string | null => decimal(s)?.toFixed(2) ?? null;

/** Quantities and rates: no trailing zeros ("19.00" → "19", "3.5000" → "3.5"). */
export const plainNumber = (s: string | null | undefined): string | null => decimal(s)?.toFixed() ?? null;

/** Only IBAN-shaped account ids are IBANs; "IBAN", "XX" or a domestic number are left out. */
export function ibanOrNull(s: string | null | undefined): string | null {
  const v = s?.replace(/\s+/g, '').toUpperCase();
  return v && /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(v) ? v : null;
}

/** "20250520" (format 102) or "2025-05-20…" → "2025-05-20". */
export function isoDate(s: string | null | undefined): string | null {
  const v = s?.trim();
  if (!v) return null;
  const m = /^(\d{4})-?(\d{2})-?(\d{2})/.exec(v);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/** UNTDID 1001 document type codes that mean a credit note (381 and its relatives). */
const CREDIT_NOTE_CODES = new Set(['81', '83', '261', '262', '296', '308', '381', '396', '420', '458', '532']);
export const isCreditNoteCode = (code: string | null): boolean => code !== null && CREDIT_NOTE_CODES.has(code.trim());

/** The rate carrying the largest VAT amount: what the single `vatRate` field reports. */
export function dominantRate(breakdown: VatBreakdown[]): string | null {
  let best: VatBreakdown | null = null;
  for (const b of breakdown) {
    if (b.rate === null) continue;
    if (!best || (decimal(b.vatAmount)?.abs() ?? new Decimal(0)).gt(decimal(best.vatAmount)?.abs() ?? new Decimal(0))) best = b;
  }
  return best?.rate ?? null;
}
