/**
 * Who sees what (DOMAIN.md "Visibility and permissions" table); who may change a document
 * is in permissions/document.ts. Roles add up: a user sees a document if any of their roles
 * lets them.
 */
import type { Actor } from './roles';
import type { DocumentKind, DocumentStatus } from './documents';

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
