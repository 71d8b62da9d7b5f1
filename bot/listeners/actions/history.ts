// History (on document messages and App Home items): the document's history in a modal, for
// whoever may see the document (an auditor or administrator sees every document). A refusal
// is the reason, privately.
import type { BotContext } from '../../context';
import { historyFor } from '../../history';
import { guarded, tell, whereOf } from '../../interaction';
import { parseStepValue } from '../../values';
import { historyModal } from '../../views/history';
import type { ButtonHandler } from './types';

export function showHistory(ctx: BotContext): ButtonHandler {
  return async ({ ack, body, action, client }) => {
    await ack();
    const where = whereOf(body);
    await guarded(ctx, client, where, 'show the history', async () => {
      const ref = parseStepValue(action.value);
      if (!ref) return tell(ctx, client, where.slackUserId, where.channel, 'This button does not name a document any more.');
      const person = await ctx.people.ensure(client, where.slackUserId);
      const found = await historyFor(ctx, person.id, ref.d);
      if (!found.ok) return tell(ctx, client, where.slackUserId, where.channel, `🚫 ${found.reason}`);
      if (!where.triggerId) return tell(ctx, client, where.slackUserId, where.channel, found.head);
      await client.views.open({ trigger_id: where.triggerId, view: historyModal(found.history, found.head) });
    });
  };
}
