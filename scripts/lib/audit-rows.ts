// Bulk data for export tests and the export benchmark: one INSERT … SELECT generate_series per
// table, so 100,000 audit rows take a second, not minutes.
import type { Db } from '../../data/db';

export const GEN_START = '2026-01-01';

/** A workspace with `users` people and `docs` documents, and `rows` audit events spread over January 2026. */
export async function generateAuditRows(db: Db, p: { workspaceId: string; rows: number; users?: number; docs?: number }): Promise<void> {
  const users = p.users ?? 50;
  const docs = p.docs ?? 1_000;
  const ws = p.workspaceId;
  await db.workspace.create({ data: { id: ws, name: `Generated ${ws}` } });
  await db.$executeRawUnsafe(
    `INSERT INTO "User" (id, "workspaceId", name, roles, "updatedAt")
     SELECT '${ws}_u' || g, '${ws}', 'Person ' || g || CASE WHEN g % 7 = 0 THEN ', «Õun & Co»' ELSE '' END, ARRAY['employee','approver']::"Role"[], now()
     FROM generate_series(1, ${users}) g`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "Document" (id, "workspaceId", kind, status, "submitterId", "createdById", "supplierName", "totalAmount", currency, "createdAt", "updatedAt")
     SELECT '${ws}_d' || g, '${ws}', 'invoice', 'approved', '${ws}_u' || (1 + g % ${users}), '${ws}_u' || (1 + g % ${users}),
            'Supplier ' || g, (g * 10.25)::numeric(18,2), 'EUR', timestamp '${GEN_START}' + g * interval '1 minute', now()
     FROM generate_series(1, ${docs}) g`,
  );
  // Every 10th event has no document (configuration); every 5th is "on behalf of"; details carry
  // commas, quotes and a newline, as real reasons do.
  await db.$executeRawUnsafe(
    `INSERT INTO "AuditEvent" ("workspaceId", "documentId", "actorId", "onBehalfOfId", action, "fromState", "toState", at, details, "idempotencyKey")
     SELECT '${ws}',
            CASE WHEN g % 10 = 0 THEN NULL ELSE '${ws}_d' || (1 + g % ${docs}) END,
            CASE WHEN g % 13 = 0 THEN NULL ELSE '${ws}_u' || (1 + g % ${users}) END,
            CASE WHEN g % 5 = 0 THEN '${ws}_u' || (1 + (g + 1) % ${users}) ELSE NULL END,
            (ARRAY['approved','rejected','agreed','fields_changed','reminder_sent'])[1 + g % 5],
            'in_review', CASE WHEN g % 5 = 1 THEN 'rejected' ELSE 'in_review' END,
            timestamp '${GEN_START}' + g * interval '20 seconds',
            CASE g % 5
              WHEN 1 THEN jsonb_build_object('reason', 'Wrong total, see "line 2"' || chr(10) || 'and VAT', 'stageIndex', 1, 'stage', 'approve')
              WHEN 3 THEN jsonb_build_object('changes', jsonb_build_object('totalAmount', jsonb_build_object('from', '100.00', 'to', (100 + g % 50)::text || '.00')))
              WHEN 4 THEN jsonb_build_object('stageIndex', 0, 'to', jsonb_build_array('${ws}_u1'))
              ELSE jsonb_build_object('stageIndex', 1, 'stage', 'approve', 'mode', 'any')
            END,
            '${ws}:gen:' || g
     FROM generate_series(1, ${p.rows}) g`,
  );
}

/** Samples RSS while `fn` runs: the peak, and the growth over the figure before. */
export async function measureRss<T>(fn: () => Promise<T>): Promise<{ result: T; before: number; peak: number; after: number; ms: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  const t0 = performance.now();
  try {
    const result = await fn();
    const after = process.memoryUsage().rss;
    peak = Math.max(peak, after);
    return { result, before, peak, after, ms: performance.now() - t0 };
  } finally {
    clearInterval(timer);
  }
}

export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
