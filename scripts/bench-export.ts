/**
 * npx tsx scripts/bench-export.ts [ROWS]
 * Rows per second and peak RSS of the audit export (CSV and XLSX) for ROWS generated audit events
 * (default 100,000). Uses DATABASE_URL when set (a scratch database is created there and dropped),
 * else a throwaway embedded PostgreSQL.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb } from '../data/db';
import { writeAuditExport } from '../exports/audit';
import type { TableFormat } from '../exports/table';
import { createLogger } from '../runtime/logger';
import { applyMigrations } from '../runtime/migrations';
import { startEmbeddedPostgres } from '../runtime/postgres';
import { generateAuditRows, mb, measureRss } from './lib/audit-rows';

const rows = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 100_000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-bench-export-'));
const log = createLogger('warn');

let url: string;
let cleanup: () => Promise<void>;
if (process.env.DATABASE_URL) {
  const name = `bench_export_${Date.now()}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  url = process.env.DATABASE_URL.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
  cleanup = async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  };
} else {
  const server = await startEmbeddedPostgres({ dataDir: dir, port: 55000 + Math.floor(Math.random() * 1000), database: 'bench', log });
  url = server.url;
  cleanup = () => server.stop();
}

try {
  await applyMigrations(url);
  const db = createDb(url, 4);
  const t0 = performance.now();
  await generateAuditRows(db, { workspaceId: 'WBENCH', rows });
  console.log(`generated ${rows} audit rows in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const results: Record<string, unknown>[] = [];
  for (const format of ['csv', 'xlsx'] as TableFormat[]) {
    const file = path.join(dir, `audit.${format}`);
    const m = await measureRss(() => writeAuditExport(db, { workspaceId: 'WBENCH', from: '2026-01-01', to: '2026-01-31', format }, file));
    if (!m.result.ok) throw new Error(m.result.reason);
    const line = {
      format,
      rows: m.result.value.rows,
      seconds: Number((m.ms / 1000).toFixed(2)),
      rowsPerSecond: Math.round(m.result.value.rows / (m.ms / 1000)),
      rssBefore: mb(m.before),
      rssPeak: mb(m.peak),
      rssGrowth: mb(m.peak - m.before),
      fileSize: mb(statSync(file).size),
    };
    results.push(line);
    console.log(JSON.stringify(line));
  }
  console.table(results);
  await db.$disconnect();
} finally {
  await cleanup();
  rmSync(dir, { recursive: true, force: true });
}
