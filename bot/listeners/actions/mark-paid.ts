// Mark paid (App Home, payment managers): opens the modal with the payment date (today by
// default) and an optional reference. Anyone else is told why privately; the service checks
// again when the modal is submitted.
import { isoDay } from '../../../exports/table';
import type { BotContext } from '../../context';
import { loadDoc } from '../../document-data';
import { guarded, tell, whereOf } from '../../interaction';
import { mayMarkPaid } from '../../../domain/permissions/workspace';
import { mayViewDocument } from '../../../client/queries';
import { parseStepValue } from '../../values';
import { docTitle } from '../../views/document';
import { markPaidModal } from '../../views/payments';
import type { ButtonHandler } from './types';

export function openMarkPaid(ctx: BotContext): ButtonHandler {
  return async ({ ack, body, action, client }) => {
    await ack();
    const where = whereOf(body);
    await guarded(ctx, client, where, 'open the payment form', async () => {
      const person = await ctx.people.ensure(client, where.slackUserId);
      const may = mayMarkPaid(person);
      if (!may.ok) return tell(ctx, client, where.slackUserId, where.channel, `🚫 ${may.reason}`);
      const ref = parseStepValue(action.value);
      const doc = ref ? await loadDoc(ctx, ref.d) : null;
      if (!doc || !where.triggerId) return tell(ctx, client, where.slackUserId, where.channel, 'That document no longer exists.');
      // A payment manager sees approved and paid documents only (domain/permissions), and only their workspace's.
      const seen = await mayViewDocument(ctx.db, ctx.workspaceId, person.id, doc.id);
      if (!seen.ok) return tell(ctx, client, where.slackUserId, where.channel, `🚫 ${seen.reason}`);
      if (doc.status !== 'approved') return tell(ctx, client, where.slackUserId, where.channel, `🚫 ${doc.reference} is ${doc.status}; only an approved document can be marked paid.`);
      // Today in the person's own time zone.
      const today = isoDay(new Date(Date.now() + person.tzOffsetMinutes * 60_000));
      await client.views.open({ trigger_id: where.triggerId, view: markPaidModal(doc.reference, docTitle(doc), today, { d: doc.id }) });
    });
  };
}
