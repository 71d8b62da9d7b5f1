// Postings for the ledger: the approved documents of a period (by approval date, in the
// workspace's time zone) as balanced journal entries, in the format the ledger imports. The
// file is made and checked in memory first (balances, required columns, UTF-8), written only
// when it passes, and only then are its documents marked exported (with "postings_exported" in
// each document's history): a second export of the period adds nothing unless `again`.
import { rename, writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import type { Db } from '../../data/db';
import { newId } from '../../data/ids';
import { permission } from '../../client/actors';
import { done, refused, type Outcome } from '../../client/result';
import { DEFAULT_POSTING_ACCOUNTS, documentPostingProblem, journalEntry, postingProblems, type JournalEntry, type PostingAccounts } from '../../domain/postings';
import { parsePeriod } from '../period';
import { fillTable, openTable, type Column } from '../table';
import type { JournalLine } from '../../domain/postings';
import { eeProblems, renderEe } from './ee-einvoice';
import { fecProblems, renderFec } from './fec';
import { loadPostingDocuments } from './load';
import { renderXero, xeroProblems } from './xero';

export const POSTINGS_FORMATS = ['csv', 'xlsx', 'fec', 'xero', 'ee'] as const;
export type PostingsFormat = (typeof POSTINGS_FORMATS)[number];

export interface PostingsParams {
  workspaceId: string;
  from: string;
  to: string;
  format: PostingsFormat;
  /** Include documents already exported (and mark them again). */
  again?: boolean;
  /** FEC only: `|` instead of a tab. */
  pipe?: boolean;
  accounts?: Partial<PostingAccounts>;
  /** Who exports (null from the operator's CLI). */
  actorId?: string | null;
  /** EE e-invoice: the buyer (the company); defaults to the workspace's name and id. */
  company?: { name: string; regNumber: string };
}

export interface PostingsResult {
  documents: number;
  lines: number;
  skipped: string[];
}

export function postingsFileName(format: PostingsFormat, from: string, to: string): string {
  if (format === 'fec') return `FEC-${from.replaceAll('-', '')}-${to.replaceAll('-', '')}.txt`;
  const ext = format === 'ee' ? 'xml' : format === 'xlsx' ? 'xlsx' : 'csv';
  return `postings-${format === 'csv' || format === 'xlsx' ? '' : `${format}-`}${from}-${to}.${ext}`;
}

export const POSTING_COLUMNS: readonly Column<JournalLine & { currency: string; supplier: string | null; invoiceNumber: string | null; issueDate: string | null; dueDate: string | null; fileLink: string | null }>[] = [
  { header: 'Entry', type: 'integer', value: (r) => r.entryNo },
  { header: 'Reference', type: 'text', value: (r) => r.reference },
  { header: 'Date', type: 'text', value: (r) => r.date },
  { header: 'Account', type: 'text', value: (r) => r.account },
  { header: 'Account name', type: 'text', width: 24, value: (r) => r.accountLabel },
  { header: 'Debit', type: 'amount', value: (r) => r.debit },
  { header: 'Credit', type: 'amount', value: (r) => r.credit },
  { header: 'Currency', type: 'text', value: (r) => r.currency },
  { header: 'VAT code', type: 'text', value: (r) => r.vatCode },
  { header: 'Cost centre', type: 'text', value: (r) => r.costCentre },
  { header: 'Project', type: 'text', value: (r) => r.project },
  { header: 'Partner code', type: 'text', value: (r) => r.auxCode },
  { header: 'Partner', type: 'text', width: 24, value: (r) => r.auxLabel },
  { header: 'Description', type: 'text', width: 32, value: (r) => r.description },
  { header: 'Supplier', type: 'text', width: 24, value: (r) => r.supplier },
  { header: 'Invoice number', type: 'text', value: (r) => r.invoiceNumber },
  { header: 'Issue date', type: 'text', value: (r) => r.issueDate },
  { header: 'Due date', type: 'text', value: (r) => r.dueDate },
  { header: 'File', type: 'text', width: 40, value: (r) => r.fileLink },
  { header: 'Document ID', type: 'text', width: 26, value: (r) => r.documentId },
];

/** Slack and people: checks the right to export data first. */
export async function exportPostings(db: Db, p: PostingsParams & { actorId: string }, out: string | Writable): Promise<Outcome<PostingsResult>> {
  const may = await permission(db, p.workspaceId, p.actorId, 'export data');
  if (!may.ok) return refused(may.reason);
  return writePostingsExport(db, p, out);
}

export async function writePostingsExport(db: Db, p: PostingsParams, out: string | Writable): Promise<Outcome<PostingsResult>> {
  if (!POSTINGS_FORMATS.includes(p.format)) return refused(`"${p.format}" is not a postings format (${POSTINGS_FORMATS.join(', ')}).`);
  const ws = await db.workspace.findUnique({ where: { id: p.workspaceId }, select: { name: true, timeZone: true } });
  if (!ws) return refused(`There is no workspace ${p.workspaceId}.`);
  const parsed = parsePeriod(p.from, p.to, ws.timeZone);
  if (!parsed.ok) return refused(parsed.reason);
  const accounts = { ...DEFAULT_POSTING_ACCOUNTS, ...(p.accounts ?? {}) };
  const docs = await loadPostingDocuments(db, { workspaceId: p.workspaceId, period: parsed.period, again: p.again === true });
  const skipped: string[] = [];
  const entries: JournalEntry[] = [];
  for (const d of docs) {
    const problem = documentPostingProblem(d) ?? (p.format === 'fec' && d.currency !== 'EUR' ? `${d.reference} is in ${d.currency}: a FEC is kept in euros (convert it in the ledger).` : null);
    if (problem) skipped.push(problem);
    else entries.push(journalEntry(d, entries.length + 1, accounts));
  }
  const what = `${p.again ? '' : 'not yet exported '}approved documents from ${parsed.period.from} to ${parsed.period.to}`;
  if (entries.length === 0) return refused(`There are no ${what}${skipped.length ? ` that can be posted (${skipped.join(' ')})` : ''}.${p.again ? '' : ' Add "again" to export documents already exported.'}`);
  const balance = postingProblems(entries);
  if (balance.length > 0) return refused(`The postings do not balance, nothing was written: ${balance.join(' ')}`);

  const lines = entries.reduce((n, e) => n + e.lines.length, 0);
  if (p.format === 'csv' || p.format === 'xlsx') {
    const table = openTable(p.format, POSTING_COLUMNS, out, 'Postings');
    await fillTable(table, async () => {
      await table.write(entries.flatMap((e) => e.lines.map((l) => ({ ...l, currency: e.doc.currency, supplier: e.doc.supplierName, invoiceNumber: e.doc.invoiceNumber, issueDate: e.doc.issueDate, dueDate: e.doc.dueDate, fileLink: e.doc.fileLink }))));
    });
  } else {
    const sep = p.pipe ? '|' : '\t';
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: ws.timeZone }).format(new Date());
    const text = p.format === 'fec' ? renderFec(entries, sep) : p.format === 'xero' ? renderXero(entries) : renderEe(entries, p.company ?? { name: ws.name, regNumber: p.workspaceId }, today);
    const problems = [...(Buffer.from(text, 'utf8').toString('utf8') === text ? [] : ['The file is not valid UTF-8.']), ...(p.format === 'fec' ? fecProblems(text, sep) : p.format === 'xero' ? xeroProblems(text) : eeProblems(text))];
    if (problems.length > 0) return refused(`The ${p.format.toUpperCase()} file failed its check, nothing was written: ${problems.slice(0, 5).join(' ')}`);
    await writeOut(out, text);
  }
  await markExported(db, p, entries, parsed.period.from, parsed.period.to);
  return done({ documents: entries.length, lines, skipped }, `${entries.length} documents (${lines} journal lines) from ${parsed.period.from} to ${parsed.period.to} exported as ${p.format.toUpperCase()}.${skipped.length ? ` Left out: ${skipped.join(' ')}` : ''}`);
}

async function writeOut(out: string | Writable, text: string): Promise<void> {
  if (typeof out !== 'string') {
    await new Promise<void>((resolve, reject) => out.end(text, (err?: Error | null) => (err ? reject(err) : resolve())));
    return;
  }
  // A temporary file renamed into place: a reader never sees half a file.
  const tmp = `${out}.${process.pid}.tmp`;
  await writeFile(tmp, text, 'utf8');
  await rename(tmp, out);
}

async function markExported(db: Db, p: PostingsParams, entries: JournalEntry[], from: string, to: string): Promise<void> {
  const exportId = newId('pex');
  const actorId = p.actorId ?? null;
  for (const e of entries) {
    await db.$transaction([
      db.postingExportMark.upsert({
        where: { documentId: e.doc.id },
        create: { documentId: e.doc.id, workspaceId: p.workspaceId, exportedById: actorId, format: p.format },
        update: { exportedAt: new Date(), exportedById: actorId, format: p.format },
      }),
      db.auditEvent.create({
        data: {
          idempotencyKey: `postings:${exportId}:${e.doc.id}`,
          workspaceId: p.workspaceId,
          documentId: e.doc.id,
          actorId,
          action: 'postings_exported',
          details: { format: p.format, again: p.again === true, from, to, entryNo: e.entryNo },
        },
      }),
    ]);
  }
}
