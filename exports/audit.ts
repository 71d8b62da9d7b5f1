// The whole action list of a workspace for a period, as CSV or XLSX. Streams: events are read
// in time order by keyset pagination (batches of BATCH rows), described, written, and forgotten.
import type { Db } from '../data/db';
import { describeEvent, eventPeople, workspaceNames } from '../client/history';
import { documentReference } from '../client/engine';
import { done, refused, type Outcome } from '../client/result';
import { permission } from '../client/actors';
import { parsePeriod, type Period } from './period';
import { fillTable, openTable, type Column, type Destination, type TableFormat } from './table';

export const BATCH = 2_000;

export interface AuditRow {
  id: bigint;
  at: Date;
  reference: string | null;
  documentId: string | null;
  action: string;
  text: string;
  actorId: string | null;
  actorName: string | null;
  onBehalfOfId: string | null;
  onBehalfOfName: string | null;
  fromState: string | null;
  toState: string | null;
  details: string | null;
}

export const AUDIT_COLUMNS: readonly Column<AuditRow>[] = [
  { header: 'Event', type: 'integer', value: (r) => r.id },
  { header: 'At (UTC)', type: 'datetime', value: (r) => r.at },
  { header: 'Document', type: 'text', value: (r) => r.reference },
  { header: 'Document ID', type: 'text', width: 26, value: (r) => r.documentId },
  { header: 'Action', type: 'text', width: 18, value: (r) => r.action },
  { header: 'Description', type: 'text', width: 60, value: (r) => r.text },
  { header: 'Actor', type: 'text', width: 20, value: (r) => r.actorName },
  { header: 'Actor ID', type: 'text', width: 26, value: (r) => r.actorId },
  { header: 'On behalf of', type: 'text', width: 20, value: (r) => r.onBehalfOfName },
  { header: 'On behalf of ID', type: 'text', width: 26, value: (r) => r.onBehalfOfId },
  { header: 'From state', type: 'text', value: (r) => r.fromState },
  { header: 'To state', type: 'text', value: (r) => r.toState },
  { header: 'Details', type: 'text', width: 60, value: (r) => r.details },
];

export interface AuditExportParams {
  workspaceId: string;
  /** YYYY-MM-DD, inclusive, in the workspace's time zone. */
  from: string;
  to: string;
  format: TableFormat;
}

export type ExportResult = Outcome<{ rows: number }>;

/** For administrators and auditors; anyone else is refused and nothing is written. */
export async function exportAudit(db: Db, p: AuditExportParams & { actorId: string }, out: Destination): Promise<ExportResult> {
  const may = await permission(db, p.workspaceId, p.actorId, 'export data');
  if (!may.ok) return refused(may.reason);
  return writeAuditExport(db, p, out);
}

/** The export itself, with no actor check (operators' CLI; callers that checked already). */
export async function writeAuditExport(db: Db, p: AuditExportParams, out: Destination): Promise<ExportResult> {
  const ws = await db.workspace.findUnique({ where: { id: p.workspaceId }, select: { timeZone: true } });
  if (!ws) return refused(`There is no workspace ${p.workspaceId}.`);
  const parsed = parsePeriod(p.from, p.to, ws.timeZone);
  if (!parsed.ok) return refused(parsed.reason);
  const period = parsed.period;

  const nameOf = await workspaceNames(db, p.workspaceId);

  const table = openTable<AuditRow>(p.format, AUDIT_COLUMNS, out, 'Audit');
  let rows = 0;
  await fillTable(table, async () => {
    for await (const batch of auditBatches(db, p.workspaceId, period)) {
      const docIds = [...new Set(batch.map((e) => e.documentId).filter((d): d is string => d !== null))];
      const docs = docIds.length ? await db.document.findMany({ where: { id: { in: docIds } }, select: { id: true, number: true } }) : [];
      const refs = new Map(docs.map((d) => [d.id, documentReference(d)]));
      await table.write(
        batch.map((e) => ({
          id: e.id,
          at: e.at,
          reference: e.documentId ? (refs.get(e.documentId) ?? null) : null,
          documentId: e.documentId,
          action: e.action,
          text: describeEvent(e, nameOf).join('; '),
          ...eventPeople(e, nameOf),
          fromState: e.fromState,
          toState: e.toState,
          details: e.details == null ? null : JSON.stringify(e.details),
        })),
      );
      rows += batch.length;
    }
  });
  return done({ rows }, `${rows} audit events from ${period.from} to ${period.to}.`);
}

/**
 * The period's events in time order (ties by id), BATCH at a time, by keyset pagination on
 * (at, id): every batch is a short range scan of the (workspaceId, at) index that starts where
 * the last one ended, whatever the table's size. The next batch is fetched while the current one
 * is written (one batch ahead, no more).
 */
async function* auditBatches(db: Db, workspaceId: string, period: Period) {
  type Row = Awaited<ReturnType<typeof db.auditEvent.findMany>>[number];
  const fetch = (last: Row | null) =>
    db.auditEvent.findMany({
      where: last
        ? { workspaceId, at: { gte: last.at, lt: period.end }, OR: [{ at: { gt: last.at } }, { id: { gt: last.id } }] }
        : { workspaceId, at: { gte: period.start, lt: period.end } },
      orderBy: [{ at: 'asc' }, { id: 'asc' }],
      take: BATCH,
    });
  let next: Promise<Row[]> | null = fetch(null);
  try {
    while (next) {
      const batch: Row[] = await next;
      next = null;
      if (batch.length === 0) return;
      if (batch.length === BATCH) next = fetch(batch[batch.length - 1]!);
      yield batch;
    }
  } finally {
    // The consumer stopped early (an error while writing): do not leave a rejection unheard.
    next?.catch(() => undefined);
  }
}
