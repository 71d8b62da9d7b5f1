/**
 * Who may do what outside a document's own steps (docs/product.md, "Visibility and
 * permissions" and "Workspace actions"): payments, exports, administration, and who sees a
 * document. Pure: an actor's roles in, allowed or the one sentence that says why not out. The
 * client layer, the bot and the exports all ask here, so a refusal reads the same everywhere.
 */
import type { DocumentKind, DocumentStatus } from '../documents';
import type { Actor, Role } from '../roles';

import { ALLOWED, AUDITOR_READ_ONLY, refused as refuse, type Permission } from './refusals';
export { ALLOWED, AUDITOR_READ_ONLY, type Permission } from './refusals';
export const ADMIN_ONLY = 'Only an administrator can do that.';
export const PAYMENT_MANAGER_ONLY = 'Only a payment manager can do that.';
export const PAYMENTS_READ_REFUSED = 'Only a payment manager, an administrator or an auditor can see payments.';
export const EXPORT_REFUSED = 'Only an administrator or an auditor can export data.';
export const PAYMENT_EXPORT_REFUSED = 'Only a payment manager, an administrator or an auditor can export payments.';
export const DUPLICATE_CLEAR_REFUSED = 'Only a bookkeeper, a payment manager or an administrator can clear a duplicate flag.';
export const CONFIG_READ_REFUSED = 'Only an administrator or an auditor can see the workspace configuration.';

/** Anyone with roles (as the database or Slack hands them over); an unknown user (null) holds none. */
export type RoleHolder = { readonly roles: readonly string[] } | null | undefined;

export const WORKSPACE_ACTIONS = [
  'see payments', // approved invoices to pay, payment batches
  'mark paid',
  'make payment batches', // create a batch, mark a whole batch paid
  'set the debtor account',
  'clear a duplicate flag', // release an invoice held out of payment as a possible duplicate
  'export data', // the audit log, the document list
  'export payments', // payments report, a batch's file
  'configure', // roles, chains, settings, codes, other people's substitutes
  'read configuration', // chains, everyone's roles and substitutes
] as const;
export type WorkspaceAction = (typeof WORKSPACE_ACTIONS)[number];

const holds = (who: RoleHolder, roles: readonly Role[]) => (who?.roles ?? []).some((r) => (roles as readonly string[]).includes(r));

/** A read: any of these roles may. */
const reading = (roles: readonly Role[], reason: string) => (who: RoleHolder) => (holds(who, roles) ? ALLOWED : refuse(reason));

/** A change: never an auditor (checked first, so an auditor always hears the same reason), else one of these roles. */
const changing = (roles: readonly Role[], reason: string) => (who: RoleHolder) => (holds(who, ['auditor']) ? refuse(AUDITOR_READ_ONLY) : holds(who, roles) ? ALLOWED : refuse(reason));

const RULES: Record<WorkspaceAction, (who: RoleHolder) => Permission> = {
  'see payments': reading(['payment_manager', 'admin', 'auditor'], PAYMENTS_READ_REFUSED),
  'mark paid': changing(['payment_manager'], PAYMENT_MANAGER_ONLY),
  'make payment batches': changing(['payment_manager'], PAYMENT_MANAGER_ONLY),
  'set the debtor account': changing(['admin'], ADMIN_ONLY),
  // Those who check invoices (bookkeepers) or pay them (payment managers) judge a possible
  // duplicate; never an auditor, and never silently: clearing writes an audit event.
  'clear a duplicate flag': changing(['bookkeeper', 'payment_manager', 'admin'], DUPLICATE_CLEAR_REFUSED),
  'export data': reading(['admin', 'auditor'], EXPORT_REFUSED),
  'export payments': reading(['payment_manager', 'admin', 'auditor'], PAYMENT_EXPORT_REFUSED),
  configure: changing(['admin'], ADMIN_ONLY),
  'read configuration': reading(['admin', 'auditor'], CONFIG_READ_REFUSED),
};

export function mayDo(who: RoleHolder, action: WorkspaceAction): Permission {
  return RULES[action](who);
}

export const maySeePayments = (who: RoleHolder) => mayDo(who, 'see payments');
export const mayMarkPaid = (who: RoleHolder) => mayDo(who, 'mark paid');
export const mayMakePaymentBatches = (who: RoleHolder) => mayDo(who, 'make payment batches');
export const maySetDebtorAccount = (who: RoleHolder) => mayDo(who, 'set the debtor account');
export const mayExportData = (who: RoleHolder) => mayDo(who, 'export data');
export const mayExportPayments = (who: RoleHolder) => mayDo(who, 'export payments');
export const mayConfigure = (who: RoleHolder) => mayDo(who, 'configure');
export const mayReadConfiguration = (who: RoleHolder) => mayDo(who, 'read configuration');

// ---- who sees a document ----

export interface VisibleDoc {
  kind: DocumentKind;
  status: DocumentStatus;
  submitterId: string;
  /** Everyone ever assigned to a step, plus substitutes who acted. */
  involvedUserIds: string[];
}

/**
 * An employee's expense report is still a private draft while extracting or confirming: it is
 * not "submitted" yet, so bookkeepers do not see it. Invoices are bookkeepers' own material
 * from the upload on.
 */
function isPrivateDraft(doc: VisibleDoc): boolean {
  return doc.kind === 'expense' && (doc.status === 'extracting' || doc.status === 'confirming');
}

/** Roles add up: a user sees a document if any of their roles lets them. */
export function maySeeDocument(actor: Actor, doc: VisibleDoc): Permission {
  if (doc.submitterId === actor.userId) return ALLOWED; // everyone sees their own
  if (holds(actor, ['admin', 'auditor'])) return ALLOWED;
  if (holds(actor, ['bookkeeper']) && !isPrivateDraft(doc)) return ALLOWED;
  // Coordinators, approvers, and substitutes who acted: where involved, even after their step
  // (the "(or were)" of the table), whatever their role now.
  if (doc.involvedUserIds.includes(actor.userId)) return ALLOWED;
  if (holds(actor, ['payment_manager']) && (doc.status === 'approved' || doc.status === 'paid')) return ALLOWED;
  return refuse('You do not have access to this document.');
}

export function canSeeDocument(actor: Actor, doc: VisibleDoc): boolean {
  return maySeeDocument(actor, doc).ok;
}
