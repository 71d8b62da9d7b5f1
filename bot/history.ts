// The history of a document as the Slack user may see it: documentHistory (which applies the
// document's visibility: an auditor or administrator sees every document) with the people
// of the head shown as Slack mentions. Used by `/countersign status` and the History button.
import { documentHistory, type DocumentHistory } from '../client/history';
import type { BotContext } from './context';
import { historyHead } from './views/history';

export type HistoryLookup = { ok: true; history: DocumentHistory; head: string } | { ok: false; reason: string };

export async function historyFor(ctx: BotContext, viewerId: string, documentId: string): Promise<HistoryLookup> {
  const o = await documentHistory(ctx.db, ctx.workspaceId, documentId, viewerId);
  if (!o.ok) return { ok: false, reason: o.reason };
  const h = o.value;
  const head = historyHead(h, await ctx.people.mention(h.createdBy.id), await ctx.people.mention(h.lastChangedBy.id));
  return { ok: true, history: h, head };
}
