// History (on document messages and App Home items): the document's history in a modal, for
// whoever may see the document (an auditor or administrator sees every document). A refusal
// is the reason, privately. The trigger_id lives 3 s, so the modal opens first (a loading
// view) and the content follows with views.update, however slow the lookups are.
import type { BotContext } from '../../context';
import { historyFor } from '../../history';
import { guarded, tell, whereOf } from '../../interaction';
import { parseStepValue } from '../../values';
import { historyModal } from '../../views/history';
import type { ButtonHandler } from './types';

const note = (text: string) => ({
  type: 'modal' as const,
  title: { type: 'plain_text' as const, text: 'History' },
  close: { type: 'plain_text' as const, text: 'Close' },
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
});

export function showHistory(ctx: BotContext): ButtonHandler {
  return async ({ ack, body, action, client }) => {
    await ack();
    const where = whereOf(body);
    let viewId: string | undefined;
    await guarded(ctx, client, where, 'show the history', async () => {
      const ref = parseStepValue(action.value);
      if (!ref) return tell(ctx, client, where.slackUserId, where.channel, 'This button does not name a document any more.');
      if (where.triggerId) viewId = (await client.views.open({ trigger_id: where.triggerId, view: note('⏳ Loading the history…') })).view?.id;
      try {
        const person = await ctx.people.ensure(client, where.slackUserId);
        const found = await historyFor(ctx, person.id, ref.d);
        if (!found.ok) {
          if (viewId) await client.views.update({ view_id: viewId, view: note(`🚫 ${found.reason}`) });
          else await tell(ctx, client, where.slackUserId, where.channel, `🚫 ${found.reason}`);
          return;
        }
        if (!viewId) return tell(ctx, client, where.slackUserId, where.channel, found.head);
        await client.views.update({ view_id: viewId, view: historyModal(found.history, found.head) });
      } catch (err) {
        // The open modal says it too, instead of loading for ever.
        if (viewId) await client.views.update({ view_id: viewId, view: note('⚠️ The history could not be loaded right now; please try again in a minute.') }).catch(() => undefined);
        throw err;
      }
    });
  };
}
