// Recording payments (payment managers): an approved document becomes paid, alone or with the
// rest of its batch. Every change is an audit event.
import type { Db } from '../data/db';
import { isIsoDate } from '../domain';
import { documentReference } from '../client/engine';
import { permission } from '../client/actors';
import { done, refused, type Outcome } from '../client/result';
import { isoDay } from '../exports/table';
import { findBatch, type SkippedInvoice } from './views';
import { heldReason, NOT_HELD } from './duplicates';

export interface MarkPaidRequest {
  workspaceId: string;
  actorId: string;
  documentId: string;
  /** The day the money left, YYYY-MM-DD. */
  paidOn: string;
  /** The bank's or the payment's reference. */
  reference?: string | null;
}

/** What is wrong with the date or reference given, if anything (also checked in the modal, before its ack). */
export function paymentProblem(paidOn: string, reference: string | null | undefined, now: Date): string | null {
  const day = paidOn.trim();
  if (!isIsoDate(day)) return `"${paidOn}" is not a date: use YYYY-MM-DD.`;
  // A day of slack for time zones east of UTC; a payment further in the future is a typo.
  if (day > isoDay(new Date(now.getTime() + 86_400_000))) return `${day} is in the future: record a payment once it is made.`;
  if ((reference?.trim().length ?? 0) > 140) return 'The payment reference may have at most 140 characters.';
  return null;
}

/** An approved document becomes paid (paidAt, paymentRef), with a 'marked_paid' audit event. */
export async function markPaid(db: Db, p: MarkPaidRequest, now = new Date()): Promise<Outcome<{ documentId: string; reference: string; paidOn: string }>> {
  const may = await permission(db, p.workspaceId, p.actorId, 'mark paid');
  if (!may.ok) return refused(may.reason);
  const problem = paymentProblem(p.paidOn, p.reference, now);
  if (problem) return refused(problem);
  const paidOn = p.paidOn.trim();
  const ref = p.reference?.trim() || null;
  const doc = await db.document.findFirst({ where: { id: p.documentId, workspaceId: p.workspaceId }, include: { paymentBatch: { select: { seq: true } } } });
  if (!doc) return refused('No such document.');
  const reference = documentReference(doc);
  if (doc.status === 'paid') return refused(`${reference} was already marked paid${doc.paidAt ? ` on ${isoDay(doc.paidAt)}` : ''}.`);
  if (doc.status !== 'approved') return refused(`${reference} is ${doc.status}; only an approved document can be marked paid.`);
  if (doc.duplicateOf) {
    const other = await db.document.findUnique({ where: { id: doc.duplicateOf }, select: { number: true } });
    return refused(heldReason(reference, other ? documentReference(other) : doc.duplicateOf));
  }
  const paidAt = new Date(`${paidOn}T00:00:00.000Z`);
  const changed = await db.$transaction(async (tx) => {
    // Only if still approved: of two payment managers clicking at once, one wins.
    const { count } = await tx.document.updateMany({
      where: { id: doc.id, workspaceId: p.workspaceId, status: 'approved', ...NOT_HELD },
      data: { status: 'paid', paidAt, paymentRef: ref, updatedById: p.actorId },
    });
    if (count === 0) return false;
    await tx.auditEvent.create({
      data: {
        idempotencyKey: `${doc.id}:marked_paid`,
        workspaceId: p.workspaceId,
        documentId: doc.id,
        actorId: p.actorId,
        action: 'marked_paid',
        fromState: 'approved',
        toState: 'paid',
        details: { paidOn, reference: ref, paymentBatchSeq: doc.paymentBatch?.seq ?? null },
      },
    });
    return true;
  });
  if (!changed) return refused(`${reference} is no longer approved; nothing was changed.`);
  return done({ documentId: doc.id, reference, paidOn }, `${reference} marked paid on ${paidOn}${ref ? ` (reference ${ref})` : ''}.`);
}

/** Every document of a batch that is still approved is marked paid on the same day. */
export async function markBatchPaid(
  db: Db,
  p: { workspaceId: string; actorId: string; batch: string | number; paidOn: string; reference?: string | null },
  now = new Date(),
): Promise<Outcome<{ paid: string[]; skipped: SkippedInvoice[] }>> {
  const may = await permission(db, p.workspaceId, p.actorId, 'make payment batches');
  if (!may.ok) return refused(may.reason);
  const problem = paymentProblem(p.paidOn, p.reference, now);
  if (problem) return refused(problem);
  const batch = await findBatch(db, p.workspaceId, p.batch);
  if (!batch) return refused(`There is no payment batch ${p.batch}.`);
  const paid: string[] = [];
  const skipped: SkippedInvoice[] = [];
  for (const documentId of batch.documentIds) {
    const r = await markPaid(db, { workspaceId: p.workspaceId, actorId: p.actorId, documentId, paidOn: p.paidOn, reference: p.reference ?? `PB-${batch.seq}` }, now);
    if (r.ok) paid.push(r.value.reference);
    else {
      const d = await db.document.findUnique({ where: { id: documentId }, select: { number: true } });
      skipped.push({ documentId, reference: d ? documentReference(d) : documentId, reason: r.reason });
    }
  }
  return done({ paid, skipped }, `Payment batch ${batch.seq}: ${paid.length} marked paid${skipped.length ? `, ${skipped.length} left as they were` : ''}.`);
}
