// Submit on the confirmation message: the fields are confirmed and the document goes to its
// approval chain. Every confirmation message of the document loses its buttons.
import type { BotContext } from '../../context';
import { refreshHome } from '../../home';
import { guarded, tell, whereOf } from '../../interaction';
import { refreshConfirm } from '../../tracked';
import { actionKey, parseStepValue } from '../../values';
import { slackDate } from '../../views/blocks';
import type { ButtonHandler } from './types';

export function confirmDocument(ctx: BotContext): ButtonHandler {
  return async ({ ack, body, action, client }) => {
    await ack();
    const where = whereOf(body);
    await guarded(ctx, client, where, 'submit the document', async () => {
      const ref = parseStepValue(action.value);
      if (!ref) return;
      const person = await ctx.people.ensure(client, where.slackUserId);
      const r = await ctx.engine.confirm(ref.d, { actorId: person.id, key: actionKey(action, where.slackUserId, ref) });
      if (!r.ok) return tell(ctx, client, where.slackUserId, where.channel, `🚫 ${r.reason}`);
      await refreshConfirm(ctx, client, ref.d, `✅ Submitted by <@${where.slackUserId}> at ${slackDate(new Date())}.`);
      await refreshHome(ctx, client, person.id);
    });
  };
}
