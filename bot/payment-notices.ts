// Payment side effects in Slack: after a payment the submitter and the bookkeepers hear "paid", and every open App Home
// is republished (the invoice leaves "Approved invoices to pay").
import type { WebClient } from '@slack/web-api';
import type { BotContext } from './context';
import { loadDoc } from './document-data';
import { publishHome } from './home';
import { postTracked } from './tracked';
import { noteMessage } from './views/messages';

export async function afterPaid(ctx: BotContext, client: WebClient, documentId: string, text: string): Promise<void> {
  const doc = await loadDoc(ctx, documentId);
  if (doc) {
    const bookkeepers = await ctx.db.user.findMany({ where: { workspaceId: ctx.workspaceId, roles: { has: 'bookkeeper' } }, select: { id: true } });
    const recipients = new Set([doc.submitterId, ...bookkeepers.map((b) => b.id)]);
    for (const recipientId of recipients) {
      await postTracked(ctx, client, { recipientId, documentId, kind: 'info', eventKey: `paid:${documentId}:${recipientId}`, rendered: noteMessage(doc, text) }).catch((err: unknown) =>
        ctx.log.warn({ err: String(err), recipientId }, 'paid notice failed'),
      );
    }
  }
  for (const slackId of ctx.homeViewers) await publishHome(ctx, client, slackId).catch((err: unknown) => ctx.log.warn({ err: String(err) }, 'App Home refresh failed'));
}
