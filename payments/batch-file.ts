// The file of one payment batch for the bank: CSV, XLSX, or SEPA pain.001.001.03 XML.
import type { Db } from '../data/db';
import { decimalString } from '../data/mappers';
import { documentReference } from '../client/engine';
import { permission } from '../client/actors';
import { done, refused, type Outcome } from '../client/result';
import { fillTable, isoDay, openDestination, openTable, type Column, type Destination } from '../exports/table';
import { getDebtorAccount, NO_DEBTOR_ACCOUNT } from './account';
import { buildPain001, transferProblems, validatePain001 } from './sepa';
import { batchDocuments, findBatch, label, toTransfer, type PaymentFileFormat } from './views';

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
  const may = await permission(db, p.workspaceId, p.actorId, 'export payments');
  if (!may.ok) return refused(may.reason);
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
  const docs = await batchDocuments(db, batch);
  const fileName = paymentFileName(batch.seq, p.format);

  if (p.format === 'pain001') {
    const debtor = await getDebtorAccount(db, p.workspaceId);
    if (!debtor) return refused(NO_DEBTOR_ACCOUNT);
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
  await fillTable(table, () =>
    table.write(
      docs.map((d) => ({
        batch: batch.seq,
        reference: documentReference(d),
        endToEndId: documentReference(d),
        supplierName: d.supplierName,
        iban: d.iban,
        invoiceNumber: d.invoiceNumber,
        dueDate: d.dueDate,
        currency: d.currency,
        amount: decimalString(d.totalAmount),
        executionDate: batch.executionDate,
        status: d.status,
      })),
    ),
  );
  return done({ rows: docs.length, fileName }, `${fileName}: ${docs.length} payments.`);
}

