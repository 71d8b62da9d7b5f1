// Buttons that open a modal: Edit (fields), Fix and resubmit, Reject (reason), Code (lines).
// The modal opens at once (trigger_ids live 3 s) once the person may see the document (a
// forwarded or forged button must not show its fields); the workflow checks the person's right
// to change it when the modal is submitted.
import type { BotContext } from '../../context';
import { loadDoc } from '../../document-data';
import { guarded, tell, whereOf } from '../../interaction';
import { mayViewDocument } from '../../../client/queries';
import { suggestCoding } from '../../../client/coding-suggestions';
import { codeLists } from '../../code-lists';
import { parseStepValue } from '../../values';
import { codingModal, fieldsModal, rejectModal, type ModalMeta } from '../../views/modals';
import type { ButtonHandler } from './types';

type Which = 'edit' | 'resubmit' | 'reject' | 'coding';

export function openModal(ctx: BotContext, which: Which): ButtonHandler {
  return async ({ ack, body, action, client }) => {
    await ack();
    const where = whereOf(body);
    await guarded(ctx, client, where, 'open the form', async () => {
      const ref = parseStepValue(action.value);
      const doc = ref ? await loadDoc(ctx, ref.d) : null;
      if (!ref || !doc || !where.triggerId) return tell(ctx, client, where.slackUserId, where.channel, 'That document no longer exists.');
      const person = await ctx.people.ensure(client, where.slackUserId);
      const seen = await mayViewDocument(ctx.db, ctx.workspaceId, person.id, doc.id);
      if (!seen.ok) return tell(ctx, client, where.slackUserId, where.channel, `🚫 ${seen.reason}`);
      const meta: ModalMeta = { d: doc.id, ...(ref.r !== undefined ? { r: ref.r } : {}), ...(ref.s !== undefined ? { s: ref.s } : {}), ...(where.channel ? { c: where.channel } : {}), ...(where.messageTs ? { t: where.messageTs } : {}) };
      let view;
      if (which === 'edit' || which === 'resubmit') view = fieldsModal(doc, meta, which);
      else if (which === 'reject') view = rejectModal(doc.reference, meta);
      else {
        const lists = await codeLists(ctx);
        // Pre-filled from the supplier's rule, its last approved document or the e-invoice.
        const suggestion = doc.coding.length > 0 ? null : await suggestCoding(ctx.db, { ...doc, workspaceId: ctx.workspaceId });
        view = codingModal(doc, lists, meta, suggestion);
      }
      await client.views.open({ trigger_id: where.triggerId, view });
    });
  };
}
