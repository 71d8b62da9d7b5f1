// `npm run export`: operators' exports from DATABASE_URL, to stdout or a file, with clear exit codes.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePain001 } from '../../payments/sepa';
import { createTestDatabase, type TestDatabase } from '../support/database';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
let t: TestDatabase;
let dir: string;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'scripts/export.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: t.url }, maxBuffer: 10 * 1024 * 1024 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-cli-'));
  await t.db.workspace.create({ data: { id: 'WCLI', name: 'CLI', debtorName: 'Countersign OÜ', debtorIban: 'EE382200221020145685' } });
  await t.db.user.create({ data: { id: 'u1', workspaceId: 'WCLI', name: 'Ann, "the" boss' } });
  for (let i = 0; i < 3; i++) {
    await t.db.auditEvent.create({ data: { workspaceId: 'WCLI', actorId: 'u1', action: 'code_added', details: { type: 'account', code: `60${i}`, label: '=1+1' }, at: new Date(Date.UTC(2026, 0, 10 + i)), idempotencyKey: `cli-${i}` } });
  }
  await t.db.document.create({ data: { id: 'd1', workspaceId: 'WCLI', kind: 'invoice', status: 'approved', submitterId: 'u1', createdById: 'u1', supplierName: 'Acme', totalAmount: '12.00', currency: 'EUR', iban: 'DE89370400440532013000', invoiceNumber: 'A-1' } });
  await t.db.paymentBatch.create({ data: { id: 'pb1', seq: 7, workspaceId: 'WCLI', createdById: 'u1', format: 'sepa', executionDate: '2026-01-20', documentIds: ['d1'], count: 1, total: '12.00', currency: 'EUR' } });
});
afterAll(async () => {
  await t?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run export', () => {
  it('writes the audit CSV to stdout, messages to stderr', async () => {
    const r = await cli(['audit', '--from', '2026-01-10', '--to', '2026-01-11']);
    expect(r.code, r.stderr).toBe(0);
    const rows = parse(r.stdout, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((x) => [x.Actor, x.Action])).toEqual([
      ['Ann, "the" boss', 'code_added'],
      ['Ann, "the" boss', 'code_added'],
    ]);
    expect(rows[0]!.Description).toBe('Ann, "the" boss saved account code 600 (=1+1)');
    expect(r.stderr).toContain('2 audit events from 2026-01-10 to 2026-01-11.');
  });

  it('writes XLSX and the SEPA file of a batch to --out; refuses bad input with exit codes 1 and 2', async () => {
    const xlsx = path.join(dir, 'docs.xlsx');
    const d = await cli(['documents', '--from', '2020-01-01', '--to', '2099-12-31', '--status', 'approved', '--format', 'xlsx', '--out', xlsx, '--workspace', 'WCLI']);
    expect(d.code, d.stderr).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    expect(d.stderr).toContain('1 documents created');

    const xml = path.join(dir, 'batch.xml');
    const p = await cli(['payments', '--batch', '7', '--format', 'pain001', '--out', xml]);
    expect(p.code, p.stderr).toBe(0);
    const text = readFileSync(xml, 'utf8');
    expect(validatePain001(text)).toEqual([]);
    expect(text).toContain('<InstdAmt Ccy="EUR">12.00</InstdAmt>');

    const bad = path.join(dir, 'bad.csv');
    const refused = await cli(['audit', '--from', '2026-02-01', '--to', '2026-01-01', '--out', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/before it starts/);
    expect(existsSync(bad)).toBe(false);

    const usage = await cli(['everything', '--from', '2026-01-01', '--to', '2026-01-31']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^Usage:/);
  });
});
