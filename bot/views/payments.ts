// Payments in Slack: the App Home section "Approved invoices to pay" (Mark paid for payment
// managers, read-only for auditors and administrators) and the Mark paid modal.
import type { ModalView } from '@slack/types';
import type { PayableItem } from '../../payments';
import { stepValue } from '../values';
import { button, clip, context, esc, section, type Block } from './blocks';
import { historyButton } from './history';
import { money } from './document';

export const PAY_ACTION = 'pay_mark';
export const MARK_PAID_CALLBACK = 'mark_paid';

export function payableLine(item: PayableItem): string {
  const bits = [
    `*${item.reference}*`,
    item.supplierName ? esc(item.supplierName) : null,
    item.invoiceNumber ? `invoice ${esc(item.invoiceNumber)}` : null,
    `*${money(item.totalAmount, item.currency)}*`,
    item.dueDate ? `due ${item.dueDate}` : 'no due date',
  ].filter(Boolean);
  const notes = [item.paymentBatch ? `in payment batch ${item.paymentBatch.seq}` : null, item.sepaProblems.length > 0 ? `⚠️ not payable by SEPA: ${esc(item.sepaProblems.join('; '))}` : null].filter(Boolean);
  return clip(`${bits.join(' · ')}${notes.length ? `\n${notes.join(' · ')}` : ''}`, 2900);
}

/** The Home section, at most `maxItems` invoices (Slack's 100-block Home limit). */
export function payableBlocks(items: PayableItem[], canMark: boolean, maxItems: number): Block[] {
  const blocks: Block[] = [section(`*Approved invoices to pay*${canMark ? '' : ' (read-only)'}`)];
  if (items.length === 0) blocks.push(context('No approved invoices are waiting for payment.'));
  for (const item of items.slice(0, maxItems)) {
    blocks.push({ ...section(payableLine(item)), accessory: canMark ? button('Mark paid', PAY_ACTION, stepValue({ d: item.documentId }), 'primary') : historyButton(item.documentId) });
  }
  if (items.length > maxItems) blocks.push(context(`…and ${items.length - maxItems} more: /countersign export payments makes a batch of them all.`));
  else if (canMark && items.length > 0) blocks.push(context('A payment batch with its CSV and SEPA file: /countersign export payments [from YYYY-MM-DD to YYYY-MM-DD]'));
  return blocks;
}

export interface MarkPaidMeta {
  d: string;
}

export function markPaidModal(reference: string, summary: string, today: string, meta: MarkPaidMeta): ModalView {
  return {
    type: 'modal',
    callback_id: MARK_PAID_CALLBACK,
    private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text', text: clip(`Pay ${reference}`, 24) },
    submit: { type: 'plain_text', text: 'Mark paid' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      section(summary),
      { type: 'input', block_id: 'paidOn', label: { type: 'plain_text', text: 'Paid on' }, element: { type: 'datepicker', action_id: 'v', initial_date: today } },
      {
        type: 'input',
        block_id: 'reference',
        optional: true,
        label: { type: 'plain_text', text: 'Payment reference' },
        hint: { type: 'plain_text', text: 'The bank’s reference, if any (at most 140 characters).' },
        element: { type: 'plain_text_input', action_id: 'v', max_length: 140 },
      },
    ],
  };
}
