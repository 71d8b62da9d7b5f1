// The coding form: any number of lines (one more with "Add line", up to what Slack's 100
// blocks allow), each an account, VAT code, cost centre, project and an amount or a percentage
// of the total. It opens pre-filled (the document's coding, else the supplier's rule or last
// approved document, else the e-invoice's VAT rates) and says where that came from. "Update
// totals" shows the running difference to the total and each line's VAT from its code.
import type { ActionsBlock, InputBlock, ModalView, PlainTextOption } from '@slack/types';
import type { DocInfo } from '../document-data';
import { actions, button, clip, context, section, type Block } from './blocks';
import { money } from './document';
import { describeSource, type CodingLine, type CodingSuggestion } from '../../domain';

export interface CodeLists {
  account: { code: string; label: string }[];
  vat: { code: string; label: string; rate?: string | null }[];
  cost_centre: { code: string; label: string }[];
  project: { code: string; label: string }[];
}

/** Five input blocks a line; the rest of the 100 go to the intro, summary, buttons and footer. */
export const CODING_MAX_LINES = 19;
export const CODING_MIN_LINES = 3;
export const CODING_ACTIONS = { addLine: 'coding_add_line', recalc: 'coding_recalc' } as const;

export interface CodingMeta {
  d: string;
  r?: number;
  s?: number;
  c?: string;
  t?: string;
  /** Lines shown. */
  n?: number;
}

/** Typed values of a line as the form holds them (strings; amount may be "25%"). */
export interface RawLine {
  account?: string | null;
  vatCode?: string | null;
  costCentre?: string | null;
  project?: string | null;
  amount?: string | null;
}

function input(blockId: string, label: string, initial: string | null, optional: boolean, placeholder?: string): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional,
    label: { type: 'plain_text', text: clip(label, 2000) },
    element: { type: 'plain_text_input', action_id: 'v', ...(initial ? { initial_value: initial } : {}), ...(placeholder ? { placeholder: { type: 'plain_text', text: placeholder } } : {}) },
  };
}

function codeInput(blockId: string, label: string, list: { code: string; label: string }[], initial: string | null, optional: boolean): InputBlock {
  if (list.length === 0) return input(blockId, label, initial, optional);
  const options: PlainTextOption[] = list.slice(0, 100).map((c) => ({ text: { type: 'plain_text', text: clip(`${c.code} · ${c.label}`, 75) }, value: c.code }));
  const initialOption = initial ? options.find((o) => o.value === initial) : undefined;
  return {
    type: 'input',
    block_id: blockId,
    optional,
    label: { type: 'plain_text', text: label },
    element: { type: 'static_select', action_id: 'v', options, ...(initialOption ? { initial_option: initialOption } : {}), placeholder: { type: 'plain_text', text: 'Choose' } },
  };
}

export function codingLinesView(
  doc: Pick<DocInfo, 'id' | 'reference' | 'totalAmount' | 'currency'>,
  lists: CodeLists,
  meta: CodingMeta,
  p: { lines: RawLine[]; note?: string | null; summary?: string | null },
): ModalView {
  const n = Math.min(CODING_MAX_LINES, Math.max(CODING_MIN_LINES, meta.n ?? 0, p.lines.length + (p.lines.length >= CODING_MIN_LINES ? 0 : 1)));
  const intro = `Split *${money(doc.totalAmount, doc.currency)}* over as many lines as you need (up to ${CODING_MAX_LINES}). Give each line an amount or a percentage of the total (e.g. \`25%\`); the lines must add up to the total.`;
  const blocks: Block[] = [section(intro)];
  if (p.note) blocks.push(context(`💡 ${p.note}`));
  for (let i = 1; i <= n; i++) {
    const line = p.lines[i - 1];
    const first = i === 1;
    const tag = `Line ${i}${first ? '' : ' (optional)'} · `;
    blocks.push(
      codeInput(`l${i}_account`, `${tag}GL account`, lists.account, line?.account ?? null, !first),
      codeInput(`l${i}_vat`, `Line ${i} · VAT code`, lists.vat, line?.vatCode ?? null, !first),
      codeInput(`l${i}_cc`, `Line ${i} · Cost centre`, lists.cost_centre, line?.costCentre ?? null, true),
      codeInput(`l${i}_project`, `Line ${i} · Project`, lists.project, line?.project ?? null, true),
      input(`l${i}_amount`, `Line ${i} · Amount or %`, line?.amount ?? null, !first, '0.00 or 25%'),
    );
  }
  if (p.summary) blocks.push(section(p.summary));
  const buttons = [button('Update totals', CODING_ACTIONS.recalc, doc.id)];
  if (n < CODING_MAX_LINES) buttons.unshift(button('➕ Add line', CODING_ACTIONS.addLine, doc.id));
  blocks.push(actions('coding_buttons', ...buttons) as ActionsBlock);
  blocks.push(context('Code lists are kept by administrators: /countersign codes list'));
  return {
    type: 'modal',
    callback_id: 'coding',
    private_metadata: JSON.stringify({ ...meta, n }),
    title: { type: 'plain_text', text: clip(`Code ${doc.reference}`, 24) },
    submit: { type: 'plain_text', text: 'Save coding' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

/** The form as it opens: the document's coding, else the suggestion (with where it came from). */
export function codingModal(doc: DocInfo, lists: CodeLists, meta: CodingMeta, suggestion: CodingSuggestion | null = null): ModalView {
  const fromDoc: CodingLine[] = doc.coding;
  const lines: RawLine[] = fromDoc.length > 0 ? fromDoc : (suggestion?.lines.map((l) => ({ ...l, account: l.account || null, vatCode: l.vatCode || null })) ?? []);
  if (lines.length === 0 && doc.totalAmount) lines.push({ amount: doc.totalAmount });
  const note = fromDoc.length === 0 && suggestion ? `${describeSource(suggestion.source)} Check it and save: one click.` : null;
  return codingLinesView(doc, lists, meta, { lines: lines.slice(0, CODING_MAX_LINES), note });
}
