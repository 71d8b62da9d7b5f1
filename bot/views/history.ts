// A document's history for people (client/history.ts documentHistory): who created it and
// when, who changed it last and when, then every event as one sentence. Shown as blocks in an
// ephemeral reply (≤ 50 blocks) or in a modal (≤ 100 blocks); sections are packed to stay under
// 3000 characters, and what does not fit is counted with a pointer to the audit export.
import type { ModalView } from '@slack/types';
import type { DocumentHistory, HistoryEntry } from '../../client/history';
import { stepValue } from '../values';
import { button, clip, context, esc, section, slackDate, type Block } from './blocks';
import { STATUS_LABEL } from './labels';

export const HISTORY_ACTION = 'doc_history';

const SECTION_CHARS = 2900;
/** Block budgets: Slack allows 50 in a message and 100 in a modal; keep room for the head and the tail. */
export const MESSAGE_BLOCKS = 50;
export const MODAL_BLOCKS = 100;

export function historyButton(documentId: string) {
  return button('History', HISTORY_ACTION, stepValue({ d: documentId }));
}

export function entryLine(e: HistoryEntry): string {
  return clip(`• ${slackDate(e.at)} ${esc(e.text)}`, SECTION_CHARS);
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The command that exports every entry of this document's life. */
export function auditExportHint(h: DocumentHistory, now = new Date()): string {
  return `/countersign export audit from ${isoDay(h.createdAt)} to ${isoDay(now)}`;
}

export function historyHead(h: DocumentHistory, createdBy: string, lastChangedBy: string): string {
  const status = STATUS_LABEL[h.status as keyof typeof STATUS_LABEL] ?? h.status;
  return `*History of ${h.reference}* · status *${status}*\nCreated by ${createdBy} ${slackDate(h.createdAt)} · last changed by ${lastChangedBy} ${slackDate(h.lastChangedAt)}`;
}

/**
 * Head + entries packed into sections, never more than `maxBlocks` blocks; when entries are
 * left out the last block says how many and how to get them all.
 */
export function historyBlocks(h: DocumentHistory, head: string, maxBlocks: number, now = new Date()): Block[] {
  const blocks: Block[] = [section(head)];
  if (h.entries.length === 0) {
    blocks.push(context('No events recorded yet.'));
    return blocks;
  }
  const budget = maxBlocks - 2; // the head and a possible "more" line
  let cur = '';
  let shown = 0;
  let pending = 0;
  for (const e of h.entries) {
    const line = entryLine(e);
    if (cur && cur.length + line.length + 1 > SECTION_CHARS) {
      if (blocks.length >= budget + 1) break;
      blocks.push(section(cur));
      shown += pending;
      pending = 0;
      cur = '';
    }
    cur = cur ? `${cur}\n${line}` : line;
    pending++;
  }
  if (cur && blocks.length < budget + 1) {
    blocks.push(section(cur));
    shown += pending;
  }
  const more = h.entries.length - shown;
  if (more > 0) blocks.push(context(`… ${more} more; export the audit log for all: \`${auditExportHint(h, now)}\``));
  return blocks;
}

export function historyModal(h: DocumentHistory, head: string): ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: clip(`History ${h.reference}`, 24) },
    close: { type: 'plain_text', text: 'Close' },
    blocks: historyBlocks(h, head, MODAL_BLOCKS),
  };
}
