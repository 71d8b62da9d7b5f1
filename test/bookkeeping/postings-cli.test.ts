// `npm run export -- postings`: an operator's FEC to a file, checked, and the documents marked
// exported (a second run without --again is refused with exit 1 and writes no file).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEC_COLUMNS } from '../../exports/postings/fec';
import { createTestDatabase, type TestDatabase } from '../support/database';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
let t: TestDatabase;
let dir: string;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'scripts/export.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: t.url } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-postings-cli-'));
  await t.db.workspace.create({ data: { id: 'WP', name: 'Postings' } });
  await t.db.user.create({ data: { id: 'u1', workspaceId: 'WP', name: 'Ann' } });
  await t.db.document.create({
    data: {
      id: 'd1', workspaceId: 'WP', kind: 'invoice', status: 'approved', submitterId: 'u1', createdById: 'u1', supplierName: 'Acme SARL', supplierVatNo: 'FR40303265045',
      invoiceNumber: 'A-1', issueDate: '2026-01-05', totalAmount: '120.00', currency: 'EUR', decidedAt: new Date('2026-01-06T10:00:00Z'),
      codingLines: { create: [{ id: 'l1', position: 0, account: '6064', vatCode: 'TVA20', amount: '120.00' }] },
    },
  });
});
afterAll(async () => {
  await t?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run export -- postings', () => {
  it('writes a checked FEC with the accounts given, then refuses to export the same documents twice', async () => {
    const out = path.join(dir, 'FEC.txt');
    const r = await cli(['postings', '--from', '2026-01-01', '--to', '2026-01-31', '--format', 'fec-pipe', '--payable-account', '4011', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/1 documents \(3 journal lines\)/);
    const rows = readFileSync(out, 'utf8').split('\r\n').filter(Boolean).map((l) => l.split('|'));
    expect(rows[0]).toEqual([...FEC_COLUMNS]);
    // 120.00 at 20 % (read from the code TVA20): 100.00 + 20.00 VAT, supplier 4011 credited.
    expect(rows.slice(1).map((f) => [f[4], f[11], f[12]])).toEqual([['6064', '100,00', '0,00'], ['44566', '20,00', '0,00'], ['4011', '0,00', '120,00']]);
    const again = path.join(dir, 'FEC-2.txt');
    const second = await cli(['postings', '--from', '2026-01-01', '--to', '2026-01-31', '--format', 'fec', '--out', again]);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/again/);
    expect(existsSync(again)).toBe(false);
    const third = await cli(['postings', '--from', '2026-01-01', '--to', '2026-01-31', '--format', 'xero', '--again']);
    expect(third.code, third.stderr).toBe(0);
    expect(third.stdout.split('\r\n')[0]).toMatch(/^\*ContactName,/);
    expect(await t.db.auditEvent.count({ where: { documentId: 'd1', action: 'postings_exported' } })).toBe(2);
    expect((await cli(['postings', '--from', '2026-01-01', '--to', '2026-01-31', '--format', 'sepa'])).code).toBe(2);
  });
});
