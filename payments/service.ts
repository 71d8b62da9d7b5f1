// After approval: the payment manager sees what is payable, puts invoices in a payment batch,
// gets the batch file for the bank (CSV, XLSX, or SEPA pain.001.001.03 XML) and marks documents
// paid. Auditors and administrators may look and export; only a payment manager changes
// anything, and never one who is also an auditor. Every change is an audit event.
import type { Db } from '../data/db';
import { decimalString } from '../data/mappers';
import { newId } from '../data/ids';
import { addAmounts, isIsoDate, type Actor, type Role } from '../domain';
import type { Prisma } from '../generated/prisma/client';
import { actorWithAnyRole, PAYMENT_EXPORT_REFUSED, PAYMENT_EXPORT_ROLES } from '../exports/access';
import { ibanProblem, isValidBic, normalizeIban } from '../domain/iban';
import { buildPain001, transferProblems, validatePain001, type SepaTransfer } from './sepa';
import { isoDay, openDestination, openTable, type Column, type Destination } from '../exports/table';
import { loadActor, ADMIN_ONLY } from '../client/actors';
import { documentReference } from '../client/engine';
import { done, refused, type Outcome } from '../client/result';
import { auditConfig } from '../client/workspace-audit';

export const PAYMENT_READ_ROLES: readonly Role[] = ['payment_manager', 'admin', 'auditor'];
const READ_REFUSED = 'Only a payment manager, an administrator or an auditor can see payments.';
const AUDITOR_READ_ONLY = 'Auditors have read-only access: they cannot change payments.';
const PAYMENT_MANAGER_ONLY = 'Only a payment manager can do that.';

export type BatchFormat = 'sepa' | 'csv';
export type PaymentFileFormat = 'pain001' | 'csv' | 'xlsx';

export interface PayableItem {
  documentId: string;
  reference: string;
  kind: string;
  supplierName: string | null;
  invoiceNumber: string | null;
  totalAmount: string | null;
  currency: string | null;
  iban: string | null;
  dueDate: string | null;
  approvedAt: Date | null;
  paymentBatch: { id: string; seq: number } | null;
  /** Why the invoice cannot go into a SEPA batch as it is (empty: it can). */
  sepaProblems: string[];
}

export interface PaymentBatchView {
  id: string;
  seq: number;
  format: BatchFormat;
  createdAt: Date;
  createdById: string;
  executionDate: string;
  fromDate: string | null;
  toDate: string | null;
  count: number;
  total: string;
  currency: string | null;
  documents: PayableItem[];
}

export interface SkippedInvoice {
  documentId: string;
  reference: string;
  reason: string;
}

type DocRow = Prisma.DocumentGetPayload<{ include: { paymentBatch: { select: { id: true; seq: true } } } }>;

function toTransfer(d: Pick<DocRow, 'seq' | 'totalAmount' | 'currency' | 'supplierName' | 'iban' | 'invoiceNumber'>): SepaTransfer {
  return {
    endToEndId: documentReference(d.seq),
    amount: decimalString(d.totalAmount) ?? '',
    currency: d.currency ?? '',
    creditorName: d.supplierName ?? '',
    creditorIban: d.iban ? normalizeIban(d.iban) : '',
    remittance: d.invoiceNumber ?? documentReference(d.seq),
  };
}

function payable(d: DocRow): PayableItem {
  return {
    documentId: d.id,
    reference: documentReference(d.seq),
    kind: d.kind,
    supplierName: d.supplierName,
    invoiceNumber: d.invoiceNumber,
    totalAmount: decimalString(d.totalAmount),
    currency: d.currency,
    iban: d.iban,
    dueDate: d.dueDate,
    approvedAt: d.decidedAt,
    paymentBatch: d.paymentBatch ? { id: d.paymentBatch.id, seq: d.paymentBatch.seq } : null,
    sepaProblems: transferProblems(toTransfer(d)),
  };
}

/** "DOC-3 (invoice INV-9, Acme OÜ)" for reasons people read. */
function label(d: Pick<DocRow, 'seq' | 'invoiceNumber' | 'supplierName'>): string {
  const bits = [d.invoiceNumber ? `invoice ${d.invoiceNumber}` : null, d.supplierName].filter(Boolean);
  return `${documentReference(d.seq)}${bits.length ? ` (${bits.join(', ')})` : ''}`;
}

async function paymentManager(db: Db, workspaceId: string, actorId: string): Promise<{ ok: true; actor: Actor } | { ok: false; reason: string }> {
  const actor = await loadActor(db, workspaceId, actorId);
  if (actor?.roles.includes('auditor')) return { ok: false, reason: AUDITOR_READ_ONLY };
  if (!actor?.roles.includes('payment_manager')) return { ok: false, reason: PAYMENT_MANAGER_ONLY };
  return { ok: true, actor };
}

const todayUtc = (now = new Date()) => isoDay(now);

// ---- debtor account (administrators) ----

export interface DebtorAccount {
  name: string;
  iban: string;
  bic: string | null;
}

export async function getDebtorAccount(db: Db, workspaceId: string): Promise<DebtorAccount | null> {
  const w = await db.workspace.findUnique({ where: { id: workspaceId }, select: { debtorName: true, debtorIban: true, debtorBic: true } });
  return w?.debtorName && w.debtorIban ? { name: w.debtorName, iban: w.debtorIban, bic: w.debtorBic } : null;
}

/** The account batches are paid from: the SEPA file's debtor. Administrators only. */
export async function setDebtorAccount(db: Db, p: { workspaceId: string; actorId: string; name: string; iban: string; bic?: string | null }): Promise<Outcome<DebtorAccount>> {
  const actor = await loadActor(db, p.workspaceId, p.actorId);
  if (!actor?.roles.includes('admin')) return refused(ADMIN_ONLY);
  const name = p.name.trim();
  if (!name) return refused('The account holder name is required.');
  if (name.length > 70) return refused('The account holder name may have at most 70 characters (SEPA).');
  const iban = normalizeIban(p.iban);
  const problem = ibanProblem(iban);
  if (problem) return refused(problem);
  const bic = p.bic?.trim() ? p.bic.trim().toUpperCase() : null;
  if (bic && !isValidBic(bic)) return refused(`BIC ${bic} is not a valid BIC (8 or 11 characters, e.g. HABAEE2X).`);
  await db.workspace.update({ where: { id: p.workspaceId }, data: { debtorName: name, debtorIban: iban, debtorBic: bic } });
  await auditConfig(db, { workspaceId: p.workspaceId, actorId: p.actorId, action: 'debtor_account_set', details: { debtorName: name, debtorIban: iban, debtorBic: bic } });
  return done({ name, iban, bic }, `Payments will be made from ${iban} (${name}).`);
}

// ---- reading ----

/** Approved invoices not yet paid (in a batch or not), oldest due first. */
export async function listPayable(db: Db, workspaceId: string, viewerId: string): Promise<Outcome<PayableItem[]>> {
  if (!(await actorWithAnyRole(db, workspaceId, viewerId, PAYMENT_READ_ROLES))) return refused(READ_REFUSED);
  const docs = await db.document.findMany({
    where: { workspaceId, kind: 'invoice', status: 'approved' },
    include: { paymentBatch: { select: { id: true, seq: true } } },
    orderBy: [{ dueDate: { sort: 'asc', nulls: 'last' } }, { seq: 'asc' }],
  });
  const items = docs.map(payable);
  return done(items, items.length === 0 ? 'No approved invoices are waiting for payment.' : `${items.length} approved invoice${items.length === 1 ? '' : 's'} waiting for payment.`);
}

async function batchView(db: Db, batch: Prisma.PaymentBatchGetPayload<object>): Promise<PaymentBatchView> {
  const docs = await db.document.findMany({ where: { id: { in: batch.documentIds } }, include: { paymentBatch: { select: { id: true, seq: true } } } });
  const order = new Map(batch.documentIds.map((id, i) => [id, i]));
  docs.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return {
    id: batch.id,
    seq: batch.seq,
    format: batch.format as BatchFormat,
    createdAt: batch.createdAt,
    createdById: batch.createdById,
    executionDate: batch.executionDate,
    fromDate: batch.fromDate,
    toDate: batch.toDate,
    count: batch.count,
    total: decimalString(batch.total)!,
    currency: batch.currency,
    documents: docs.map(payable),
  };
}

/** A batch by id or by its number ("3", "PB-3", "#3"). */
async function findBatch(db: Db, workspaceId: string, ref: string | number) {
  const m = /^(?:PB-?|#)?(\d+)$/i.exec(String(ref).trim());
  return m ? db.paymentBatch.findFirst({ where: { workspaceId, seq: Number(m[1]) } }) : db.paymentBatch.findFirst({ where: { workspaceId, id: String(ref).trim() } });
}

export async function getPaymentBatch(db: Db, workspaceId: string, viewerId: string, batch: string | number): Promise<Outcome<PaymentBatchView>> {
  if (!(await actorWithAnyRole(db, workspaceId, viewerId, PAYMENT_READ_ROLES))) return refused(READ_REFUSED);
  const row = await findBatch(db, workspaceId, batch);
  if (!row) return refused(`There is no payment batch ${batch}.`);
  return done(await batchView(db, row), `Payment batch ${row.seq}: ${row.count} invoices, ${decimalString(row.total)}${row.currency ? ` ${row.currency}` : ''}.`);
}

export async function listPaymentBatches(db: Db, workspaceId: string, viewerId: string, limit = 20): Promise<Outcome<Omit<PaymentBatchView, 'documents'>[]>> {
  if (!(await actorWithAnyRole(db, workspaceId, viewerId, PAYMENT_READ_ROLES))) return refused(READ_REFUSED);
  const rows = await db.paymentBatch.findMany({ where: { workspaceId }, orderBy: { seq: 'desc' }, take: limit });
  return done(
    rows.map((b) => ({ id: b.id, seq: b.seq, format: b.format as BatchFormat, createdAt: b.createdAt, createdById: b.createdById, executionDate: b.executionDate, fromDate: b.fromDate, toDate: b.toDate, count: b.count, total: decimalString(b.total)!, currency: b.currency })),
    `${rows.length} payment batch${rows.length === 1 ? '' : 'es'}.`,
  );
}

// ---- changes (payment managers) ----

export interface MarkPaidRequest {
  workspaceId: string;
  actorId: string;
  documentId: string;
  /** The day the money left, YYYY-MM-DD. */
  paidOn: string;
  /** The bank's or the payment's reference. */
  reference?: string | null;
}

function paymentProblem(paidOn: string, reference: string | null | undefined, now: Date): string | null {
  const day = paidOn.trim();
  if (!isIsoDate(day)) return `"${paidOn}" is not a date: use YYYY-MM-DD.`;
  // A day of slack for time zones east of UTC; a payment further in the future is a typo.
  if (day > isoDay(new Date(now.getTime() + 86_400_000))) return `${day} is in the future: record a payment once it is made.`;
  if ((reference?.trim().length ?? 0) > 140) return 'The payment reference may have at most 140 characters.';
  return null;
}

/** An approved document becomes paid (paidAt, paymentRef), with a 'marked_paid' audit event. */
export async function markPaid(db: Db, p: MarkPaidRequest, now = new Date()): Promise<Outcome<{ documentId: string; reference: string; paidOn: string }>> {
  const who = await paymentManager(db, p.workspaceId, p.actorId);
  if (!who.ok) return refused(who.reason);
  const problem = paymentProblem(p.paidOn, p.reference, now);
  if (problem) return refused(problem);
  const paidOn = p.paidOn.trim();
  const ref = p.reference?.trim() || null;
  const doc = await db.document.findFirst({ where: { id: p.documentId, workspaceId: p.workspaceId }, include: { paymentBatch: { select: { seq: true } } } });
  if (!doc) return refused('No such document.');
  const reference = documentReference(doc.seq);
  if (doc.status === 'paid') return refused(`${reference} was already marked paid${doc.paidAt ? ` on ${isoDay(doc.paidAt)}` : ''}.`);
  if (doc.status !== 'approved') return refused(`${reference} is ${doc.status}; only an approved document can be marked paid.`);
  const paidAt = new Date(`${paidOn}T00:00:00.000Z`);
  const changed = await db.$transaction(async (tx) => {
    // Only if still approved: of two payment managers clicking at once, one wins.
    const { count } = await tx.document.updateMany({
      where: { id: doc.id, workspaceId: p.workspaceId, status: 'approved' },
      data: { status: 'paid', paidAt, paymentRef: ref, updatedById: p.actorId },
    });
    if (count === 0) return false;
    await tx.auditEvent.create({
      data: {
        idempotencyKey: `${doc.id}:marked_paid`,
        workspaceId: p.workspaceId,
        documentId: doc.id,
        actorId: p.actorId,
        action: 'marked_paid',
        fromState: 'approved',
        toState: 'paid',
        details: { paidOn, reference: ref, paymentBatchSeq: doc.paymentBatch?.seq ?? null },
      },
    });
    return true;
  });
  if (!changed) return refused(`${reference} is no longer approved; nothing was changed.`);
  return done({ documentId: doc.id, reference, paidOn }, `${reference} marked paid on ${paidOn}${ref ? ` (reference ${ref})` : ''}.`);
}

/** Every document of a batch that is still approved is marked paid on the same day. */
export async function markBatchPaid(
  db: Db,
  p: { workspaceId: string; actorId: string; batch: string | number; paidOn: string; reference?: string | null },
  now = new Date(),
): Promise<Outcome<{ paid: string[]; skipped: SkippedInvoice[] }>> {
  const who = await paymentManager(db, p.workspaceId, p.actorId);
  if (!who.ok) return refused(who.reason);
  const problem = paymentProblem(p.paidOn, p.reference, now);
  if (problem) return refused(problem);
  const batch = await findBatch(db, p.workspaceId, p.batch);
  if (!batch) return refused(`There is no payment batch ${p.batch}.`);
  const paid: string[] = [];
  const skipped: SkippedInvoice[] = [];
  for (const documentId of batch.documentIds) {
    const r = await markPaid(db, { workspaceId: p.workspaceId, actorId: p.actorId, documentId, paidOn: p.paidOn, reference: p.reference ?? `PB-${batch.seq}` }, now);
    if (r.ok) paid.push(r.value.reference);
    else {
      const d = await db.document.findUnique({ where: { id: documentId }, select: { seq: true } });
      skipped.push({ documentId, reference: d ? documentReference(d.seq) : documentId, reason: r.reason });
    }
  }
  return done({ paid, skipped }, `Payment batch ${batch.seq}: ${paid.length} marked paid${skipped.length ? `, ${skipped.length} left as they were` : ''}.`);
}

export interface CreateBatchRequest {
  workspaceId: string;
  actorId: string;
  /** Due dates from … to (YYYY-MM-DD, inclusive); an invoice with no due date counts by its approval day. */
  from?: string;
  to?: string;
  /** sepa (default): EUR invoices with valid IBANs only, for a pain.001 file; csv: any invoice. */
  format?: BatchFormat;
  /** Requested execution date (default today, UTC). */
  executionDate?: string;
}

/**
 * Puts the approved, unpaid invoices not yet in a batch (within the due-date window) into a new
 * payment batch N: each gets a 'payment_batched' audit event and stays approved until marked
 * paid. For a SEPA batch, invoices that cannot be paid by SEPA are left out, each with its
 * reason; when none can, the batch is refused.
 */
export async function createPaymentBatch(db: Db, p: CreateBatchRequest, now = new Date()): Promise<Outcome<PaymentBatchView & { skipped: SkippedInvoice[] }>> {
  const who = await paymentManager(db, p.workspaceId, p.actorId);
  if (!who.ok) return refused(who.reason);
  const format: BatchFormat = p.format ?? 'sepa';
  if (format !== 'sepa' && format !== 'csv') return refused(`Unknown batch format ${String(format)}: sepa or csv.`);
  for (const [name, v] of [['from', p.from], ['to', p.to], ['execution date', p.executionDate]] as const) {
    if (v !== undefined && !isIsoDate(v)) return refused(`The ${name} "${v}" is not a date: use YYYY-MM-DD.`);
  }
  if (p.from && p.to && p.from > p.to) return refused(`The period ends (${p.to}) before it starts (${p.from}).`);
  const executionDate = p.executionDate ?? todayUtc(now);
  if (format === 'sepa' && !(await getDebtorAccount(db, p.workspaceId))) {
    return refused('The workspace has no debtor account yet: an administrator must set the account payments are made from (name and IBAN) first.');
  }

  const candidates = await db.document.findMany({
    where: { workspaceId: p.workspaceId, kind: 'invoice', status: 'approved', paymentBatchId: null },
    include: { paymentBatch: { select: { id: true, seq: true } } },
    orderBy: [{ dueDate: { sort: 'asc', nulls: 'last' } }, { seq: 'asc' }],
  });
  const inWindow = candidates.filter((d) => {
    const day = d.dueDate ?? (d.decidedAt ? isoDay(d.decidedAt) : null);
    if (!p.from && !p.to) return true;
    if (day === null) return false;
    return (!p.from || day >= p.from) && (!p.to || day <= p.to);
  });
  const skipped: SkippedInvoice[] = [];
  const included = inWindow.filter((d) => {
    const problems = format === 'sepa' ? transferProblems(toTransfer(d)) : decimalString(d.totalAmount) ? [] : ['it has no total amount'];
    if (problems.length > 0) skipped.push({ documentId: d.id, reference: documentReference(d.seq), reason: `${label(d)}: ${problems.join('; ')}.` });
    return problems.length === 0;
  });
  const window = p.from || p.to ? ` due ${p.from ? `from ${p.from} ` : ''}${p.to ? `to ${p.to}` : ''}`.trimEnd() : '';
  if (included.length === 0) {
    if (skipped.length === 0) return refused(`No approved invoices${window} are waiting for a payment batch.`);
    return refused(`None of the approved invoices${window} can go into a ${format === 'sepa' ? 'SEPA ' : ''}batch: ${skipped.map((s) => s.reason).join(' ')}`);
  }
  const currencies = [...new Set(included.map((d) => d.currency ?? ''))];
  const total = addAmounts(...included.map((d) => decimalString(d.totalAmount)!));
  const ids = included.map((d) => d.id);
  const id = newId('pb');

  const created = await db.$transaction(async (tx) => {
    const batch = await tx.paymentBatch.create({
      data: {
        id,
        workspaceId: p.workspaceId,
        createdById: p.actorId,
        format,
        fromDate: p.from ?? null,
        toDate: p.to ?? null,
        executionDate,
        documentIds: ids,
        count: ids.length,
        total,
        currency: currencies.length === 1 && currencies[0] ? currencies[0] : null,
      },
    });
    // Only invoices still approved and in no batch: a concurrent batch or payment wins, and
    // this one is rolled back whole rather than created short.
    const { count } = await tx.document.updateMany({ where: { id: { in: ids }, status: 'approved', paymentBatchId: null }, data: { paymentBatchId: batch.id, updatedById: p.actorId } });
    if (count !== ids.length) return null;
    await tx.auditEvent.createMany({
      data: included.map((d) => ({
        idempotencyKey: `${d.id}:payment_batched:${batch.id}`,
        workspaceId: p.workspaceId,
        documentId: d.id,
        actorId: p.actorId,
        action: 'payment_batched',
        fromState: 'approved',
        toState: 'approved',
        details: { batchId: batch.id, batchSeq: batch.seq, format, executionDate } as Prisma.InputJsonValue,
      })),
    });
    return batch;
  });
  if (!created) return refused('Some of these invoices were just put in another batch or paid; nothing was changed. Please try again.');
  const view = await batchView(db, created);
  return done(
    { ...view, skipped },
    `Payment batch ${created.seq}: ${ids.length} invoice${ids.length === 1 ? '' : 's'}, ${total}${view.currency ? ` ${view.currency}` : ''}.${skipped.length ? ` Left out: ${skipped.map((s) => s.reason).join(' ')}` : ''}`,
  );
}

// ---- the batch file ----

export interface PaymentFileRow {
  batch: number;
  reference: string;
  endToEndId: string;
  supplierName: string | null;
  iban: string | null;
  invoiceNumber: string | null;
  dueDate: string | null;
  currency: string | null;
  amount: string | null;
  executionDate: string;
  status: string;
}

export const PAYMENT_FILE_COLUMNS: readonly Column<PaymentFileRow>[] = [
  { header: 'Batch', type: 'integer', value: (r) => r.batch },
  { header: 'Reference', type: 'text', value: (r) => r.reference },
  { header: 'End-to-end ID', type: 'text', value: (r) => r.endToEndId },
  { header: 'Supplier', type: 'text', width: 30, value: (r) => r.supplierName },
  { header: 'IBAN', type: 'text', width: 30, value: (r) => r.iban },
  { header: 'Invoice no.', type: 'text', value: (r) => r.invoiceNumber },
  { header: 'Due date', type: 'date', value: (r) => r.dueDate },
  { header: 'Currency', type: 'text', value: (r) => r.currency },
  { header: 'Amount', type: 'amount', value: (r) => r.amount },
  { header: 'Execution date', type: 'date', value: (r) => r.executionDate },
  { header: 'Status', type: 'text', value: (r) => r.status },
];

export interface PaymentFileRequest {
  workspaceId: string;
  /** Batch id or number. */
  batch: string | number;
  format: PaymentFileFormat;
}

export function paymentFileName(seq: number, format: PaymentFileFormat): string {
  return `payment-batch-${seq}.${format === 'pain001' ? 'xml' : format}`;
}

/** The batch file for a payment manager, an administrator or an auditor (it changes nothing). */
export async function exportPayments(db: Db, p: PaymentFileRequest & { actorId: string }, out: Destination): Promise<Outcome<{ rows: number; fileName: string }>> {
  if (!(await actorWithAnyRole(db, p.workspaceId, p.actorId, PAYMENT_EXPORT_ROLES))) return refused(PAYMENT_EXPORT_REFUSED);
  return writePaymentFile(db, p, out);
}

/**
 * The batch file with no actor check (operators' CLI). pain.001 refuses, listing every invoice
 * that cannot be paid by SEPA and why, rather than produce a file the bank would reject; the
 * XML is validated before a byte is written.
 */
export async function writePaymentFile(db: Db, p: PaymentFileRequest, out: Destination): Promise<Outcome<{ rows: number; fileName: string }>> {
  if (!['pain001', 'csv', 'xlsx'].includes(p.format)) return refused(`Unknown payment file format ${p.format}: pain001, csv or xlsx.`);
  const batch = await findBatch(db, p.workspaceId, p.batch);
  if (!batch) return refused(`There is no payment batch ${p.batch}.`);
  const docs = await db.document.findMany({ where: { id: { in: batch.documentIds } } });
  const order = new Map(batch.documentIds.map((id, i) => [id, i]));
  docs.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  const fileName = paymentFileName(batch.seq, p.format);

  if (p.format === 'pain001') {
    const debtor = await getDebtorAccount(db, p.workspaceId);
    if (!debtor) return refused('The workspace has no debtor account yet: an administrator must set the account payments are made from (name and IBAN) first.');
    const transfers = docs.map(toTransfer);
    const problems = docs.flatMap((d, i) => {
      const list = transferProblems(transfers[i]!);
      return list.length ? [`${label(d)}: ${list.join('; ')}.`] : [];
    });
    if (problems.length > 0) return refused(`Payment batch ${batch.seq} cannot be paid by SEPA as it is: ${problems.join(' ')}`);
    const xml = buildPain001({
      msgId: `CSGN-PB${batch.seq}-${isoDay(batch.createdAt).replaceAll('-', '')}`,
      createdAt: batch.createdAt,
      executionDate: batch.executionDate,
      paymentInfoId: `PB-${batch.seq}`,
      initiatingParty: debtor.name,
      debtor,
      transfers,
    });
    const invalid = validatePain001(xml);
    if (invalid.length > 0) return refused(`The SEPA file for payment batch ${batch.seq} would not be valid: ${invalid.join(' ')}`);
    const stream = openDestination(out);
    await new Promise<void>((resolve, reject) => {
      stream.once('error', reject);
      stream.end(xml, () => resolve());
    });
    return done({ rows: transfers.length, fileName }, `${fileName}: ${transfers.length} SEPA transfers, ${decimalString(batch.total)} EUR, to be executed on ${batch.executionDate}.`);
  }

  const table = openTable<PaymentFileRow>(p.format, PAYMENT_FILE_COLUMNS, out, `Payment batch ${batch.seq}`);
  try {
    await table.write(
      docs.map((d) => ({
        batch: batch.seq,
        reference: documentReference(d.seq),
        endToEndId: documentReference(d.seq),
        supplierName: d.supplierName,
        iban: d.iban,
        invoiceNumber: d.invoiceNumber,
        dueDate: d.dueDate,
        currency: d.currency,
        amount: decimalString(d.totalAmount),
        executionDate: batch.executionDate,
        status: d.status,
      })),
    );
    await table.end();
  } catch (err) {
    table.abort(err as Error);
    throw err;
  }
  return done({ rows: docs.length, fileName }, `${fileName}: ${docs.length} payments.`);
}
