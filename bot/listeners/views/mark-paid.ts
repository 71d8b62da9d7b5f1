// The Mark paid modal, submitted: markPaid checks the person (payment manager, not auditor),
// the date and the document; a date problem is shown in the modal, any other refusal privately.
import type { WebClient } from '@slack/web-api';
import { markPaid, paymentProblem } from '../../../payments';
import type { BotContext } from '../../context';
import { guarded, tell } from '../../interaction';
import { afterPaid } from '../../payment-notices';
import type { MarkPaidMeta } from '../../views/payments';
import type { SubmitHandler } from './types';
import { esc } from '../../views/blocks';

function metaOf(raw: string): MarkPaidMeta | null {
  try {
    const m = JSON.parse(raw) as MarkPaidMeta;
    return typeof m.d === 'string' ? m : null;
  } catch {
    return null;
  }
}

export function submitMarkPaid(ctx: BotContext): SubmitHandler {
  return async ({ ack, view, body, client }) => {
    const meta = metaOf(view.private_metadata);
    const paidOn = view.state.values.paidOn?.v?.selected_date ?? '';
    const reference = (view.state.values.reference?.v?.value ?? '').trim();
    if (!meta) return void (await ack());
    // The date is checked here, without the database, so Slack gets its ack in time; the rest
    // (who may, the document's state) is told privately once markPaid has run.
    const problem = paymentProblem(paidOn, reference || null, new Date());
    if (problem) {
      await ack({ response_action: 'errors', errors: { [/reference/i.test(problem) ? 'reference' : 'paidOn']: problem } });
      return;
    }
    await ack();
    const where = { slackUserId: body.user.id, channel: null };
    await guarded(ctx, client, where, 'mark the document paid', async () => {
      const person = await ctx.people.ensure(client as WebClient, body.user.id);
      const r = await markPaid(ctx.db, { workspaceId: ctx.workspaceId, actorId: person.id, documentId: meta.d, paidOn, reference: reference || null });
      if (!r.ok) return tell(ctx, client, where.slackUserId, null, `🚫 ${r.reason}`);
      await tell(ctx, client, where.slackUserId, null, `✅ ${r.message}`);
      await afterPaid(ctx, client, meta.d, `💶 *${r.value.reference}* was paid on ${r.value.paidOn}${reference ? ` (reference ${esc(reference)})` : ''}; marked by <@${body.user.id}>.`);
    });
  };
}
