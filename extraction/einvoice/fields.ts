// An e-invoice as the extractor's fields: every stated value is exact (confidence 1).
import type { ExtractedFields } from '../types';
import { dominantRate, type EInvoice } from './model';

const REQUIRED = { supplierName: 'supplier name', invoiceNumber: 'invoice number', issueDate: 'issue date', totalAmount: 'total amount' } as const;

export function einvoiceFields(e: EInvoice, pages: number): ExtractedFields {
  const values = {
    supplierName: e.supplierName,
    supplierVatId: e.supplierVatId,
    supplierVatNo: e.supplierVatId,
    supplierRegNo: e.supplierRegNo,
    invoiceNumber: e.invoiceNumber,
    issueDate: e.issueDate,
    dueDate: e.dueDate,
    currency: e.currency,
    totalAmount: e.totalAmount,
    netAmount: e.netAmount,
    vatAmount: e.vatAmount,
    vatRate: dominantRate(e.vatBreakdown),
    iban: e.iban,
    paymentReference: e.paymentReference,
    buyerName: e.buyerName,
  };
  const confidence: Record<string, number> = {};
  for (const [k, v] of Object.entries(values)) if (v !== null) confidence[k] = 1;
  if (e.lines.length) confidence.lines = 1;
  const warnings = Object.entries(REQUIRED)
    .filter(([k]) => values[k as keyof typeof REQUIRED] === null)
    .map(([, label]) => `The e-invoice states no ${label}.`);
  return {
    ...(e.creditNote ? { documentType: 'credit_note' as const } : {}),
    ...values,
    lines: e.lines.map((l) => ({ description: l.description, quantity: l.quantity, netAmount: l.netAmount, vatRate: l.vatRate, unitPrice: l.unitPrice, amount: l.netAmount })),
    vatBreakdown: e.vatBreakdown,
    confidence,
    language: e.language,
    warnings,
    source: 'einvoice',
    pages,
  };
}
