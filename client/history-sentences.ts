// One audit event as sentences for people ("Ann approved on behalf of Bob", "Total changed
// from 100.00 to 120.00"): the History view and the audit export both say it this way.
import { FIELD_LABELS } from '../domain/fields';
import type { EditableFields } from '../workflows/contract';

/** The audit columns the sentences are made of (a Prisma AuditEvent row fits). */
export interface AuditEventLike {
  action: string;
  actorId: string | null;
  onBehalfOfId: string | null;
  fromState: string | null;
  toState: string | null;
  details: unknown;
}

export type NameOf = (userId: string | null | undefined) => string;

type Details = Record<string, unknown>;
const asDetails = (d: unknown): Details => (d && typeof d === 'object' && !Array.isArray(d) ? (d as Details) : {});
const str = (v: unknown): string | null => (v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v));

const STAGE_LABEL: Record<string, string> = { coding: 'coding', coordinate: 'coordination', approve: 'approval' };
const KIND_LABEL: Record<string, string> = { invoice: 'purchase invoice', expense: 'expense report' };

function list(names: string[]): string {
  if (names.length <= 1) return names[0] ?? 'nobody';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function ids(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}

function stageName(d: Details): string {
  const n = typeof d.stageIndex === 'number' ? ` ${d.stageIndex + 1}` : '';
  const t = typeof d.stage === 'string' ? ` (${STAGE_LABEL[d.stage] ?? d.stage})` : '';
  return `stage${n}${t}`;
}

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function shown(v: string | null): string {
  return v === null || v === '' ? '(empty)' : v;
}

function fieldLabel(field: string): string {
  return FIELD_LABELS[field as keyof EditableFields] ?? field;
}

interface CodingLineLike {
  account?: unknown;
  vatCode?: unknown;
  costCentre?: unknown;
  project?: unknown;
  amount?: unknown;
}

function codingText(lines: unknown): string {
  if (!Array.isArray(lines) || lines.length === 0) return 'no lines';
  return lines
    .map((l: CodingLineLike) => [l.account, l.vatCode, l.costCentre, l.project].filter((x) => typeof x === 'string' && x !== '').join(' / ') + `: ${str(l.amount) ?? '?'}`)
    .join('; ');
}

/** Field corrections: one (field, from, to) per changed field. */
export function fieldChanges(details: unknown): { field: string; label: string; from: string | null; to: string | null }[] {
  const d = asDetails(details);
  const out: { field: string; label: string; from: string | null; to: string | null }[] = [];
  for (const [field, change] of Object.entries(asDetails(d.changes))) {
    const c = asDetails(change);
    out.push({ field, label: fieldLabel(field), from: str(c.from), to: str(c.to) });
  }
  const kind = asDetails(d.kind);
  if (d.kind !== undefined) out.push({ field: 'kind', label: 'Kind', from: str(kind.from), to: str(kind.to) });
  return out;
}

/**
 * The sentences for one audit event (several for a correction of several fields). `nameOf`
 * turns user ids into names.
 */
export function describeEvent(e: AuditEventLike, nameOf: NameOf): string[] {
  const d = asDetails(e.details);
  const who = e.actorId ? nameOf(e.actorId) : 'Countersign';
  const behalf = e.onBehalfOfId ? ` on behalf of ${nameOf(e.onBehalfOfId)}` : '';
  const isTransition = e.fromState !== null && e.toState !== null && e.fromState !== e.toState;
  switch (e.action) {
    case 'created': {
      const kind = typeof d.kind === 'string' ? (KIND_LABEL[d.kind] ?? d.kind) : 'document';
      return [`${who} created the ${kind}${typeof d.fileName === 'string' && d.fileName ? ` from ${d.fileName}` : ''}`];
    }
    case 'fields_extracted':
      return [`Fields were read from the file${typeof d.source === 'string' ? ` (${d.source})` : ''}${typeof d.duplicateOf === 'string' ? '; possible duplicate of another document' : ''}`];
    case 'extraction_failed':
      return [`Reading the file failed${typeof d.error === 'string' ? `: ${d.error}` : ''}; the fields are to be entered by hand`];
    case 'extracted':
      return ['Ready for the fields to be checked and confirmed'];
    case 'confirmed':
      return [`${who} confirmed the fields`];
    case 'fields_changed': {
      const changes = fieldChanges(d);
      return changes.length === 0 ? [`${who} saved the fields without changes`] : changes.map((c) => `${c.label} changed from ${shown(c.from)} to ${shown(c.to)}`);
    }
    case 'coding_changed': {
      const before = Array.isArray(d.before) ? d.before : [];
      return before.length === 0 ? [`${who} coded the document: ${codingText(d.after)}`] : [`${who} changed the coding from ${codingText(before)} to ${codingText(d.after)}`];
    }
    case 'round_started':
      return [`${d.round !== undefined ? `Round ${str(d.round)}` : 'A round'} started on the chain ${str(d.chain) ?? '(unknown)'}`];
    case 'chain_changed':
      return [`The corrected fields chose another chain: ${str(d.from) ?? '(none)'} → ${str(d.to) ?? '(unknown)'}`];
    case 'step_opened': {
      const assignees = ids(d.assignees);
      const to = assignees.length === 0 ? (d.stage === 'coding' ? 'any bookkeeper' : 'nobody') : list(assignees.map((a) => nameOf(a)));
      const mode = assignees.length > 1 ? (d.mode === 'all' ? ', all must agree' : ', any one suffices') : '';
      return [`${capitalize(stageName(d))} opened for ${to}${mode}`];
    }
    case 'coded':
      return [`${who} sent the document to approval${behalf}`];
    case 'agreed':
      return [`${who} agreed${behalf}`];
    case 'approved':
      // The decision (in_review → in_review) or the document's final transition.
      return isTransition ? ['The document was approved'] : [`${who} approved${behalf}`];
    case 'rejected':
      return [`${who} rejected${behalf}${typeof d.reason === 'string' ? `: ${d.reason}` : ''}`];
    case 'returned':
      return [`The document went back for correction${typeof d.reason === 'string' ? ` (${d.reason})` : ''}`];
    case 'resubmitted':
      return [`${who} resubmitted the document`];
    case 'withdraw_requested':
      return [`${who} withdrew the document${typeof d.reason === 'string' && d.reason ? `: ${d.reason}` : ''}`];
    case 'withdrawn':
      return ['The document was withdrawn'];
    case 'reassigned':
      return [`${who} reassigned ${stageName(d)} from ${nameOf(str(d.from))} to ${nameOf(str(d.to))}`];
    case 'reroute_requested':
      return [`${who} re-routed the document to the chain now in force`];
    case 'reminder_sent':
      return [`Reminder sent to ${list(ids(d.to).map((u) => nameOf(u)))}`];
    case 'escalated':
      return [`Escalated to ${list(ids(d.to).map((u) => nameOf(u)))}`];
    case 'marked_paid':
      return [`${who} marked the document paid on ${str(d.paidOn) ?? '?'}${typeof d.reference === 'string' && d.reference ? ` (reference ${d.reference})` : ''}`];
    case 'postings_exported':
      return [`Postings exported${d.again === true ? ' again' : ''} by ${e.actorId ? who : 'an operator (npm run export)'} (${String(str(d.format) ?? '?').toUpperCase()}, period ${str(d.from) ?? '?'} to ${str(d.to) ?? '?'})`];
    case 'codes_imported':
      return [`${who} imported code lists (${str(d.added) ?? '0'} added, ${str(d.changed) ?? '0'} changed, ${str(d.retired) ?? '0'} retired)`];
    case 'coding_rule_set':
      return [`${who} set the coding rule for ${str(d.supplier) ?? '?'}`];
    case 'payment_batched':
      return [`${who} put the invoice in payment batch ${str(d.batchSeq) ?? '?'}`];
    // Workspace configuration (no document): the audit export shows these too.
    case 'role_added':
      return [`${who} gave ${nameOf(str(d.userId))} the ${str(d.role)} role`];
    case 'role_removed':
      return [`${who} removed the ${str(d.role)} role from ${nameOf(str(d.userId))}`];
    case 'chain_set':
      return [`${who} saved the chain ${str(asDetails(d.chain).name) ?? ''}`.trimEnd()];
    case 'chain_default':
      return [`${who} made ${str(d.name)} the default chain`];
    case 'chain_removed':
      return [`${who} removed the chain ${str(d.name)}`];
    case 'substitute_added':
      return [`${who} recorded ${nameOf(str(d.substituteId))} as substitute for ${nameOf(str(d.forUserId))} from ${str(d.startsAt)} to ${str(d.endsAt)}`];
    case 'substitute_removed':
      return [`${who} removed a substitution`];
    case 'settings_changed':
      return [`${who} changed the reminder and escalation settings`];
    case 'code_added':
      return [`${who} saved ${str(d.type)} code ${str(d.code)} (${str(d.label)})`];
    case 'debtor_account_set':
      return [`${who} set the debtor account for payments to ${str(d.debtorName)} (${str(d.debtorIban)})`];
    default: {
      const states = isTransition ? ` (${e.fromState} → ${e.toState})` : '';
      return [`${who}${behalf}: ${e.action.replaceAll('_', ' ')}${states}`];
    }
  }
}

/** The user ids an event mentions (actor, principal, assignees, reassignment…), for name look-up. */
export function mentionedUserIds(e: AuditEventLike): string[] {
  const d = asDetails(e.details);
  return [e.actorId, e.onBehalfOfId, ...ids(d.assignees), ...ids(d.to), ...ids(d.from), ...ids(d.userId), ...ids(d.substituteId), ...ids(d.forUserId)].filter(
    (x): x is string => typeof x === 'string' && x.length > 0,
  );
}
