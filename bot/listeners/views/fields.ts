// The field form, submitted: Edit (save corrections while confirming or coding) or Fix and
// resubmit (after a rejection). Bad dates, amounts or currency stay in the modal as errors.
import type { BotContext } from '../../context';
import { readFields } from '../../forms';
import { refreshHome } from '../../home';
import { guarded, tell } from '../../interaction';
import { loadDoc } from '../../document-data';
import { refreshConfirm, refreshOpenSteps, refreshRejected } from '../../tracked';
import { viewKey } from '../../values';
import { slackDate } from '../../views/blocks';
import { metaOf, type SubmitHandler } from './types';

export function submitFields(ctx: BotContext, mode: 'edit' | 'resubmit'): SubmitHandler {
  return async ({ ack, view, body, client }) => {
    const meta = metaOf(view.private_metadata);
    const { fields, errors } = readFields(view.state.values as never);
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    if (!meta) return;
    const where = { slackUserId: body.user.id, channel: meta.c ?? null };
    await guarded(ctx, client, where, mode === 'edit' ? 'save the fields' : 'resubmit the document', async () => {
      const person = await ctx.people.ensure(client, body.user.id);
      const key = viewKey(view.id, body.user.id, mode);
      const r = mode === 'edit' ? await ctx.engine.editFields(meta.d, { actorId: person.id, key, fields }) : await ctx.engine.resubmit(meta.d, { actorId: person.id, key, fields });
      if (!r.ok) return tell(ctx, client, where.slackUserId, where.channel, `🚫 ${r.reason}`);
      if (mode === 'resubmit') await refreshRejected(ctx, client, meta.d, `🔁 Corrected and resubmitted by <@${body.user.id}> at ${slackDate(new Date())}.`);
      else {
        const doc = await loadDoc(ctx, meta.d);
        if (doc?.status === 'confirming') await refreshConfirm(ctx, client, meta.d, null, doc);
        else await refreshOpenSteps(ctx, client, meta.d);
      }
      await refreshHome(ctx, client, person.id);
    });
  };
}
