// Messages the bot posted about documents, remembered (channel, ts) per recipient so they
// can be updated in place: buttons removed and "Approved by X (on behalf of Y) at …" once a
// step is decided, in every assignee's DM. Posting is keyed by the notification key, so a
// retried delivery never posts twice.
import type { WebClient } from '@slack/web-api';
import { newId } from '../data/ids';
import { isUniqueViolation } from '../data/db';
import type { BotContext } from './context';
import { loadDoc, loadStep, principalFor, type DocInfo } from './document-data';
import { confirmMessage, rejectedMessage, stepMessage, type Rendered } from './views/messages';

/** The app's DM channel with a Slack user. */
export async function dmChannel(ctx: BotContext, client: WebClient, slackId: string): Promise<string> {
  const dmChannels = ctx.dmChannels;
  const known = dmChannels.get(slackId);
  if (known) return known;
  const r = await client.conversations.open({ users: slackId });
  const id = r.channel?.id;
  if (!id) throw new Error(`conversations.open gave no channel for ${slackId}`);
  dmChannels.set(slackId, id);
  return id;
}

export interface TrackedPost {
  recipientId: string;
  documentId: string;
  kind: 'confirm' | 'step' | 'rejected' | 'no_chain' | 'info' | 'progress';
  round?: number;
  stageIndex?: number | null;
  eventKey: string;
  rendered: Rendered;
}

/** Posts once per eventKey to the recipient's DM and remembers where. False when nothing was posted. */
export async function postTracked(ctx: BotContext, client: WebClient, p: TrackedPost): Promise<boolean> {
  if (await ctx.db.slackMessage.findUnique({ where: { eventKey: p.eventKey }, select: { id: true } })) return false;
  const slackId = await ctx.people.slackIdOf(p.recipientId);
  if (!slackId) return false;
  const channel = await dmChannel(ctx, client, slackId);
  const posted = await client.chat.postMessage({ channel, text: p.rendered.text, blocks: p.rendered.blocks });
  try {
    await ctx.db.slackMessage.create({
      data: {
        id: newId('slk'),
        workspaceId: ctx.workspaceId,
        documentId: p.documentId,
        recipientId: p.recipientId,
        kind: p.kind,
        round: p.round ?? 0,
        stageIndex: p.stageIndex ?? null,
        channel: posted.channel ?? channel,
        ts: posted.ts!,
        eventKey: p.eventKey,
      },
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
  }
  return true;
}

async function update(ctx: BotContext, client: WebClient, row: { channel: string; ts: string }, r: Rendered): Promise<void> {
  try {
    await client.chat.update({ channel: row.channel, ts: row.ts, text: r.text, blocks: r.blocks });
  } catch (err) {
    // A message the person deleted cannot be updated; nothing else to do about it.
    const code = (err as { data?: { error?: string } }).data?.error;
    if (code === 'message_not_found' || code === 'channel_not_found') ctx.log.warn({ code, ts: row.ts }, 'tracked message is gone');
    else throw err;
  }
}

async function isBookkeeper(ctx: BotContext, userId: string): Promise<boolean> {
  const u = await ctx.db.user.findUnique({ where: { id: userId }, select: { roles: true } });
  return u?.roles.includes('bookkeeper') ?? false;
}

/** Re-renders every message about one step (or only one recipient's), from the database. */
export async function refreshStep(ctx: BotContext, client: WebClient, documentId: string, round: number, stageIndex: number, recipientId?: string): Promise<number> {
  const rows = await ctx.db.slackMessage.findMany({ where: { documentId, kind: 'step', round, stageIndex, ...(recipientId ? { recipientId } : {}) }, orderBy: { createdAt: 'asc' } });
  if (rows.length === 0) return 0;
  const [doc, step] = await Promise.all([loadDoc(ctx, documentId), loadStep(ctx, documentId, round, stageIndex)]);
  if (!doc || !step) return 0;
  const mention = (id: string | null | undefined) => ctx.people.mention(id);
  for (const row of rows) {
    const rendered = await stepMessage({
      doc,
      step,
      recipientId: row.recipientId,
      isBookkeeper: await isBookkeeper(ctx, row.recipientId),
      onBehalfOf: await principalFor(ctx, step, row.recipientId),
      mention,
    });
    await update(ctx, client, row, rendered);
  }
  return rows.length;
}

/** Every step message of the document's current round (after coding or field edits). */
export async function refreshOpenSteps(ctx: BotContext, client: WebClient, documentId: string): Promise<void> {
  const steps = await ctx.db.step.findMany({ where: { documentId, status: 'open' } });
  for (const s of steps) await refreshStep(ctx, client, documentId, s.round, s.stageIndex);
}

/** The confirmation messages of a document (several bookkeepers may have one). */
export async function refreshConfirm(ctx: BotContext, client: WebClient, documentId: string, closed: string | null, doc?: DocInfo | null): Promise<void> {
  const rows = await ctx.db.slackMessage.findMany({ where: { documentId, kind: { in: ['confirm', 'no_chain'] } } });
  if (rows.length === 0) return;
  const d = doc ?? (await loadDoc(ctx, documentId));
  if (!d) return;
  const rendered = await confirmMessage(d, (id) => ctx.people.mention(id), closed);
  for (const row of rows) await update(ctx, client, row, rendered);
}

/** The rejection notices of a document's round, once resubmitted or withdrawn. */
export async function refreshRejected(ctx: BotContext, client: WebClient, documentId: string, closed: string | null): Promise<void> {
  const rows = await ctx.db.slackMessage.findMany({ where: { documentId, kind: 'rejected' } });
  if (rows.length === 0) return;
  const doc = await loadDoc(ctx, documentId);
  if (!doc) return;
  const by = await lastRejection(ctx, documentId);
  const rendered = await rejectedMessage(doc, by.who, by.reason, (id) => ctx.people.mention(id), closed);
  for (const row of rows) await update(ctx, client, row, rendered);
}

export async function lastRejection(ctx: BotContext, documentId: string): Promise<{ who: string; reason: string | null }> {
  const ev = await ctx.db.auditEvent.findFirst({ where: { documentId, action: 'rejected', actorId: { not: null } }, orderBy: { id: 'desc' } });
  if (!ev) return { who: 'a reviewer', reason: null };
  const who = await ctx.people.mention(ev.actorId);
  const behalf = ev.onBehalfOfId ? ` (on behalf of ${await ctx.people.mention(ev.onBehalfOfId)})` : '';
  return { who: `${who}${behalf}`, reason: ((ev.details as { reason?: string } | null)?.reason as string | undefined) ?? null };
}
