// Audit and document exports on a small, nasty data set: CSV that csv-parse reads back value for
// value (commas, quotes, line breaks, formula starters, non-ASCII), XLSX that exceljs reads back
// with typed cells, periods in the workspace's time zone, and who may export at all.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAudit, exportDocuments, writeAuditExport, writeDocumentExport } from '../../exports';
import { csvSafe } from '../../exports/table';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedWorkspace, type Seeded } from '../../scripts/lib/seed';

const NASTY = [
  'Õun & Co, «TVA»',
  '=HYPERLINK("http://evil.example","click")',
  '+33 1 23 45 67 89',
  '-2+3',
  '@SUM(A1:A9)',
  '\tTabbed',
  '\rCarriage',
  'He said "hi", then left',
  'line one\r\nline two\nline three',
  'Ülle Õismäe — 東京 🚀',
];

let t: TestDatabase;
let s: Seeded;
let dir: string;
const userIds: string[] = [];

function sink(): Writable & { text(): string; bytes: number } {
  const chunks: Buffer[] = [];
  const w = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  }) as Writable & { text(): string; bytes: number };
  w.text = () => Buffer.concat(chunks).toString('utf8');
  Object.defineProperty(w, 'bytes', { get: () => chunks.reduce((n, c) => n + c.length, 0) });
  return w;
}

beforeAll(async () => {
  t = await createTestDatabase();
  s = await seedWorkspace(t.db, 'WX');
  dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-exports-'));
  for (const [i, name] of NASTY.entries()) {
    const u = await t.db.user.create({ data: { id: `nasty_${i}`, workspaceId: 'WX', name } });
    userIds.push(u.id);
    await t.db.auditEvent.create({
      data: {
        workspaceId: 'WX',
        actorId: u.id,
        action: 'role_added',
        at: new Date(Date.UTC(2026, 2, 10, 12, 0, i)),
        details: { userId: s.id.emp, role: name },
        idempotencyKey: `nasty-${i}`,
      },
    });
  }
  // Documents: amounts (a negative credit note too), dates, nasty suppliers; one outside March.
  const docs = [
    { supplierName: NASTY[0]!, totalAmount: '1234567.89', netAmount: '1000000.00', issueDate: '2026-03-01', status: 'approved' as const },
    { supplierName: NASTY[1]!, totalAmount: '-12.50', netAmount: null, issueDate: '2026-03-02', status: 'in_review' as const },
    { supplierName: NASTY[8]!, totalAmount: '0.10', netAmount: '0.08', issueDate: null, status: 'approved' as const },
  ];
  for (const [i, d] of docs.entries()) {
    await t.db.document.create({
      data: { id: `doc_x${i}`, workspaceId: 'WX', kind: 'invoice', submitterId: s.id.book, createdById: s.id.book, currency: 'EUR', createdAt: new Date(Date.UTC(2026, 2, 5 + i, 9)), ...d },
    });
    await t.db.auditEvent.create({ data: { workspaceId: 'WX', documentId: `doc_x${i}`, actorId: s.id.appr1, onBehalfOfId: s.id.cfo, action: 'approved', fromState: 'in_review', toState: 'in_review', at: new Date(Date.UTC(2026, 2, 6 + i)), idempotencyKey: `dx-${i}` } });
  }
  await t.db.document.create({ data: { id: 'doc_feb', workspaceId: 'WX', kind: 'expense', status: 'approved', submitterId: s.id.emp, createdById: s.id.emp, createdAt: new Date(Date.UTC(2026, 1, 27)) } });
});
afterAll(async () => {
  await t?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('CSV', () => {
  it('round-trips every value through csv-parse, formula starters neutralised with one quote', async () => {
    const out = sink();
    const r = await exportAudit(t.db, { workspaceId: 'WX', actorId: s.id.auditor, from: '2026-03-10', to: '2026-03-10', format: 'csv' }, out);
    expect(r).toMatchObject({ ok: true, value: { rows: NASTY.length } });
    const raw = out.text();
    expect(raw.startsWith('\uFEFF')).toBe(true); // UTF-8 BOM
    expect(raw).toContain('\r\n'); // RFC 4180 record ends
    const rows = parse(raw, { bom: true, columns: true, relax_quotes: false }) as Record<string, string>[];
    expect(rows).toHaveLength(NASTY.length);
    for (const [i, name] of NASTY.entries()) {
      const row = rows.find((x) => x['Actor ID'] === userIds[i])!;
      expect(row, name).toBeDefined();
      const formula = /^[=+\-@\t\r]/.test(name);
      expect(row.Actor).toBe(formula ? `'${name}` : name);
      expect(formula ? row.Actor!.slice(1) : row.Actor).toBe(name);
      expect(JSON.parse(row.Details!)).toEqual({ userId: s.id.emp, role: name });
      expect(row.Action).toBe('role_added');
      expect(row['At (UTC)']).toBe(new Date(Date.UTC(2026, 2, 10, 12, 0, i)).toISOString());
      // The sentence names the target (emp) and carries the nasty role text.
      expect(row.Description).toBe(csvSafe(`${name} gave emp the ${name} role`));
    }
  });

  it('documents: amounts stay exact strings (negative ones not mistaken for formulas), dates ISO', async () => {
    const out = sink();
    const r = await exportDocuments(t.db, { workspaceId: 'WX', actorId: s.id.admin, from: '2026-03-01', to: '2026-03-31', format: 'csv' }, out);
    expect(r).toMatchObject({ ok: true, value: { rows: 3 } });
    const rows = parse(out.text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((x) => x['Document ID'])).toEqual(['doc_x0', 'doc_x1', 'doc_x2']);
    expect(rows[0]).toMatchObject({ Supplier: NASTY[0], Total: '1234567.89', Net: '1000000.00', 'Issue date': '2026-03-01', Status: 'approved', 'Created by': 'book', 'Last changed by': 'appr1' });
    expect(rows[1]).toMatchObject({ Supplier: `'${NASTY[1]}`, Total: '-12.50', Net: '' });
    expect(rows[2]!.Supplier).toBe(NASTY[8]);
    expect(rows[0]!['Last changed at (UTC)']).toBe('2026-03-06T00:00:00.000Z');
    expect(rows[0]!.Reference).toMatch(/^DOC-\d+$/);
  });

  it('filters documents by status', async () => {
    const out = sink();
    const r = await writeDocumentExport(t.db, { workspaceId: 'WX', from: '2026-02-01', to: '2026-03-31', format: 'csv', status: 'approved' }, out);
    expect(r).toMatchObject({ ok: true, value: { rows: 3 } });
    const rows = parse(out.text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((x) => x['Document ID']).sort()).toEqual(['doc_feb', 'doc_x0', 'doc_x2']);
    expect(await writeDocumentExport(t.db, { workspaceId: 'WX', from: '2026-02-01', to: '2026-03-31', format: 'csv', status: 'bogus' }, sink())).toMatchObject({ ok: false, reason: expect.stringMatching(/not a document status/) });
  });
});

describe('XLSX', () => {
  it('has typed cells (dates as dates, amounts as numbers with 0.00), a frozen bold header', async () => {
    const file = path.join(dir, 'documents.xlsx');
    const r = await exportDocuments(t.db, { workspaceId: 'WX', actorId: s.id.auditor, from: '2026-03-01', to: '2026-03-31', format: 'xlsx' }, file);
    expect(r).toMatchObject({ ok: true, value: { rows: 3 } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as never);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    const col = (name: string) => header.indexOf(name) + 1;
    expect(ws.rowCount).toBe(4);
    const first = ws.getRow(2);
    expect(first.getCell(col('Supplier')).value).toBe(NASTY[0]);
    expect(first.getCell(col('Total')).value).toBe(1234567.89);
    expect(first.getCell(col('Total')).numFmt).toBe('0.00');
    expect(first.getCell(col('Net')).value).toBe(1000000);
    expect(first.getCell(col('Issue date')).value).toEqual(new Date('2026-03-01T00:00:00.000Z'));
    expect(first.getCell(col('Issue date')).numFmt).toBe('yyyy-mm-dd');
    expect(first.getCell(col('Created at (UTC)')).value).toEqual(new Date('2026-03-05T09:00:00.000Z'));
    expect(first.getCell(col('Round')).value).toBe(0);
    const second = ws.getRow(3);
    expect(second.getCell(col('Total')).value).toBe(-12.5);
    // XLSX cells are typed: text is text, never a formula, so it is kept as written.
    expect(second.getCell(col('Supplier')).value).toBe(NASTY[1]);
    expect(second.getCell(col('Net')).value).toBeNull();
    // XML reads every line break back as LF (CRLF and a lone CR alike): Excel's own line break.
    expect(ws.getRow(4).getCell(col('Supplier')).value).toBe(NASTY[8]!.replace(/\r\n?/g, '\n'));
  });

  it('audit: event ids are numbers, times are dates', async () => {
    const file = path.join(dir, 'audit.xlsx');
    const r = await writeAuditExport(t.db, { workspaceId: 'WX', from: '2026-03-01', to: '2026-03-31', format: 'xlsx' }, file);
    expect(r).toMatchObject({ ok: true, value: { rows: NASTY.length + 3 } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as never);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const row = ws.getRow(2);
    expect(typeof row.getCell(1).value).toBe('number');
    expect(row.getCell(2).value).toEqual(new Date(Date.UTC(2026, 2, 6)));
    expect(row.getCell(2).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(row.getCell(6).value).toBe('appr1 approved on behalf of cfo');
    expect(row.getCell(9).value).toBe('cfo');
  });
});

describe('periods and permissions', () => {
  it('takes whole days in the workspace time zone, both ends included', async () => {
    await t.db.workspace.create({ data: { id: 'WTZ', name: 'Tallinn', timeZone: 'Europe/Tallinn' } });
    const at = ['2025-12-31T21:59:59.999Z', '2025-12-31T22:00:00.000Z', '2026-01-31T21:59:59.999Z', '2026-01-31T22:00:00.000Z'];
    for (const [i, a] of at.entries()) await t.db.auditEvent.create({ data: { workspaceId: 'WTZ', action: `e${i}`, at: new Date(a), idempotencyKey: `tz-${i}` } });
    const out = sink();
    expect(await writeAuditExport(t.db, { workspaceId: 'WTZ', from: '2026-01-01', to: '2026-01-31', format: 'csv' }, out)).toMatchObject({ ok: true, value: { rows: 2 } });
    expect((parse(out.text(), { bom: true, columns: true }) as Record<string, string>[]).map((x) => x.Action)).toEqual(['e1', 'e2']);
  });

  it('refuses bad periods', async () => {
    expect(await writeAuditExport(t.db, { workspaceId: 'WX', from: '2026-03-31', to: '2026-03-01', format: 'csv' }, sink())).toMatchObject({ ok: false, reason: expect.stringMatching(/before it starts/) });
    expect(await writeAuditExport(t.db, { workspaceId: 'WX', from: '2026-02-30', to: '2026-03-01', format: 'csv' }, sink())).toMatchObject({ ok: false, reason: expect.stringMatching(/not a date/) });
  });

  it('only administrators and auditors export; a refusal writes nothing', async () => {
    for (const who of ['emp', 'book', 'coord1', 'appr1', 'payer'] as const) {
      for (const run of [exportAudit, exportDocuments]) {
        const out = sink();
        const r = await run(t.db, { workspaceId: 'WX', actorId: s.id[who], from: '2026-03-01', to: '2026-03-31', format: 'csv' }, out);
        expect(r, `${who} ${run.name}`).toEqual({ ok: false, reason: 'Only an administrator or an auditor can export data.' });
        expect(out.bytes).toBe(0);
      }
    }
    const file = path.join(dir, 'refused.csv');
    expect(await exportAudit(t.db, { workspaceId: 'WX', actorId: s.id.emp, from: '2026-03-01', to: '2026-03-31', format: 'csv' }, file)).toMatchObject({ ok: false });
    expect(() => readFileSync(file)).toThrow(/ENOENT/);
    for (const who of ['admin', 'auditor'] as const) {
      expect(await exportAudit(t.db, { workspaceId: 'WX', actorId: s.id[who], from: '2026-03-01', to: '2026-03-31', format: 'csv' }, sink())).toMatchObject({ ok: true });
    }
  });
});
