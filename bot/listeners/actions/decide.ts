// Approve / Agree, and Send to approval on a coding step: a decision on the step the person
// saw (round and stage travel in the button), keyed by the click so a redelivery counts once.
// The workflow re-checks who may decide; a refusal is answered privately.
import type { BotContext } from '../../context';
import { refreshHome } from '../../home';
import { guarded, tell, whereOf } from '../../interaction';
import { refreshStep } from '../../tracked';
import { actionKey, parseStepValue } from '../../values';
import type { ButtonHandler } from './types';

export function decideApprove(ctx: BotContext, what: string): ButtonHandler {
  return async ({ ack, body, action, client }) => {
    await ack();
    const where = whereOf(body);
    await guarded(ctx, client, where, what, async () => {
      const ref = parseStepValue(action.value);
      if (!ref) return tell(ctx, client, where.slackUserId, where.channel, 'This button does not name a document any more.');
      const person = await ctx.people.ensure(client, where.slackUserId);
      const r = await ctx.engine.decide(ref.d, { actorId: person.id, action: 'approve', key: actionKey(action, where.slackUserId, ref), round: ref.r, stageIndex: ref.s });
      if (!r.ok) {
        // The message may be stale (its update still on the way, or lost): redraw it as it stands.
        if (ref.r !== undefined && ref.s !== undefined) await refreshStep(ctx, client, ref.d, ref.r, ref.s, person.id).catch(() => undefined);
        return tell(ctx, client, where.slackUserId, where.channel, `🚫 ${r.reason}`);
      }
      if (ref.r !== undefined && ref.s !== undefined) await refreshStep(ctx, client, ref.d, ref.r, ref.s);
      await refreshHome(ctx, client, person.id);
    });
  };
}
