// The coding form, submitted: every filled line needs account, VAT code and amount, and the
// lines must add up to the total (errors in the modal). Then the step's messages show them.
import type { BotContext } from '../../context';
import { loadDoc } from '../../document-data';
import { readCoding } from '../../forms';
import { refreshOpenSteps, refreshStep } from '../../tracked';
import { viewKey } from '../../values';
import { modalSubmission } from './submission';
import type { SubmitHandler } from './types';

export function submitCoding(ctx: BotContext): SubmitHandler {
  return modalSubmission(
    ctx,
    'save the coding',
    async ({ view }, meta) => {
      const doc = meta ? await loadDoc(ctx, meta.d) : null;
      const { lines, errors } = readCoding(view.state.values as never, doc?.totalAmount ?? null);
      return { value: lines, errors };
    },
    async ({ meta, value: lines, person, args: { view, body, client }, refuse }) => {
      const r = await ctx.engine.saveCoding(meta.d, { actorId: person.id, key: viewKey(view.id, body.user.id, 'coding'), lines });
      if (!r.ok) return refuse(r.reason);
      if (meta.r !== undefined && meta.s !== undefined) await refreshStep(ctx, client, meta.d, meta.r, meta.s);
      else await refreshOpenSteps(ctx, client, meta.d);
    },
  );
}
