// The App Home: what waits for the person (with the same buttons as the DMs), their own
// submissions, and for administrators the chains, substitutes and settings in force.
// Slack refuses a Home with more than 100 blocks: lists are capped and say what was left out.
import type { WebClient } from '@slack/web-api';
import { describeChain, formatDuration } from '../domain';
import { listChains } from '../client/chains';
import { waitingFor, mySubmissions, type WaitingItem } from '../client/queries';
import { getSettings } from '../client/settings';
import { listSubstitutions } from '../client/substitutes';
import { listPayable } from '../payments';
import { mayMarkPaid, maySeePayments } from '../domain/permissions/workspace';
import type { BotContext } from './context';
import { historyButton } from './views/history';
import { payableBlocks } from './views/payments';
import { actions, button, context, divider, header, section, slackDate, type Block } from './views/blocks';
import { docLine } from './views/document';
import { STATUS_EMOJI, STATUS_LABEL } from './views/labels';
import { ACTIONS } from './views/messages';
import { stepValue } from './values';

const MAX_BLOCKS = 100;
const MAX_WAITING = 20;
const MAX_PAYABLE = 15;

function taskButtons(item: WaitingItem): Block {
  const v = stepValue({ d: item.documentId, ...(item.round !== null ? { r: item.round } : {}), ...(item.stageIndex !== null ? { s: item.stageIndex } : {}) });
  switch (item.task) {
    case 'confirm':
      return actions(undefined, button('Submit', ACTIONS.confirm, v, 'primary'), button('Edit', ACTIONS.edit, v));
    case 'coding':
      return actions(undefined, button('Code', ACTIONS.code, v, 'primary'), button('Send to approval', ACTIONS.send, v));
    case 'coordinate':
      return actions(undefined, button('Agree', ACTIONS.approve, v, 'primary'), button('Reject', ACTIONS.reject, v, 'danger'));
    case 'approve':
      return actions(undefined, button('Approve', ACTIONS.approve, v, 'primary'), button('Reject', ACTIONS.reject, v, 'danger'));
    case 'resubmit':
      return actions(undefined, button('Fix and resubmit', ACTIONS.fix, v, 'primary'), button('Withdraw', ACTIONS.withdraw, v, 'danger'));
  }
}

const TASK_LABEL: Record<WaitingItem['task'], string> = {
  confirm: 'check the fields and submit',
  coding: 'code it and send it to approval',
  coordinate: 'agree or reject',
  approve: 'approve or reject',
  resubmit: 'rejected: fix and resubmit',
};

/** Lines packed into sections of at most 3000 characters. */
function lineSections(lines: string[]): Block[] {
  const out: Block[] = [];
  let cur = '';
  for (const l of lines) {
    if (cur && cur.length + l.length + 1 > 2900) {
      out.push(section(cur));
      cur = '';
    }
    cur = cur ? `${cur}\n${l}` : l;
  }
  if (cur) out.push(section(cur));
  return out;
}

export async function homeBlocks(ctx: BotContext, userId: string): Promise<Block[]> {
  const mention = (id: string | null | undefined) => ctx.people.mention(id);
  const me = await ctx.db.user.findUnique({ where: { id: userId } });
  const [waiting, mine] = await Promise.all([waitingFor(ctx.db, ctx.workspaceId, userId), mySubmissions(ctx.db, ctx.workspaceId, userId, 20)]);
  const blocks: Block[] = [header('Countersign'), section('*Waiting for you*')];
  if (waiting.length === 0) blocks.push(context('Nothing is waiting for you. 🎉'));
  for (const item of waiting.slice(0, MAX_WAITING)) {
    const behalf = item.onBehalfOf.length > 0 ? ` · on behalf of ${(await Promise.all(item.onBehalfOf.map(mention))).join(', ')}` : '';
    blocks.push({ ...section(`${docLine(item)}\n${TASK_LABEL[item.task]}${behalf}`), accessory: historyButton(item.documentId) }, taskButtons(item));
  }
  if (waiting.length > MAX_WAITING) blocks.push(context(`…and ${waiting.length - MAX_WAITING} more.`));

  if (maySeePayments(me).ok) {
    const payable = await listPayable(ctx.db, ctx.workspaceId, userId);
    if (payable.ok) blocks.push(divider(), ...payableBlocks(payable.value, mayMarkPaid(me).ok, MAX_PAYABLE));
  }

  blocks.push(divider(), section('*Your submissions*'));
  if (mine.length === 0) blocks.push(context('You have not submitted anything yet: upload a receipt or invoice in a DM to me.'));
  else blocks.push(...lineSections(mine.map((d) => `${STATUS_EMOJI[d.status]} ${docLine(d)} · _${STATUS_LABEL[d.status]}_`)));

  if (me?.roles.includes('admin')) {
    const [chains, subs, settings] = await Promise.all([listChains(ctx.db, ctx.workspaceId), listSubstitutions(ctx.db, ctx.workspaceId), getSettings(ctx.db, ctx.workspaceId)]);
    const slackNames = new Map<string, string>();
    for (const id of new Set(chains.flatMap((c) => c.stages.flatMap((s) => s.assignees)))) slackNames.set(id, await mention(id));
    blocks.push(divider(), section('*Approval chains*'));
    blocks.push(...(chains.length > 0 ? lineSections(chains.map((c) => `• ${describeChain(c, (id) => slackNames.get(id) ?? id)}`)) : [context('No chains yet: /countersign chain set …')]));
    blocks.push(section('*Substitutes*'));
    const subLines = await Promise.all(subs.map(async (s) => `• \`${s.id}\` ${await mention(s.substituteId)} for ${await mention(s.forUserId)} from ${slackDate(new Date(s.startsAt))} to ${slackDate(new Date(s.endsAt))}`));
    blocks.push(...(subLines.length > 0 ? lineSections(subLines) : [context('No current or future substitutes.')]));
    const escalateTo = settings.escalationUserId ? await mention(settings.escalationUserId) : 'the administrators';
    blocks.push(section(`*Settings*\nReminder after ${formatDuration(settings.reminderAfterMs)} · escalation after ${formatDuration(settings.escalateAfterMs)} to ${escalateTo}`));
  }
  if (blocks.length > MAX_BLOCKS) {
    const kept = blocks.slice(0, MAX_BLOCKS - 1);
    kept.push(context('Some items are not shown here (Slack shows at most 100 blocks): use /countersign status DOC-ID.'));
    return kept;
  }
  return blocks;
}

export async function publishHome(ctx: BotContext, client: WebClient, slackId: string): Promise<void> {
  const person = await ctx.people.ensure(client, slackId);
  ctx.homeViewers.add(slackId);
  await client.views.publish({ user_id: slackId, view: { type: 'home', blocks: await homeBlocks(ctx, person.id) } });
}

/** Republishes the Home of a user who has opened it (internal id). */
export async function refreshHome(ctx: BotContext, client: WebClient, userId: string): Promise<void> {
  const slackId = await ctx.people.slackIdOf(userId);
  if (!slackId || !ctx.homeViewers.has(slackId)) return;
  await publishHome(ctx, client, slackId);
}
