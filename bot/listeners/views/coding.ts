// The coding form, submitted: every filled line needs account, VAT code and amount, and the
// lines must add up to the total (errors in the modal). Then the step's messages show them.
import type { BotContext } from '../../context';
import { loadDoc } from '../../document-data';
import { readCoding } from '../../forms';
import { refreshHome } from '../../home';
import { guarded, tell } from '../../interaction';
import { refreshOpenSteps, refreshStep } from '../../tracked';
import { viewKey } from '../../values';
import { metaOf, type SubmitHandler } from './types';

export function submitCoding(ctx: BotContext): SubmitHandler {
  return async ({ ack, view, body, client }) => {
    const meta = metaOf(view.private_metadata);
    const doc = meta ? await loadDoc(ctx, meta.d) : null;
    const { lines, errors } = readCoding(view.state.values as never, doc?.totalAmount ?? null);
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return;
    }
    await ack();
    if (!meta) return;
    const where = { slackUserId: body.user.id, channel: meta.c ?? null };
    await guarded(ctx, client, where, 'save the coding', async () => {
      const person = await ctx.people.ensure(client, body.user.id);
      const r = await ctx.engine.saveCoding(meta.d, { actorId: person.id, key: viewKey(view.id, body.user.id, 'coding'), lines });
      if (!r.ok) return tell(ctx, client, where.slackUserId, where.channel, `🚫 ${r.reason}`);
      if (meta.r !== undefined && meta.s !== undefined) await refreshStep(ctx, client, meta.d, meta.r, meta.s);
      else await refreshOpenSteps(ctx, client, meta.d);
      await refreshHome(ctx, client, person.id);
    });
  };
}
