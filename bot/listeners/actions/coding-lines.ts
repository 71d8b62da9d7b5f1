// Buttons inside the coding form: "Add line" shows one more line, "Update totals" the running
// difference to the total and each line's VAT. Both keep what was typed (views.update with the
// view's hash, so a stale update never overwrites a newer one).
import type { BlockAction, ButtonAction, SlackActionMiddlewareArgs, AllMiddlewareArgs } from '@slack/bolt';
import type { BotContext } from '../../context';
import { codeLists } from '../../code-lists';
import { loadDoc } from '../../document-data';
import { codingSummary, rawCodingLines } from '../../forms';
import { CODING_MAX_LINES, codingLinesView, type CodingMeta } from '../../views/coding-modal';

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export function codingLinesButton(ctx: BotContext, which: 'add' | 'recalc') {
  return async ({ ack, body, client }: Args): Promise<void> => {
    await ack();
    const view = body.view;
    if (!view) return;
    let meta: CodingMeta;
    try {
      meta = JSON.parse(view.private_metadata) as CodingMeta;
    } catch {
      return;
    }
    const doc = await loadDoc(ctx, meta.d);
    if (!doc) return;
    const lists = await codeLists(ctx);
    const lines = rawCodingLines(view.state.values as never);
    const n = Math.min(CODING_MAX_LINES, which === 'add' ? Math.max(meta.n ?? 0, lines.length) + 1 : (meta.n ?? lines.length));
    const summary = codingSummary(lines, doc.totalAmount, lists.vat);
    const next = codingLinesView(doc, lists, { ...meta, n }, { lines, summary });
    await client.views.update({ view_id: view.id, hash: view.hash, view: next }).catch((err: unknown) => ctx.log.warn({ err: String(err) }, 'coding form update failed'));
  };
}
