// What a payment manager, an administrator or an auditor sees of payments: the approved invoices
// to pay and the payment batches, each invoice with what would keep it out of a SEPA file.
import type { Db } from '../data/db';
import { decimalString } from '../data/mappers';
import type { Prisma } from '../generated/prisma/client';
import { documentReference } from '../client/engine';
import { normalizeIban } from '../domain/iban';
import { transferProblems, type SepaTransfer } from './sepa';

export type BatchFormat = 'sepa' | 'csv';
export type PaymentFileFormat = 'pain001' | 'csv' | 'xlsx';

export interface PayableItem {
  documentId: string;
  reference: string;
  kind: string;
  supplierName: string | null;
  invoiceNumber: string | null;
  totalAmount: string | null;
  currency: string | null;
  iban: string | null;
  dueDate: string | null;
  approvedAt: Date | null;
  paymentBatch: { id: string; seq: number } | null;
  /** Why the invoice cannot go into a SEPA batch as it is (empty: it can). */
  sepaProblems: string[];
}

export interface PaymentBatchView {
  id: string;
  seq: number;
  format: BatchFormat;
  createdAt: Date;
  createdById: string;
  executionDate: string;
  fromDate: string | null;
  toDate: string | null;
  count: number;
  total: string;
  currency: string | null;
  documents: PayableItem[];
}

export interface SkippedInvoice {
  documentId: string;
  reference: string;
  reason: string;
}

export type DocRow = Prisma.DocumentGetPayload<{ include: { paymentBatch: { select: { id: true; seq: true } } } }>;

export function toTransfer(d: Pick<DocRow, 'number' | 'totalAmount' | 'currency' | 'supplierName' | 'iban' | 'invoiceNumber'>): SepaTransfer {
  return {
    endToEndId: documentReference(d),
    amount: decimalString(d.totalAmount) ?? '',
    currency: d.currency ?? '',
    creditorName: d.supplierName ?? '',
    creditorIban: d.iban ? normalizeIban(d.iban) : '',
    remittance: d.invoiceNumber ?? documentReference(d),
  };
}

export function payable(d: DocRow): PayableItem {
  return {
    documentId: d.id,
    reference: documentReference(d),
    kind: d.kind,
    supplierName: d.supplierName,
    invoiceNumber: d.invoiceNumber,
    totalAmount: decimalString(d.totalAmount),
    currency: d.currency,
    iban: d.iban,
    dueDate: d.dueDate,
    approvedAt: d.decidedAt,
    paymentBatch: d.paymentBatch ? { id: d.paymentBatch.id, seq: d.paymentBatch.seq } : null,
    sepaProblems: transferProblems(toTransfer(d)),
  };
}

/** "DOC-3 (invoice INV-9, Acme OÜ)" for reasons people read. */
export function label(d: Pick<DocRow, 'number' | 'invoiceNumber' | 'supplierName'>): string {
  const bits = [d.invoiceNumber ? `invoice ${d.invoiceNumber}` : null, d.supplierName].filter(Boolean);
  return `${documentReference(d)}${bits.length ? ` (${bits.join(', ')})` : ''}`;
}

/** A batch by id or by its number ("3", "PB-3", "#3"). */
export async function findBatch(db: Db, workspaceId: string, ref: string | number) {
  const m = /^(?:PB-?|#)?(\d+)$/i.exec(String(ref).trim());
  return m ? db.paymentBatch.findFirst({ where: { workspaceId, seq: Number(m[1]) } }) : db.paymentBatch.findFirst({ where: { workspaceId, id: String(ref).trim() } });
}

/** The batch's documents, in the batch's own order. */
export async function batchDocuments(db: Db, batch: Pick<Prisma.PaymentBatchGetPayload<object>, 'documentIds'>): Promise<DocRow[]> {
  const docs = await db.document.findMany({ where: { id: { in: batch.documentIds } }, include: { paymentBatch: { select: { id: true, seq: true } } } });
  const order = new Map(batch.documentIds.map((id, i) => [id, i]));
  return docs.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

export async function batchView(db: Db, batch: Prisma.PaymentBatchGetPayload<object>): Promise<PaymentBatchView> {
  const docs = await batchDocuments(db, batch);
  return {
    id: batch.id,
    seq: batch.seq,
    format: batch.format as BatchFormat,
    createdAt: batch.createdAt,
    createdById: batch.createdById,
    executionDate: batch.executionDate,
    fromDate: batch.fromDate,
    toDate: batch.toDate,
    count: batch.count,
    total: decimalString(batch.total)!,
    currency: batch.currency,
    documents: docs.map(payable),
  };
}
