// Possible duplicates and payment: an invoice flagged as a possible duplicate (Document.
// duplicateOf) is never payable until a person clears the flag. Clearing is an audit event, and
// the cleared pair is remembered (duplicateClearedOf) so a later correction does not raise it again.
import type { Db } from '../data/db';
import { documentReference } from '../client/engine';
import { permission } from '../client/actors';
import { done, refused, type Outcome } from '../client/result';

/** Documents that may be paid: not held as a possible duplicate. */
export const NOT_HELD = { duplicateOf: null } as const;

export const heldReason = (ref: string, of: string) => `${ref} is held as a possible duplicate of ${of}: someone who checks invoices must clear the flag first (\`/countersign payments not-duplicate ${ref}\`).`;

export async function clearDuplicateFlag(db: Db, p: { workspaceId: string; actorId: string; documentId: string }): Promise<Outcome<{ reference: string; duplicateOf: string }>> {
  const may = await permission(db, p.workspaceId, p.actorId, 'clear a duplicate flag');
  if (!may.ok) return refused(may.reason);
  const doc = await db.document.findFirst({ where: { id: p.documentId, workspaceId: p.workspaceId } });
  if (!doc) return refused('No such document.');
  const reference = documentReference(doc);
  if (!doc.duplicateOf) return refused(`${reference} is not flagged as a possible duplicate.`);
  const other = await db.document.findUnique({ where: { id: doc.duplicateOf }, select: { number: true } });
  const otherRef = other ? documentReference(other) : doc.duplicateOf;
  const cleared = await db.$transaction(async (tx) => {
    // Only if still flagged with the same document: two people clearing at once write one event.
    const { count } = await tx.document.updateMany({ where: { id: doc.id, duplicateOf: doc.duplicateOf }, data: { duplicateOf: null, duplicateClearedOf: doc.duplicateOf, updatedById: p.actorId } });
    if (count === 0) return false;
    await tx.auditEvent.create({
      data: {
        idempotencyKey: `${doc.id}:duplicate_cleared:${doc.duplicateOf}`,
        workspaceId: p.workspaceId,
        documentId: doc.id,
        actorId: p.actorId,
        action: 'duplicate_cleared',
        fromState: doc.status,
        toState: doc.status,
        details: { duplicateOf: doc.duplicateOf, duplicateOfReference: otherRef },
      },
    });
    return true;
  });
  if (!cleared) return refused(`${reference} was changed meanwhile; nothing was changed. Please look again.`);
  return done({ reference, duplicateOf: otherRef }, `${reference} is no longer flagged as a possible duplicate of ${otherRef}; it can be paid.`);
}
