// Making a payment batch (payment managers): the approved invoices not yet in a batch, within a
// due-date window, each with a 'payment_batched' audit event.
import type { Db } from '../data/db';
import { decimalString } from '../data/mappers';
import { newId } from '../data/ids';
import { addAmounts, isIsoDate } from '../domain';
import type { Prisma } from '../generated/prisma/client';
import { documentReference } from '../client/engine';
import { permission } from '../client/actors';
import { done, refused, type Outcome } from '../client/result';
import { isoDay } from '../exports/table';
import { getDebtorAccount, NO_DEBTOR_ACCOUNT } from './account';
import { NOT_HELD } from './duplicates';
import { transferProblems } from './sepa';
import { batchView, label, toTransfer, type BatchFormat, type PaymentBatchView, type SkippedInvoice } from './views';

export interface CreateBatchRequest {
  workspaceId: string;
  actorId: string;
  /** Due dates from … to (YYYY-MM-DD, inclusive); an invoice with no due date counts by its approval day. */
  from?: string;
  to?: string;
  /** sepa (default): EUR invoices with valid IBANs only, for a pain.001 file; csv: any invoice. */
  format?: BatchFormat;
  /** Requested execution date (default today, UTC). */
  executionDate?: string;
}

/**
 * Puts the approved, unpaid invoices not yet in a batch (within the due-date window) into a new
 * payment batch N: each gets a 'payment_batched' audit event and stays approved until marked
 * paid. For a SEPA batch, invoices that cannot be paid by SEPA are left out, each with its
 * reason; when none can, the batch is refused. Possible duplicates are held out (payments/duplicates.ts).
 */
export async function createPaymentBatch(db: Db, p: CreateBatchRequest, now = new Date()): Promise<Outcome<PaymentBatchView & { skipped: SkippedInvoice[] }>> {
  const may = await permission(db, p.workspaceId, p.actorId, 'make payment batches');
  if (!may.ok) return refused(may.reason);
  const format: BatchFormat = p.format ?? 'sepa';
  if (format !== 'sepa' && format !== 'csv') return refused(`Unknown batch format ${String(format)}: sepa or csv.`);
  for (const [name, v] of [['from', p.from], ['to', p.to], ['execution date', p.executionDate]] as const) {
    if (v !== undefined && !isIsoDate(v)) return refused(`The ${name} "${v}" is not a date: use YYYY-MM-DD.`);
  }
  if (p.from && p.to && p.from > p.to) return refused(`The period ends (${p.to}) before it starts (${p.from}).`);
  const executionDate = p.executionDate ?? isoDay(now);
  if (format === 'sepa' && !(await getDebtorAccount(db, p.workspaceId))) {
    return refused(NO_DEBTOR_ACCOUNT);
  }

  const candidates = await db.document.findMany({
    where: { workspaceId: p.workspaceId, kind: 'invoice', status: 'approved', paymentBatchId: null, ...NOT_HELD },
    include: { paymentBatch: { select: { id: true, seq: true } } },
    orderBy: [{ dueDate: { sort: 'asc', nulls: 'last' } }, { seq: 'asc' }],
  });
  const inWindow = candidates.filter((d) => {
    const day = d.dueDate ?? (d.decidedAt ? isoDay(d.decidedAt) : null);
    if (!p.from && !p.to) return true;
    if (day === null) return false;
    return (!p.from || day >= p.from) && (!p.to || day <= p.to);
  });
  const skipped: SkippedInvoice[] = [];
  const included = inWindow.filter((d) => {
    const problems = format === 'sepa' ? transferProblems(toTransfer(d)) : decimalString(d.totalAmount) ? [] : ['it has no total amount'];
    if (problems.length > 0) skipped.push({ documentId: d.id, reference: documentReference(d), reason: `${label(d)}: ${problems.join('; ')}.` });
    return problems.length === 0;
  });
  const window = p.from || p.to ? ` due ${p.from ? `from ${p.from} ` : ''}${p.to ? `to ${p.to}` : ''}`.trimEnd() : '';
  if (included.length === 0) {
    if (skipped.length === 0) return refused(`No approved invoices${window} are waiting for a payment batch.`);
    return refused(`None of the approved invoices${window} can go into a ${format === 'sepa' ? 'SEPA ' : ''}batch: ${skipped.map((s) => s.reason).join(' ')}`);
  }
  const currencies = [...new Set(included.map((d) => d.currency ?? ''))];
  const total = addAmounts(...included.map((d) => decimalString(d.totalAmount)!));
  const ids = included.map((d) => d.id);
  const id = newId('pb');

  const created = await db.$transaction(async (tx) => {
    const batch = await tx.paymentBatch.create({
      data: {
        id,
        workspaceId: p.workspaceId,
        createdById: p.actorId,
        format,
        fromDate: p.from ?? null,
        toDate: p.to ?? null,
        executionDate,
        documentIds: ids,
        count: ids.length,
        total,
        currency: currencies.length === 1 && currencies[0] ? currencies[0] : null,
      },
    });
    // Only invoices still approved and in no batch: a concurrent batch or payment wins, and
    // this one is rolled back whole rather than created short.
    const { count } = await tx.document.updateMany({ where: { id: { in: ids }, status: 'approved', paymentBatchId: null, ...NOT_HELD }, data: { paymentBatchId: batch.id, updatedById: p.actorId } });
    if (count !== ids.length) return null;
    await tx.auditEvent.createMany({
      data: included.map((d) => ({
        idempotencyKey: `${d.id}:payment_batched:${batch.id}`,
        workspaceId: p.workspaceId,
        documentId: d.id,
        actorId: p.actorId,
        action: 'payment_batched',
        fromState: 'approved',
        toState: 'approved',
        details: { batchId: batch.id, batchSeq: batch.seq, format, executionDate } as Prisma.InputJsonValue,
      })),
    });
    return batch;
  });
  if (!created) return refused('Some of these invoices were just put in another batch or paid; nothing was changed. Please try again.');
  const view = await batchView(db, created);
  return done(
    { ...view, skipped },
    `Payment batch ${created.seq}: ${ids.length} invoice${ids.length === 1 ? '' : 's'}, ${total}${view.currency ? ` ${view.currency}` : ''}.${skipped.length ? ` Left out: ${skipped.map((s) => s.reason).join(' ')}` : ''}`,
  );
}
