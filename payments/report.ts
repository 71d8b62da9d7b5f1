// Payments made in a period (documents marked paid, by payment date), as CSV or XLSX. The file
// for one payment batch (CSV / XLSX / SEPA pain.001) is payments/ exportPayments.
import type { Db } from '../data/db';
import { decimalString } from '../data/mappers';
import { documentReference } from '../client/engine';
import { workspaceNames } from '../client/history';
import { done, refused } from '../client/result';
import { permission } from '../client/actors';
import { documentPages } from '../data/document-pages';
import type { ExportResult } from '../exports/audit';
import { parsePeriod } from '../exports/period';
import { fillTable, openTable, type Column, type Destination, type TableFormat } from '../exports/table';

export interface PaymentRow {
  reference: string;
  kind: string;
  supplierName: string | null;
  invoiceNumber: string | null;
  iban: string | null;
  currency: string | null;
  amount: string | null;
  dueDate: string | null;
  paidOn: Date | null;
  paymentRef: string | null;
  batch: number | null;
  paidBy: string | null;
}

export const PAYMENT_COLUMNS: readonly Column<PaymentRow>[] = [
  { header: 'Reference', type: 'text', value: (r) => r.reference },
  { header: 'Kind', type: 'text', value: (r) => r.kind },
  { header: 'Supplier', type: 'text', width: 30, value: (r) => r.supplierName },
  { header: 'Invoice no.', type: 'text', value: (r) => r.invoiceNumber },
  { header: 'IBAN', type: 'text', width: 30, value: (r) => r.iban },
  { header: 'Currency', type: 'text', value: (r) => r.currency },
  { header: 'Amount', type: 'amount', value: (r) => r.amount },
  { header: 'Due date', type: 'date', value: (r) => r.dueDate },
  { header: 'Paid on', type: 'date', value: (r) => r.paidOn },
  { header: 'Payment reference', type: 'text', value: (r) => r.paymentRef },
  { header: 'Payment batch', type: 'integer', value: (r) => r.batch },
  { header: 'Marked paid by', type: 'text', width: 20, value: (r) => r.paidBy },
];

export interface PaymentsReportParams {
  workspaceId: string;
  /** Payment dates, YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
  format: TableFormat;
}

export async function exportPaymentsReport(db: Db, p: PaymentsReportParams & { actorId: string }, out: Destination): Promise<ExportResult> {
  const may = await permission(db, p.workspaceId, p.actorId, 'export payments');
  if (!may.ok) return refused(may.reason);
  return writePaymentsReport(db, p, out);
}

export async function writePaymentsReport(db: Db, p: PaymentsReportParams, out: Destination): Promise<ExportResult> {
  // Payment dates are calendar days stored at UTC midnight: the period is taken in UTC.
  const parsed = parsePeriod(p.from, p.to, 'UTC');
  if (!parsed.ok) return refused(parsed.reason);
  const { period } = parsed;
  if (!(await db.workspace.findUnique({ where: { id: p.workspaceId }, select: { id: true } }))) return refused(`There is no workspace ${p.workspaceId}.`);
  const nameOf = await workspaceNames(db, p.workspaceId);
  const where = { workspaceId: p.workspaceId, status: 'paid' as const, paidAt: { gte: period.start, lt: period.end } };
  const table = openTable<PaymentRow>(p.format, PAYMENT_COLUMNS, out, 'Payments');
  let rows = 0;
  await fillTable(table, async () => {
    for await (const docs of documentPages(db, where)) {
      const marks = await db.auditEvent.findMany({ where: { documentId: { in: docs.map((d) => d.id) }, action: 'marked_paid' }, select: { documentId: true, actorId: true } });
      const paidBy = new Map(marks.map((m) => [m.documentId, m.actorId]));
      await table.write(
        docs.map((d) => ({
          reference: documentReference(d),
          kind: d.kind,
          supplierName: d.supplierName,
          invoiceNumber: d.invoiceNumber,
          iban: d.iban,
          currency: d.currency,
          amount: decimalString(d.totalAmount),
          dueDate: d.dueDate,
          paidOn: d.paidAt,
          paymentRef: d.paymentRef,
          batch: d.paymentBatch?.seq ?? null,
          paidBy: paidBy.get(d.id) ? nameOf(paidBy.get(d.id)) : null,
        })),
      );
      rows += docs.length;
    }
  });
  return done({ rows }, `${rows} payments from ${period.from} to ${period.to}.`);
}
