// 100,000 audit events exported as CSV and as XLSX: streamed (memory stays flat), complete
// (every row comes out once, in order), and within the period asked for.
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAuditExport } from '../../exports/audit';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { generateAuditRows, mb, measureRss } from '../../scripts/lib/audit-rows';

const ROWS = 100_000;
const MAX_GROWTH = 200 * 1024 * 1024;
let t: TestDatabase;
let dir: string;

beforeAll(async () => {
  t = await createTestDatabase();
  await generateAuditRows(t.db, { workspaceId: 'WBIG', rows: ROWS });
  // Events of another workspace and outside the period must not leak in.
  await generateAuditRows(t.db, { workspaceId: 'WOTHER', rows: 500, users: 3, docs: 5 });
  await t.db.auditEvent.create({ data: { workspaceId: 'WBIG', action: 'late', at: new Date('2026-02-01T00:00:00.000Z'), idempotencyKey: 'late-1' } });
  await t.db.auditEvent.create({ data: { workspaceId: 'WBIG', action: 'early', at: new Date('2025-12-31T23:59:59.999Z'), idempotencyKey: 'early-1' } });
  dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-export-'));
}, 120_000);
afterAll(async () => {
  await t?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('exporting 100,000 audit events', () => {
  it('CSV: streams every row once, in time order, with flat memory', async () => {
    const file = path.join(dir, 'audit.csv');
    const m = await measureRss(() => writeAuditExport(t.db, { workspaceId: 'WBIG', from: '2026-01-01', to: '2026-01-31', format: 'csv' }, file));
    console.log(`CSV export of ${ROWS} audit rows: ${(m.ms / 1000).toFixed(1)} s, ${Math.round(ROWS / (m.ms / 1000))} rows/s, RSS ${mb(m.before)} → peak ${mb(m.peak)} (growth ${mb(m.peak - m.before)}), file ${mb(statSync(file).size)}`);
    expect(m.result).toMatchObject({ ok: true, value: { rows: ROWS } });
    expect(m.peak - m.before).toBeLessThan(MAX_GROWTH);

    let count = 0;
    let lastAt = '';
    let ordered = true;
    const ids = new Set<string>();
    let header: string[] = [];
    const parser = createReadStream(file).pipe(parse({ bom: true, relax_column_count: false }));
    for await (const rec of parser as AsyncIterable<string[]>) {
      if (header.length === 0) {
        header = rec;
        continue;
      }
      if (rec[1]! < lastAt) ordered = false;
      lastAt = rec[1]!;
      ids.add(rec[0]!);
      count++;
    }
    expect(header.slice(0, 6)).toEqual(['Event', 'At (UTC)', 'Document', 'Document ID', 'Action', 'Description']);
    expect(count).toBe(ROWS);
    expect(ids.size).toBe(ROWS);
    expect(ordered).toBe(true);
    expect(lastAt).toBe('2026-01-24T03:33:20.000Z'); // the 100,000th event; the one on 1 February is out
  });

  it('XLSX: streams every row with flat memory, typed cells and a frozen header', async () => {
    const file = path.join(dir, 'audit.xlsx');
    const m = await measureRss(() => writeAuditExport(t.db, { workspaceId: 'WBIG', from: '2026-01-01', to: '2026-01-31', format: 'xlsx' }, file));
    console.log(`XLSX export of ${ROWS} audit rows: ${(m.ms / 1000).toFixed(1)} s, ${Math.round(ROWS / (m.ms / 1000))} rows/s, RSS ${mb(m.before)} → peak ${mb(m.peak)} (growth ${mb(m.peak - m.before)}), file ${mb(statSync(file).size)}`);
    expect(m.result).toMatchObject({ ok: true, value: { rows: ROWS } });
    expect(m.peak - m.before).toBeLessThan(MAX_GROWTH);

    // Read back the sheet's XML (exceljs's own reader is covered in xlsx.test.ts, on a small file).
    const zip = await JSZip.loadAsync(readFileSync(file));
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    expect(sheet.match(/<row /g)?.length).toBe(ROWS + 1);
    const row2 = /<row r="2"[^>]*>([\s\S]*?)<\/row>/.exec(sheet)![1]!;
    // Event id and time are numeric cells (no t="s"/"inlineStr"), the time with a date format.
    expect(row2).toMatch(/<c r="A2"(?![^>]*t=)[^>]*><v>1<\/v><\/c>/);
    expect(row2).toMatch(/<c r="B2"(?![^>]*t=)[^>]*><v>46023\.000231/);
  });
});
