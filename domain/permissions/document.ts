/**
 * Who may do what to one document (docs/product.md "Visibility and permissions", "Who uses it"):
 * confirm, edit fields, code, withdraw, resubmit, reassign, re-route; deciding on a step is
 * in ./decide.ts. Each check answers allowed or one sentence saying why not, the same
 * sentence wherever it is asked (workflow, engine client, bot).
 *
 * Each action has a state check (`…StateRefusal`: needs only the document, so the workflow
 * can refuse in an update validator before anything is written to its history) and the full
 * check (`can…`: the state check first, then the person). A caller that does not know the
 * person yet passes null: "unknown user".
 */
import type { Actor } from '../roles';
import { STAGE_ROLE, type StageType } from '../chains';
import { isUndecided, type DocumentStatus } from '../documents';
import { canSeeDocument, type VisibleDoc } from './workspace';
import { ALLOWED, AUDITOR_READ_ONLY, refused, UNKNOWN_USER, type Permission } from './refusals';

export { assignableInRound, canDecide, decidedInRound, stepOffers, type Authorization, type OpenStep, type RoundSoFar } from './decide';
export { ALLOWED, AUDITOR_READ_ONLY, COORDINATOR_NEVER_FINAL, ONE_DECISION_PER_ROUND, UNKNOWN_USER, type Permission } from './refusals';

export type DocumentView = VisibleDoc;

const has = (a: Actor, r: Actor['roles'][number]) => a.roles.includes(r);
const refusedIf = (reason: string | null): Permission => (reason === null ? ALLOWED : refused(reason));

/**
 * The document's owner acts for it outside the approval round (confirm, resubmit): the
 * submitter of an expense report, any bookkeeper for a purchase invoice.
 */
export function isOwner(actor: Actor, doc: Pick<DocumentView, 'kind' | 'submitterId'>): boolean {
  return doc.kind === 'expense' ? actor.userId === doc.submitterId : has(actor, 'bookkeeper');
}

/** Unknown person or auditor: the two refusals every change starts with. */
function personRefusal(actor: Actor | null): string | null {
  if (!actor) return UNKNOWN_USER;
  if (has(actor, 'auditor')) return AUDITOR_READ_ONLY;
  return null;
}

// ---- confirm ----

export function confirmStateRefusal(doc: Pick<DocumentView, 'status'>): string | null {
  return doc.status === 'confirming' ? null : `This document is ${doc.status}; there is nothing to confirm.`;
}

/** Confirming the extracted fields sends the document to its chain; changing its kind is a bookkeeper's call. */
export function canConfirm(actor: Actor | null, doc: DocumentView, p: { changesKind?: boolean } = {}): Permission {
  const state = confirmStateRefusal(doc);
  if (state) return refused(state);
  if (actor && has(actor, 'auditor')) return refused(AUDITOR_READ_ONLY);
  if (!actor || !isOwner(actor, doc)) {
    return refused(doc.kind === 'expense' ? 'Only the submitter can confirm an expense report.' : 'Only a bookkeeper can confirm a purchase invoice.');
  }
  if (p.changesKind && !has(actor, 'bookkeeper')) return refused('Only a bookkeeper can change the document kind.');
  return ALLOWED;
}

// ---- edit fields ----

const FIELDS_EDITABLE: readonly DocumentStatus[] = ['confirming', 'rejected', 'coding'];

export function editFieldsStateRefusal(doc: Pick<DocumentView, 'status'>): string | null {
  return FIELDS_EDITABLE.includes(doc.status) ? null : `The fields cannot be edited while the document is ${doc.status}.`;
}

/**
 * Extracted fields (supplier, amounts, dates…). Never while in review: what the approvers
 * see must not change under them; a rejection reopens editing. The submitter while
 * confirming or after a rejection (not while a bookkeeper codes it: the spec gives an
 * employee their drafts only); a bookkeeper who sees the document while confirming, coding
 * or after a rejection.
 */
export function canEditFields(actor: Actor | null, doc: DocumentView): Permission {
  const state = editFieldsStateRefusal(doc);
  if (state) return refused(state);
  const person = personRefusal(actor);
  if (person || !actor) return refused(person ?? UNKNOWN_USER);
  const submitter = doc.submitterId === actor.userId && (doc.status === 'confirming' || doc.status === 'rejected');
  const bookkeeper = has(actor, 'bookkeeper') && canSeeDocument(actor, doc);
  return refusedIf(submitter || bookkeeper ? null : 'You may not edit the fields of this document.');
}

// ---- code ----

export function codeStateRefusal(doc: Pick<DocumentView, 'status'>): string | null {
  return doc.status === 'coding' || doc.status === 'in_review' ? null : `Coding cannot be changed while the document is ${doc.status}.`;
}

/**
 * Coding lines (account, VAT code, dimensions): a bookkeeper who sees the document while
 * coding or in review; a coordinator or approver with the coding right on a document they
 * are involved in, while in review (that is when they see it).
 */
export function canCode(actor: Actor | null, doc: DocumentView): Permission {
  const state = codeStateRefusal(doc);
  if (state) return refused(state);
  const person = personRefusal(actor);
  if (person || !actor) return refused(person ?? UNKNOWN_USER);
  if (has(actor, 'bookkeeper') && canSeeDocument(actor, doc)) return ALLOWED;
  const withRight = actor.codingRight && (has(actor, 'coordinator') || has(actor, 'approver')) && doc.involvedUserIds.includes(actor.userId);
  return refusedIf(withRight && doc.status === 'in_review' ? null : 'You may not edit the coding of this document.');
}

// ---- withdraw ----

/** Only the submitter, and only while the document is not yet decided (rejected counts as undecided). */
export function canWithdraw(actorId: string, doc: Pick<DocumentView, 'status' | 'submitterId'>): Permission {
  if (actorId !== doc.submitterId) return refused('Only the submitter can withdraw this document.');
  return refusedIf(isUndecided(doc.status) ? null : `This document is already ${doc.status}; it can no longer be withdrawn.`);
}

// ---- resubmit ----

export function resubmitStateRefusal(doc: Pick<DocumentView, 'status'>): string | null {
  return doc.status === 'rejected' ? null : `This document is ${doc.status}; only a rejected document can be resubmitted.`;
}

/** After a rejection the owner corrects the document and starts the round again. */
export function canResubmit(actor: Actor | null, doc: DocumentView): Permission {
  const state = resubmitStateRefusal(doc);
  if (state) return refused(state);
  if (actor && has(actor, 'auditor')) return refused(AUDITOR_READ_ONLY);
  if (!actor || !isOwner(actor, doc)) {
    return refused(doc.kind === 'expense' ? 'Only the submitter can resubmit this expense report.' : 'Only a bookkeeper can resubmit this purchase invoice.');
  }
  return ALLOWED;
}

// ---- reassign ----

/** The step as the reassignment sees it: which stage is open, who still has to decide. */
export interface ReassignableStep {
  stageIndex: number;
  type: StageType;
  assignees: string[];
  decided: string[];
}

export interface ReassignRequestView {
  stageIndex: number;
  fromUserId: string;
  toUserId: string;
}

export function reassignStateRefusal(step: ReassignableStep | null, req: ReassignRequestView, submitterId: string): string | null {
  if (!step || step.stageIndex !== req.stageIndex) return 'That step is not open.';
  if (!step.assignees.includes(req.fromUserId) || step.decided.includes(req.fromUserId)) return 'That person is not a pending assignee of the step.';
  if (step.assignees.includes(req.toUserId)) return 'That person is already an assignee of the step.';
  if (req.toUserId === submitterId) return 'The submitter cannot be assigned to decide on their own document.';
  return null;
}

/** An administrator moves a stuck step from one pending assignee to another. */
export function canReassign(actor: Actor | null, step: ReassignableStep | null, req: ReassignRequestView, submitterId: string): Permission {
  const state = reassignStateRefusal(step, req, submitterId);
  if (state) return refused(state);
  if (actor && has(actor, 'auditor')) return refused(AUDITOR_READ_ONLY);
  return refusedIf(actor && has(actor, 'admin') ? null : 'Only an administrator can reassign a step.');
}

/** The new assignee must be able to decide, or the step is stuck again. */
export function canBeAssigned(target: Actor | null, stepType: StageType): Permission {
  if (!target) return refused('That person is not known to Countersign yet.');
  if (has(target, 'auditor')) return refused('Auditors have read-only access and cannot decide on documents.');
  const role = STAGE_ROLE[stepType];
  return refusedIf(has(target, role) ? null : `That person does not hold the ${role} role needed for this step.`);
}

// ---- re-route ----

/** A confirmed document that is still undecided may restart on the chain now in force. */
export function rerouteStateRefusal(doc: Pick<DocumentView, 'status'> & { confirmed: boolean }): string | null {
  const routable = doc.status === 'in_review' || doc.status === 'coding' || (doc.status === 'confirming' && doc.confirmed);
  return routable ? null : `A document that is ${doc.status} cannot be re-routed.`;
}

export function canReroute(actor: Actor | null, doc: Pick<DocumentView, 'status'> & { confirmed: boolean }): Permission {
  const state = rerouteStateRefusal(doc);
  if (state) return refused(state);
  if (actor && has(actor, 'auditor')) return refused(AUDITOR_READ_ONLY);
  return refusedIf(actor && has(actor, 'admin') ? null : 'Only an administrator can re-route a document.');
}
