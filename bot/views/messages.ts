// The messages the bot posts and later updates in place: the confirmation request after
// extraction, the step request (coding, coordination, approval), the rejection notice with
// its Fix and resubmit path, and plain status notes.
import type { DocInfo, StepInfo } from '../document-data';
import { stepValue } from '../values';
import { actions, button, context, esc, section, slackDate, type Block } from './blocks';
import { historyButton } from './history';
import { codingText, docTitle, summaryBlocks } from './document';
import { ACTION_LABEL, KIND_LABEL, STAGE_LABEL, modeLabel } from './labels';

export interface Rendered {
  text: string;
  blocks: Block[];
}

export type Mention = (userId: string | null | undefined) => Promise<string>;

export const ACTIONS = {
  chooseInvoice: 'kind_invoice',
  chooseExpense: 'kind_expense',
  confirm: 'doc_confirm',
  edit: 'doc_edit',
  cancel: 'doc_cancel',
  approve: 'step_approve',
  reject: 'step_reject',
  code: 'coding_open',
  send: 'coding_send',
  fix: 'doc_fix',
  withdraw: 'doc_withdraw',
} as const;

/** After extraction: check the fields, then Submit, Edit or Cancel. `closed` replaces the buttons. */
export async function confirmMessage(doc: DocInfo, mention: Mention, closed: string | null): Promise<Rendered> {
  const v = stepValue({ d: doc.id });
  const blocks: Block[] = [
    section(closed ? `*${doc.reference}*: fields checked.` : `Please check what I read from *${doc.reference}*, then submit it.`),
    ...summaryBlocks(doc, await mention(doc.submitterId)),
  ];
  if (closed) blocks.push(context(closed));
  else {
    blocks.push(
      actions('confirm', button('Submit', ACTIONS.confirm, v, 'primary'), button('Edit', ACTIONS.edit, v), button(doc.kind === 'expense' ? 'Cancel' : 'Withdraw', ACTIONS.cancel, v, 'danger')),
    );
  }
  return { text: `${doc.reference}: please check the fields and submit`, blocks };
}

export async function decisionLines(step: StepInfo, mention: Mention): Promise<string[]> {
  const out: string[] = [];
  for (const d of step.decisions) {
    const who = await mention(d.actorId);
    const behalf = d.onBehalfOfId ? ` (on behalf of ${await mention(d.onBehalfOfId)})` : '';
    const icon = d.action === 'rejected' ? '❌' : '✅';
    const label = d.action === 'approved' && step.type === 'coordinate' ? 'Agreed' : (ACTION_LABEL[d.action] ?? d.action);
    out.push(`${icon} ${label} by ${who}${behalf} at ${slackDate(d.at)}${d.reason ? `: “${esc(d.reason)}”` : ''}`);
  }
  return out;
}

const CLOSED_TEXT: Record<string, string> = {
  rejected: 'Closed: the document was rejected.',
  withdrawn: '🚫 Closed: the submitter withdrew the document.',
  rerouted: 'Closed: an administrator re-routed the document.',
};

/** Whether this recipient still has something to press on the step. */
export function mayAct(step: StepInfo, recipientId: string, isBookkeeper: boolean): boolean {
  if (step.status !== 'open' || step.settled) return false;
  const decidedPrincipals = new Set(step.decisions.map((d) => d.onBehalfOfId ?? d.actorId));
  const actors = new Set(step.decisions.map((d) => d.actorId));
  if (actors.has(recipientId) || decidedPrincipals.has(recipientId)) return false;
  if (step.type === 'coding' && step.assignees.length === 0) return isBookkeeper;
  return step.assignees.includes(recipientId) || step.offeredTo.includes(recipientId);
}

export async function stepMessage(p: {
  doc: DocInfo;
  step: StepInfo;
  recipientId: string;
  isBookkeeper: boolean;
  onBehalfOf: string | null;
  mention: Mention;
  reminder?: boolean;
}): Promise<Rendered> {
  const { doc, step, mention } = p;
  const v = stepValue({ d: doc.id, r: step.round, s: step.stageIndex });
  const total = doc.stages.length || step.stageIndex + 1;
  const stage = `stage ${step.stageIndex + 1} of ${total}: ${STAGE_LABEL[step.type]}`;
  const ask =
    step.type === 'coding'
      ? 'Please code this document, then send it to approval.'
      : step.type === 'coordinate'
        ? 'Your agreement is requested.'
        : 'Your approval is requested.';
  const lead = `${p.reminder ? '⏰ *Reminder:* ' : ''}${ask}${p.onBehalfOf ? ` You are asked *on behalf of ${await mention(p.onBehalfOf)}* (you substitute for them).` : ''}`;
  const assignees = step.assignees.length > 0 ? (await Promise.all(step.assignees.map((a) => mention(a)))).join(', ') : 'any bookkeeper';
  const mode = modeLabel(step.mode, step.assignees.length);
  const who = [`*${stage.charAt(0).toUpperCase()}${stage.slice(1)}* · ${assignees}${mode ? ` (${mode})` : ''}`];
  if (step.offeredTo.length > 0) who.push(`Also offered to ${(await Promise.all(step.offeredTo.map((a) => mention(a)))).join(', ')} (substitutes)`);

  const blocks: Block[] = [section(lead), ...summaryBlocks(doc, await mention(doc.submitterId))];
  if (step.type === 'coding' || doc.coding.length > 0) blocks.push(section(codingText(doc)));
  blocks.push(context(...who));
  const decided = await decisionLines(step, mention);
  if (decided.length > 0) blocks.push(section(decided.join('\n')));
  if (mayAct(step, p.recipientId, p.isBookkeeper)) {
    if (step.type === 'coding') {
      blocks.push(actions('step', button('Code', ACTIONS.code, v, 'primary'), button('Send to approval', ACTIONS.send, v)));
    } else {
      blocks.push(actions('step', button(step.type === 'coordinate' ? 'Agree' : 'Approve', ACTIONS.approve, v, 'primary'), button('Reject', ACTIONS.reject, v, 'danger')));
    }
  } else {
    const closed = step.status !== 'open' ? CLOSED_TEXT[step.status] : undefined;
    const text = closed ?? (step.status === 'open' && !step.settled && decided.length === 0 ? 'This step is no longer offered to you.' : decided.length > 0 ? 'No further action needed from you.' : '');
    if (text) blocks.push(context(text));
  }
  const verb = step.type === 'coding' ? 'coding' : step.type === 'coordinate' ? 'agreement' : 'approval';
  return { text: `${doc.reference}: ${verb} ${decided.length > 0 && !mayAct(step, p.recipientId, p.isBookkeeper) ? 'decided' : 'requested'}`, blocks };
}

/** To the people who must correct a rejected document. */
export async function rejectedMessage(doc: DocInfo, rejectedBy: string, reason: string | null, mention: Mention, closed: string | null): Promise<Rendered> {
  const v = stepValue({ d: doc.id });
  const blocks: Block[] = [
    section(`↩️ *${doc.reference}* was rejected by ${rejectedBy}.${reason ? `\n>${esc(reason)}` : ''}`),
    ...summaryBlocks(doc, await mention(doc.submitterId)),
  ];
  if (closed) blocks.push(context(closed));
  else blocks.push(actions('fix', button('Fix and resubmit', ACTIONS.fix, v, 'primary'), button('Withdraw', ACTIONS.withdraw, v, 'danger')));
  return { text: `${doc.reference} was rejected${reason ? `: ${esc(reason)}` : ''}`, blocks };
}

export function noteMessage(doc: DocInfo, text: string, extra: Block[] = []): Rendered {
  return { text: `${doc.reference}: ${text.replace(/[*_]/g, '')}`, blocks: [section(text), { ...section(docTitle(doc)), accessory: historyButton(doc.id) }, ...extra] };
}

export function kindChoiceMessage(fileName: string, value: string): Rendered {
  return {
    text: `Is ${fileName} a purchase invoice or an expense report?`,
    blocks: [
      section(`Got *${esc(fileName)}*. Is it a purchase invoice or an expense report?`),
      actions('kind', button(KIND_LABEL.invoice, ACTIONS.chooseInvoice, value, 'primary'), button(KIND_LABEL.expense, ACTIONS.chooseExpense, value)),
    ],
  };
}
