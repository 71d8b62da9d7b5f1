// The rejection reason, submitted: a reason is required (shown in the modal otherwise); the
// workflow re-checks that the person may decide on the step they saw.
import type { BotContext } from '../../context';
import { refreshStep } from '../../tracked';
import { viewKey } from '../../values';
import { modalSubmission } from './submission';
import type { SubmitHandler } from './types';

export function submitReject(ctx: BotContext): SubmitHandler {
  return modalSubmission(
    ctx,
    'record your rejection',
    async ({ view }) => {
      const reason = (view.state.values.reason?.v?.value ?? '').trim();
      return { value: reason, errors: reason.length < 3 ? { reason: 'Please say why, so the document can be corrected.' } : null };
    },
    async ({ meta, value: reason, person, args: { view, body, client }, refuse }) => {
      const r = await ctx.engine.decide(meta.d, { actorId: person.id, action: 'reject', reason, key: viewKey(view.id, body.user.id, 'reject'), round: meta.r, stageIndex: meta.s });
      if (!r.ok) return refuse(r.reason);
      if (meta.r !== undefined && meta.s !== undefined) await refreshStep(ctx, client, meta.d, meta.r, meta.s);
    },
  );
}
