/**
 * Who sees and edits what (DOMAIN.md "Visibility and permissions" table).
 * Roles add up: a user sees a document if any of their roles lets them.
 */
import type { Actor } from './roles';
import type { DocumentKind, DocumentStatus } from './documents';
import { isUndecided } from './documents';

export interface VisibleDoc {
  kind: DocumentKind;
  status: DocumentStatus;
  submitterId: string;
  /** Everyone ever assigned to a step, plus substitutes who acted. */
  involvedUserIds: string[];
}

/**
 * An employee's expense report is still a private draft while extracting or
 * confirming: it is not "submitted" yet, so bookkeepers do not see it.
 * Invoices are bookkeepers' own material from the upload on.
 */
function isPrivateDraft(doc: VisibleDoc): boolean {
  return doc.kind === 'expense' && (doc.status === 'extracting' || doc.status === 'confirming');
}

const has = (a: Actor, r: Actor['roles'][number]) => a.roles.includes(r);

export function canSeeDocument(actor: Actor, doc: VisibleDoc): boolean {
  if (doc.submitterId === actor.userId) return true; // everyone sees their own
  if (has(actor, 'admin') || has(actor, 'auditor')) return true;
  if (has(actor, 'bookkeeper') && !isPrivateDraft(doc)) return true;
  // Coordinators, approvers, and substitutes who acted: where involved, even
  // after their step (the "(or were)" of the table), whatever their role now.
  if (doc.involvedUserIds.includes(actor.userId)) return true;
  if (has(actor, 'payment_manager') && (doc.status === 'approved' || doc.status === 'paid')) return true;
  return false;
}

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
