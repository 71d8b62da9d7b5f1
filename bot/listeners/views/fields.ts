// The field form, submitted: Edit (save corrections while confirming or coding) or Fix and
// resubmit (after a rejection). Bad dates, amounts or currency stay in the modal as errors.
import type { BotContext } from '../../context';
import { readFields } from '../../forms';
import { loadDoc } from '../../document-data';
import { refreshConfirm, refreshOpenSteps, refreshRejected } from '../../tracked';
import { viewKey } from '../../values';
import { slackDate } from '../../views/blocks';
import { modalSubmission } from './submission';
import type { SubmitHandler } from './types';

export function submitFields(ctx: BotContext, mode: 'edit' | 'resubmit'): SubmitHandler {
  return modalSubmission(
    ctx,
    mode === 'edit' ? 'save the fields' : 'resubmit the document',
    async ({ view }) => {
      const { fields, errors } = readFields(view.state.values as never);
      return { value: fields, errors };
    },
    async ({ meta, value: fields, person, args: { view, body, client }, refuse }) => {
      const key = viewKey(view.id, body.user.id, mode);
      const r = mode === 'edit' ? await ctx.engine.editFields(meta.d, { actorId: person.id, key, fields }) : await ctx.engine.resubmit(meta.d, { actorId: person.id, key, fields });
      if (!r.ok) return refuse(r.reason);
      if (mode === 'resubmit') await refreshRejected(ctx, client, meta.d, `🔁 Corrected and resubmitted by <@${body.user.id}> at ${slackDate(new Date())}.`);
      else {
        const doc = await loadDoc(ctx, meta.d);
        if (doc?.status === 'confirming') await refreshConfirm(ctx, client, meta.d, null, doc);
        else await refreshOpenSteps(ctx, client, meta.d);
      }
    },
  );
}
