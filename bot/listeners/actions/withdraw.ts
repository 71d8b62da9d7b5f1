// Cancel (on the confirmation) and Withdraw (after a rejection): the submitter gives up on a
// document that is not decided yet. The workflow refuses anyone else.
import type { BotContext } from '../../context';
import { refreshHome } from '../../home';
import { guarded, tell, whereOf } from '../../interaction';
import { refreshConfirm, refreshRejected } from '../../tracked';
import { actionKey, parseStepValue } from '../../values';
import { slackDate } from '../../views/blocks';
import type { ButtonHandler } from './types';

export function withdrawDocument(ctx: BotContext): ButtonHandler {
  return async ({ ack, body, action, client }) => {
    await ack();
    const where = whereOf(body);
    await guarded(ctx, client, where, 'withdraw the document', async () => {
      const ref = parseStepValue(action.value);
      if (!ref) return;
      const person = await ctx.people.ensure(client, where.slackUserId);
      const r = await ctx.engine.withdraw(ref.d, { actorId: person.id, key: actionKey(action, where.slackUserId, ref) });
      if (!r.ok) return tell(ctx, client, where.slackUserId, where.channel, `🚫 ${r.reason}`);
      const note = `🚫 Withdrawn by <@${where.slackUserId}> at ${slackDate(new Date())}.`;
      await refreshConfirm(ctx, client, ref.d, note);
      await refreshRejected(ctx, client, ref.d, note);
      await refreshHome(ctx, client, person.id);
    });
  };
}
