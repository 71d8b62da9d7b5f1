// Reading payments: the approved invoices to pay and the batches (payment managers,
// administrators and auditors).
import type { Db } from '../data/db';
import { decimalString } from '../data/mappers';
import { permission } from '../client/actors';
import { done, refused, type Outcome } from '../client/result';
import { NOT_HELD } from './duplicates';
import { batchView, findBatch, payable, type BatchFormat, type PayableItem, type PaymentBatchView } from './views';

/** Approved invoices not yet paid (in a batch or not), oldest due first; possible duplicates are held out. */
export async function listPayable(db: Db, workspaceId: string, viewerId: string): Promise<Outcome<PayableItem[]>> {
  const may = await permission(db, workspaceId, viewerId, 'see payments');
  if (!may.ok) return refused(may.reason);
  const docs = await db.document.findMany({
    where: { workspaceId, kind: 'invoice', status: 'approved', ...NOT_HELD },
    include: { paymentBatch: { select: { id: true, seq: true } } },
    orderBy: [{ dueDate: { sort: 'asc', nulls: 'last' } }, { seq: 'asc' }],
  });
  const items = docs.map(payable);
  return done(items, items.length === 0 ? 'No approved invoices are waiting for payment.' : `${items.length} approved invoice${items.length === 1 ? '' : 's'} waiting for payment.`);
}

export async function getPaymentBatch(db: Db, workspaceId: string, viewerId: string, batch: string | number): Promise<Outcome<PaymentBatchView>> {
  const may = await permission(db, workspaceId, viewerId, 'see payments');
  if (!may.ok) return refused(may.reason);
  const row = await findBatch(db, workspaceId, batch);
  if (!row) return refused(`There is no payment batch ${batch}.`);
  return done(await batchView(db, row), `Payment batch ${row.seq}: ${row.count} invoices, ${decimalString(row.total)}${row.currency ? ` ${row.currency}` : ''}.`);
}

export async function listPaymentBatches(db: Db, workspaceId: string, viewerId: string, limit = 20): Promise<Outcome<Omit<PaymentBatchView, 'documents'>[]>> {
  const may = await permission(db, workspaceId, viewerId, 'see payments');
  if (!may.ok) return refused(may.reason);
  const rows = await db.paymentBatch.findMany({ where: { workspaceId }, orderBy: { seq: 'desc' }, take: limit });
  return done(
    rows.map((b) => ({ id: b.id, seq: b.seq, format: b.format as BatchFormat, createdAt: b.createdAt, createdById: b.createdById, executionDate: b.executionDate, fromDate: b.fromDate, toDate: b.toDate, count: b.count, total: decimalString(b.total)!, currency: b.currency })),
    `${rows.length} payment batch${rows.length === 1 ? '' : 'es'}.`,
  );
}
