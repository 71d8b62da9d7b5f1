/**
 * Who edits what on a document (docs/product.md, "Visibility and permissions"). Who sees a
 * document is domain/permissions/workspace.ts.
 */
import type { Actor } from './roles';
import type { DocumentStatus } from './documents';
import { isUndecided } from './documents';
import { canSeeDocument, type VisibleDoc } from './permissions/workspace';

const has = (a: Actor, r: Actor['roles'][number]) => a.roles.includes(r);

/**
 * Extracted fields (supplier, amounts, dates…). Never while in review: what
 * the approvers see must not change under them; a rejection reopens editing.
 * - the submitter: while confirming their extraction, or after a rejection;
 * - a bookkeeper: while confirming, coding, or after a rejection.
 */
export function canEditFields(actor: Actor, doc: VisibleDoc & { status: DocumentStatus }): boolean {
  if (doc.submitterId === actor.userId && (doc.status === 'confirming' || doc.status === 'rejected')) return true;
  if (has(actor, 'bookkeeper') && canSeeDocument(actor, doc)) {
    return doc.status === 'confirming' || doc.status === 'coding' || doc.status === 'rejected';
  }
  return false;
}

/**
 * Coding lines (account, VAT code, dimensions). Bookkeepers until the
 * document is approved; coordinators/approvers with the coding right only on
 * documents they are involved in, while in review (that is when they see it).
 */
export function canEditCoding(actor: Actor, doc: VisibleDoc & { status: DocumentStatus }): boolean {
  if (has(actor, 'bookkeeper') && canSeeDocument(actor, doc)) {
    return doc.status === 'coding' || doc.status === 'in_review' || doc.status === 'rejected';
  }
  if (
    actor.codingRight &&
    (has(actor, 'coordinator') || has(actor, 'approver')) &&
    doc.involvedUserIds.includes(actor.userId)
  ) {
    return doc.status === 'in_review';
  }
  return false;
}

/** Only the submitter, and only while the document is not yet decided (rejected counts as undecided). */
export function canWithdraw(actor: Actor, doc: VisibleDoc): boolean {
  return doc.submitterId === actor.userId && isUndecided(doc.status);
}
