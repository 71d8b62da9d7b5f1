// Modals: correct the extracted fields (also the Fix and resubmit path), the rejection
// reason, and the coding form with several lines.
import type { InputBlock, ModalView } from '@slack/types';
import type { DocInfo } from '../document-data';
import { clip, esc, section, type Block } from './blocks';

export const CALLBACKS = { editFields: 'edit_fields', resubmit: 'resubmit_fields', reject: 'reject_reason', coding: 'coding' } as const;

export interface ModalMeta {
  d: string;
  r?: number;
  s?: number;
  /** Channel and ts of the message the modal was opened from, to update it afterwards. */
  c?: string;
  t?: string;
}

export const plain = (text: string) => ({ type: 'plain_text' as const, text: clip(text, 24) });

function textInput(blockId: string, label: string, initial: string | null, opts: { optional?: boolean; multiline?: boolean; hint?: string; placeholder?: string } = {}): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: opts.optional ?? true,
    label: { type: 'plain_text', text: label },
    ...(opts.hint ? { hint: { type: 'plain_text', text: opts.hint } } : {}),
    element: {
      type: 'plain_text_input',
      action_id: 'v',
      ...(opts.multiline ? { multiline: true } : {}),
      ...(initial ? { initial_value: initial } : {}),
      ...(opts.placeholder ? { placeholder: { type: 'plain_text', text: opts.placeholder } } : {}),
    },
  };
}

function dateInput(blockId: string, label: string, initial: string | null): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: true,
    label: { type: 'plain_text', text: label },
    element: { type: 'datepicker', action_id: 'v', ...(initial && /^\d{4}-\d{2}-\d{2}$/.test(initial) ? { initial_date: initial } : {}) },
  };
}

/** Block ids of the field form: the EditableFields names. */
export const FIELD_BLOCKS = ['supplierName', 'invoiceNumber', 'supplierVatNo', 'issueDate', 'dueDate', 'currency', 'netAmount', 'vatAmount', 'vatRate', 'totalAmount', 'iban', 'description'] as const;

export function fieldsModal(doc: DocInfo, meta: ModalMeta, mode: 'edit' | 'resubmit'): ModalView {
  const blocks: Block[] = [];
  if (mode === 'resubmit' && doc.rejectReason) blocks.push(section(`*Rejected:* ${esc(doc.rejectReason)}`));
  blocks.push(
    textInput('supplierName', 'Supplier', doc.supplierName),
    textInput('invoiceNumber', 'Invoice / receipt number', doc.invoiceNumber),
    textInput('supplierVatNo', 'Supplier VAT number', doc.supplierVatNo),
    dateInput('issueDate', 'Issue date', doc.issueDate),
    dateInput('dueDate', 'Due date', doc.dueDate),
    textInput('currency', 'Currency', doc.currency ?? 'EUR', { optional: false, hint: 'ISO code, e.g. EUR, USD, GBP' }),
    textInput('netAmount', 'Net amount', doc.netAmount, { placeholder: '1234.50' }),
    textInput('vatAmount', 'VAT amount', doc.vatAmount),
    textInput('vatRate', 'VAT rate (%)', doc.vatRate ? doc.vatRate.replace(/\.?0+$/, '') : null),
    textInput('totalAmount', 'Total amount', doc.totalAmount, { optional: false, placeholder: '1234.50' }),
    textInput('iban', 'IBAN', doc.iban),
    textInput('description', 'Description', doc.description, { multiline: true }),
  );
  return {
    type: 'modal',
    callback_id: mode === 'edit' ? CALLBACKS.editFields : CALLBACKS.resubmit,
    private_metadata: JSON.stringify(meta),
    title: plain(mode === 'edit' ? `Edit ${doc.reference}` : `Fix ${doc.reference}`),
    submit: plain(mode === 'edit' ? 'Save' : 'Resubmit'),
    close: plain('Cancel'),
    blocks,
  };
}

export function rejectModal(reference: string, meta: ModalMeta): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACKS.reject,
    private_metadata: JSON.stringify(meta),
    title: plain(`Reject ${reference}`),
    submit: plain('Reject'),
    close: plain('Cancel'),
    blocks: [
      section(`The document goes back for correction with your reason.`),
      textInput('reason', 'Reason', null, { optional: false, multiline: true, placeholder: 'What is wrong, what should be corrected?' }),
    ],
  };
}

export { codingModal, CODING_MAX_LINES, type CodeLists } from './coding-modal';
