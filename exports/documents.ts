// The documents created in a period (optionally of one status or kind), one row each, with
// who created and who last changed them, as CSV or XLSX. Keyset pagination over seq.
import type { Db } from '../data/db';
import { documentFields, type DocumentFields } from '../data/mappers';
import { documentReference } from '../client/engine';
import { workspaceNames } from '../client/history';
import { done, refused } from '../client/result';
import { isDocumentKind, isDocumentStatus, type DocumentKind, type DocumentStatus } from '../domain';
import type { Prisma } from '../generated/prisma/client';
import { permission } from '../client/actors';
import { documentPages } from '../data/document-pages';
import type { ExportResult } from './audit';
import { parsePeriod } from './period';
import { fillTable, openTable, type Column, type Destination, type TableFormat } from './table';

export interface DocumentRow extends DocumentFields {
  reference: string;
  id: string;
  kind: string;
  status: string;
  submitter: string;
  createdAt: Date;
  createdBy: string;
  lastChangedAt: Date;
  lastChangedBy: string;
  chainName: string | null;
  round: number;
  rejectReason: string | null;
  duplicateOf: string | null;
  decidedAt: Date | null;
  paidAt: Date | null;
  paymentRef: string | null;
  paymentBatch: number | null;
}

export const DOCUMENT_COLUMNS: readonly Column<DocumentRow>[] = [
  { header: 'Reference', type: 'text', value: (r) => r.reference },
  { header: 'Document ID', type: 'text', width: 26, value: (r) => r.id },
  { header: 'Kind', type: 'text', value: (r) => r.kind },
  { header: 'Status', type: 'text', value: (r) => r.status },
  { header: 'Submitter', type: 'text', width: 20, value: (r) => r.submitter },
  { header: 'Created at (UTC)', type: 'datetime', value: (r) => r.createdAt },
  { header: 'Created by', type: 'text', width: 20, value: (r) => r.createdBy },
  { header: 'Last changed at (UTC)', type: 'datetime', value: (r) => r.lastChangedAt },
  { header: 'Last changed by', type: 'text', width: 20, value: (r) => r.lastChangedBy },
  { header: 'Supplier', type: 'text', width: 30, value: (r) => r.supplierName },
  { header: 'Supplier reg. no.', type: 'text', value: (r) => r.supplierRegNo },
  { header: 'Supplier VAT no.', type: 'text', value: (r) => r.supplierVatNo },
  { header: 'Invoice no.', type: 'text', value: (r) => r.invoiceNumber },
  { header: 'Issue date', type: 'date', value: (r) => r.issueDate },
  { header: 'Due date', type: 'date', value: (r) => r.dueDate },
  { header: 'Currency', type: 'text', value: (r) => r.currency },
  { header: 'Net', type: 'amount', value: (r) => r.netAmount },
  { header: 'VAT', type: 'amount', value: (r) => r.vatAmount },
  { header: 'Total', type: 'amount', value: (r) => r.totalAmount },
  { header: 'VAT rate %', type: 'amount', value: (r) => r.vatRate },
  { header: 'IBAN', type: 'text', width: 30, value: (r) => r.iban },
  { header: 'Cost centre', type: 'text', value: (r) => r.costCentre },
  { header: 'Description', type: 'text', width: 40, value: (r) => r.description },
  { header: 'Chain', type: 'text', value: (r) => r.chainName },
  { header: 'Round', type: 'integer', value: (r) => r.round },
  { header: 'Reject reason', type: 'text', width: 40, value: (r) => r.rejectReason },
  { header: 'Duplicate of', type: 'text', width: 26, value: (r) => r.duplicateOf },
  { header: 'Decided at (UTC)', type: 'datetime', value: (r) => r.decidedAt },
  { header: 'Paid on', type: 'date', value: (r) => r.paidAt },
  { header: 'Payment reference', type: 'text', value: (r) => r.paymentRef },
  { header: 'Payment batch', type: 'integer', value: (r) => r.paymentBatch },
];

export interface DocumentExportParams {
  workspaceId: string;
  /** Creation date, YYYY-MM-DD, inclusive, in the workspace's time zone. */
  from: string;
  to: string;
  format: TableFormat;
  status?: string;
  kind?: string;
}

export async function exportDocuments(db: Db, p: DocumentExportParams & { actorId: string }, out: Destination): Promise<ExportResult> {
  const may = await permission(db, p.workspaceId, p.actorId, 'export data');
  if (!may.ok) return refused(may.reason);
  return writeDocumentExport(db, p, out);
}

export async function writeDocumentExport(db: Db, p: DocumentExportParams, out: Destination): Promise<ExportResult> {
  if (p.status !== undefined && !isDocumentStatus(p.status)) return refused(`"${p.status}" is not a document status (extracting, confirming, coding, in_review, approved, rejected, withdrawn, paid).`);
  if (p.kind !== undefined && !isDocumentKind(p.kind)) return refused(`"${p.kind}" is not a document kind (invoice, expense).`);
  const ws = await db.workspace.findUnique({ where: { id: p.workspaceId }, select: { timeZone: true } });
  if (!ws) return refused(`There is no workspace ${p.workspaceId}.`);
  const parsed = parsePeriod(p.from, p.to, ws.timeZone);
  if (!parsed.ok) return refused(parsed.reason);
  const period = parsed.period;

  const nameOf = await workspaceNames(db, p.workspaceId);
  const where: Prisma.DocumentWhereInput = {
    workspaceId: p.workspaceId,
    createdAt: { gte: period.start, lt: period.end },
    ...(p.status ? { status: p.status as DocumentStatus } : {}),
    ...(p.kind ? { kind: p.kind as DocumentKind } : {}),
  };

  const table = openTable<DocumentRow>(p.format, DOCUMENT_COLUMNS, out, 'Documents');
  let rows = 0;
  await fillTable(table, async () => {
    for await (const docs of documentPages(db, where)) {
      // Who changed each document last: its latest event with a person behind it.
      const last = await db.$queryRaw<{ documentId: string; actorId: string; at: Date }[]>`
        SELECT DISTINCT ON ("documentId") "documentId", "actorId", "at" FROM "AuditEvent"
        WHERE "documentId" = ANY(${docs.map((d) => d.id)}) AND "actorId" IS NOT NULL
        ORDER BY "documentId", "id" DESC`;
      const lastBy = new Map(last.map((l) => [l.documentId, l]));
      await table.write(
        docs.map((d) => {
          const l = lastBy.get(d.id);
          return {
            reference: documentReference(d),
            id: d.id,
            kind: d.kind,
            status: d.status,
            submitter: nameOf(d.submitterId),
            createdAt: d.createdAt,
            createdBy: nameOf(d.createdById),
            lastChangedAt: l?.at ?? d.createdAt,
            lastChangedBy: nameOf(l?.actorId ?? d.createdById),
            ...documentFields(d),
            chainName: d.chainName,
            round: d.round,
            rejectReason: d.rejectReason,
            duplicateOf: d.duplicateOf,
            decidedAt: d.decidedAt,
            paidAt: d.paidAt,
            paymentRef: d.paymentRef,
            paymentBatch: d.paymentBatch?.seq ?? null,
          };
        }),
      );
      rows += docs.length;
    }
  });
  return done({ rows }, `${rows} documents created from ${period.from} to ${period.to}${p.status ? ` with status ${p.status}` : ''}.`);
}
