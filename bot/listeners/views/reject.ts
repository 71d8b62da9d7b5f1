// The rejection reason, submitted: a reason is required (shown in the modal otherwise); the
// workflow re-checks that the person may decide on the step they saw.
import type { BotContext } from '../../context';
import { refreshHome } from '../../home';
import { guarded, tell } from '../../interaction';
import { refreshStep } from '../../tracked';
import { viewKey } from '../../values';
import { metaOf, type SubmitHandler } from './types';

export function submitReject(ctx: BotContext): SubmitHandler {
  return async ({ ack, view, body, client }) => {
    const reason = (view.state.values.reason?.v?.value ?? '').trim();
    if (reason.length < 3) {
      await ack({ response_action: 'errors', errors: { reason: 'Please say why, so the document can be corrected.' } });
      return;
    }
    await ack();
    const meta = metaOf(view.private_metadata);
    if (!meta) return;
    const where = { slackUserId: body.user.id, channel: meta.c ?? null };
    await guarded(ctx, client, where, 'record your rejection', async () => {
      const person = await ctx.people.ensure(client, body.user.id);
      const r = await ctx.engine.decide(meta.d, { actorId: person.id, action: 'reject', reason, key: viewKey(view.id, body.user.id, 'reject'), round: meta.r, stageIndex: meta.s });
      if (!r.ok) return tell(ctx, client, where.slackUserId, where.channel, `🚫 ${r.reason}`);
      if (meta.r !== undefined && meta.s !== undefined) await refreshStep(ctx, client, meta.d, meta.r, meta.s);
      await refreshHome(ctx, client, person.id);
    });
  };
}
