// `/countersign status DOC-ID`: the document's line, its status, who created and last changed
// it, and its history (blocks within Slack's 50-block message limit; the rest is counted and
// the audit export named). Same visibility as the History button: refusals are the reason.
import type { WebClient } from '@slack/web-api';
import { findDocumentId } from '../../client/queries';
import type { BotContext } from '../context';
import { historyFor } from '../history';
import { esc, section, slackDate, type Block } from '../views/blocks';
import { docLine } from '../views/document';
import { historyBlocks, MESSAGE_BLOCKS } from '../views/history';
import { STATUS_LABEL } from '../views/labels';

export interface Reply {
  text: string;
  blocks?: Block[];
}

export async function statusReply(ctx: BotContext, client: WebClient, slackUserId: string, ref: string): Promise<Reply> {
  const me = await ctx.people.ensure(client, slackUserId);
  const docId = await findDocumentId(ctx.db, ctx.workspaceId, ref);
  if (!docId) return { text: `🚫 There is no document ${ref}.` };
  const found = await historyFor(ctx, me.id, docId);
  if (!found.ok) return { text: `🚫 ${found.reason}` };
  const h = found.history;
  const doc = await ctx.db.document.findUniqueOrThrow({ where: { id: docId }, include: { paymentBatch: { select: { seq: true } } } });
  const line = docLine({ reference: h.reference, kind: doc.kind, supplierName: doc.supplierName, totalAmount: doc.totalAmount?.toFixed(2) ?? null, currency: doc.currency });
  const status = STATUS_LABEL[doc.status];
  const extra = [
    doc.chainName ? `chain ${doc.chainName}` : '',
    doc.paymentBatch && doc.status === 'approved' ? `in payment batch ${doc.paymentBatch.seq}` : '',
    doc.paidAt ? `paid on ${doc.paidAt.toISOString().slice(0, 10)}${doc.paymentRef ? ` (${esc(doc.paymentRef)})` : ''}` : '',
  ].filter(Boolean);
  const text =
    `${line}\nStatus: *${status}*${extra.length ? ` · ${extra.join(' · ')}` : ''}${doc.rejectReason ? `\nRejected: ${doc.rejectReason}` : ''}\n` +
    `This document was created by ${await ctx.people.mention(h.createdBy.id)} ${slackDate(h.createdAt)}; last changed by ${await ctx.people.mention(h.lastChangedBy.id)} ${slackDate(h.lastChangedAt)}.`;
  const blocks: Block[] = [section(text), ...historyBlocks(h, `*History* (${h.entries.length} entries)`, MESSAGE_BLOCKS - 1)];
  return { text, blocks };
}
