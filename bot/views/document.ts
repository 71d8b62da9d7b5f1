// The summary of a document every message shows: what it is, from whom, the amounts and
// dates, the file, and warnings (possible duplicate, unreadable file).
import { historyButton } from './history';
import { formatAmount } from '../../domain';
import type { DocInfo } from '../document-data';
import { context, esc, section, type Block } from './blocks';
import { KIND_LABEL } from './labels';

export function money(amount: string | null, currency: string | null): string {
  if (!amount) return '—';
  try {
    return formatAmount(amount, currency ?? '');
  } catch {
    return amount;
  }
}

export function docTitle(doc: DocInfo): string {
  const who = doc.supplierName ? ` · ${esc(doc.supplierName)}` : '';
  return `*${doc.reference}* · ${KIND_LABEL[doc.kind]}${who} · *${money(doc.totalAmount, doc.currency)}*`;
}

/** One line for lists (App Home, status). */
export function docLine(doc: { reference: string; kind: DocInfo['kind']; supplierName: string | null; totalAmount: string | null; currency: string | null }): string {
  const who = doc.supplierName ? ` · ${esc(doc.supplierName)}` : '';
  return `*${doc.reference}* · ${KIND_LABEL[doc.kind]}${who} · ${money(doc.totalAmount, doc.currency)}`;
}

export function fileText(doc: DocInfo): string {
  if (!doc.fileName) return '';
  return doc.permalink ? `📎 <${doc.permalink}|${esc(doc.fileName)}>` : `📎 ${esc(doc.fileName)}`;
}

const READ_BY: Record<string, string> = { einvoice: 'read from the e-invoice', text: 'read from the text', ocr: 'read by OCR' };

/** Field names as the summary shows them, for the "please check" line. */
const FIELD_LABEL: Record<string, string> = {
  supplierName: 'supplier',
  invoiceNumber: 'invoice no.',
  issueDate: 'issue date',
  dueDate: 'due date',
  currency: 'currency',
  netAmount: 'net',
  vatAmount: 'VAT',
  totalAmount: 'total',
  supplierVatNo: 'VAT no.',
  iban: 'IBAN',
};

/** "📄 Read from the e-invoice", plus the uncertain fields a person should check. */
function readingNote(doc: DocInfo): string {
  if (!doc.readBy) return '';
  const how = READ_BY[doc.readBy] ?? `read (${doc.readBy})`;
  const check = doc.toCheck.map((k) => FIELD_LABEL[k]).filter(Boolean);
  return `📄 ${how[0]!.toUpperCase()}${how.slice(1)}${check.length ? ` · ⚠️ please check: ${check.join(', ')}` : ''}`;
}

export function summaryBlocks(doc: DocInfo, submitter: string): Block[] {
  const fields: string[] = [];
  const add = (label: string, value: string | null | undefined, key?: string) => {
    if (value) fields.push(`*${label}*${key && doc.toCheck.includes(key) ? ' ⚠️ _check_' : ''}\n${esc(value)}`);
  };
  add('Supplier', doc.supplierName, 'supplierName');
  add('Invoice no.', doc.invoiceNumber, 'invoiceNumber');
  add('Issue date', doc.issueDate, 'issueDate');
  add('Due date', doc.dueDate, 'dueDate');
  if (doc.netAmount) add('Net', money(doc.netAmount, doc.currency), 'netAmount');
  if (doc.vatAmount) add('VAT', `${money(doc.vatAmount, doc.currency)}${doc.vatRate ? ` (${doc.vatRate.replace(/\.?0+$/, '')} %)` : ''}`, 'vatAmount');
  add('VAT no.', doc.supplierVatNo, 'supplierVatNo');
  add('IBAN', doc.iban, 'iban');
  add('Cost centre', doc.costCentre);
  add('Description', doc.description);
  // History sits beside the title (an accessory), apart from the step's action buttons.
  const blocks: Block[] = [{ ...section(`${docTitle(doc)}\nSubmitted by ${submitter}`, fields), accessory: historyButton(doc.id) }];
  const notes = [fileText(doc), readingNote(doc)];
  if (doc.duplicateOf) notes.push(`⚠️ Possible duplicate of *${doc.duplicateOf}* (same file or same supplier and invoice number)`);
  if (doc.extractionError) notes.push(`⚠️ I could not read the file (${esc(doc.extractionError)}): please fill in the fields with *Edit*`);
  for (const w of doc.warnings.slice(0, 3)) notes.push(`ℹ️ ${esc(w)}`);
  if (notes.some(Boolean)) blocks.push(context(...notes.filter(Boolean)));
  return blocks;
}

export function codingText(doc: DocInfo): string {
  if (doc.coding.length === 0) return '_No coding lines yet._';
  const lines = doc.coding.map(
    (l, i) =>
      `${i + 1}. account *${esc(l.account)}* · VAT *${esc(l.vatCode)}*${l.costCentre ? ` · cost centre ${esc(l.costCentre)}` : ''}${l.project ? ` · project ${esc(l.project)}` : ''} · ${money(l.amount, doc.currency)}`,
  );
  return `*Coding*\n${lines.join('\n')}`;
}
