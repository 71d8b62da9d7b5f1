// Postings export of three approved documents (two invoices, one expense) in each format,
// parsed back: FEC column names and order, balances per document, Xero's bill columns, the
// EE 1.2 e-invoice's required elements; exporting twice without "again" adds nothing.
//
// The Estonian e-invoice 1.2 XSD does not ship with Countersign (no npm package carries it, and
// tests run offline): the XML is checked against the schema's sequences for every element it
// writes (EE_SEQUENCES, taken from the 1.2 schema), its required elements and its sums.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPostings, writePostingsExport, type PostingsFormat } from '../../exports/postings';
import { eeProblems } from '../../exports/postings/ee-einvoice';
import { FEC_COLUMNS } from '../../exports/postings/fec';
import { XERO_COLUMNS } from '../../exports/postings/xero';
import { readEInvoiceXml } from '../../extraction/einvoice/read';
import { describeEvent } from '../../client/history';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedWorkspace, type Seeded } from '../../scripts/lib/seed';

let t: TestDatabase;
let s: Seeded;
let dir: string;
const W = 'W-post';

async function approvedDoc(id: string, p: { kind: 'invoice' | 'expense'; total: string; supplier?: string; vatNo?: string; number?: string; on: string; lines: [string, string, string, string | null][] }) {
  await t.db.document.create({
    data: {
      id, workspaceId: W, kind: p.kind, status: 'approved', submitterId: p.kind === 'expense' ? s.id.emp : s.id.book, createdById: s.id.book,
      supplierName: p.supplier ?? null, supplierVatNo: p.vatNo ?? null, invoiceNumber: p.number ?? null, issueDate: p.on, dueDate: p.on, currency: 'EUR',
      totalAmount: p.total, decidedAt: new Date(`${p.on}T12:00:00Z`),
      codingLines: { create: p.lines.map(([account, vatCode, amount, cc], i) => ({ id: `${id}_l${i}`, position: i, account, vatCode, amount, costCentre: cc })) },
    },
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  s = await seedWorkspace(t.db, W);
  dir = mkdtempSync(path.join(os.tmpdir(), 'countersign-postings-'));
  const codes: [string, 'account' | 'vat', string, string | null][] = [
    ['6010', 'account', 'Fournitures', null],
    ['6250', 'account', 'Déplacements', null],
    ['VAT20', 'vat', 'TVA 20 %', '20'],
    ['VAT10', 'vat', 'TVA réduite', '10'],
    ['VAT0', 'vat', 'Exonéré', '0'],
  ];
  for (const [code, type, label, vatRate] of codes) await t.db.codeListEntry.create({ data: { id: `c_${code}`, workspaceId: W, type, code, label, vatRate } });
  await approvedDoc('doc_a', { kind: 'invoice', total: '1200.00', supplier: 'Papeterie «Dupont» & Fils', vatNo: 'FR40303265045', number: 'F-2026-001', on: '2026-03-03', lines: [['6010', 'VAT20', '1000.00', 'CC1'], ['6010', 'VAT10', '200.00', null]] });
  await approvedDoc('doc_b', { kind: 'invoice', total: '99.99', supplier: 'Tammsaare IT OÜ', vatNo: 'EE102179567', number: 'TIT-7', on: '2026-03-10', lines: [['6010', 'VAT20', '99.99', null]] });
  await approvedDoc('doc_c', { kind: 'expense', total: '45.50', on: '2026-03-20', lines: [['6250', 'VAT0', '45.50', null]] });
  // Outside the period, and not approved: never exported.
  await approvedDoc('doc_old', { kind: 'invoice', total: '10.00', supplier: 'Old', on: '2026-02-27', lines: [['6010', 'VAT20', '10.00', null]] });
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t?.drop();
});

const period = { workspaceId: W, from: '2026-03-01', to: '2026-03-31' };
const cents = (a: string) => Math.round(Number(a.replace(',', '.')) * 100);

async function exportTo(format: PostingsFormat, extra: { again?: boolean; pipe?: boolean } = {}) {
  const file = path.join(dir, `${format}-${Math.random().toString(36).slice(2)}`);
  const r = await writePostingsExport(t.db, { ...period, format, again: true, ...extra }, file);
  expect(r, format).toMatchObject({ ok: true, value: { documents: 3 } });
  return file;
}

describe('postings export, three documents', () => {
  it('FEC: the 18 columns in order, YYYYMMDD dates, decimal comma, every entry balanced', async () => {
    for (const pipe of [false, true]) {
      const sep = pipe ? '|' : '\t';
      const rows = readFileSync(await exportTo('fec', { pipe }), 'utf8').replace(/\r\n$/, '').split('\r\n').map((r) => r.split(sep));
      expect(rows[0]).toEqual([...FEC_COLUMNS]);
      expect(rows[0]).toHaveLength(18);
      const body = rows.slice(1);
      expect(body.every((r) => r.length === 18)).toBe(true);
      const byEntry = new Map<string, number>();
      for (const r of body) byEntry.set(r[2]!, (byEntry.get(r[2]!) ?? 0) + cents(r[11]!) - cents(r[12]!));
      expect([...byEntry.keys()]).toEqual(['1', '2', '3']);
      expect([...byEntry.values()]).toEqual([0, 0, 0]);
      const first = body.filter((r) => r[2] === '1');
      // 1000.00 at 20 % → 833.33 + 166.67; 200.00 at 10 % → 181.82 + 18.18; the supplier credited 1200.00.
      expect(first.map((r) => [r[4], r[11], r[12]])).toEqual([['6010', '833,33', '0,00'], ['6010', '181,82', '0,00'], ['44566', '166,67', '0,00'], ['44566', '18,18', '0,00'], ['401', '0,00', '1200,00']]);
      expect(first[4]![6]).toBe('FR40303265045');
      expect(first[4]![7]).toBe('Papeterie «Dupont» & Fils');
      expect(first[0]![3]).toBe('20260303');
      expect(first[0]![8]).toBe('F-2026-001');
      expect(body.find((r) => r[2] === '3' && r[12] !== '0,00')![4]).toBe('421');
    }
  });

  it('generic CSV and XLSX: balanced per document with reference, dates, supplier, currency', async () => {
    const csv = parse(readFileSync(await exportTo('csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    for (const ref of new Set(csv.map((r) => r.Reference))) {
      const rows = csv.filter((r) => r.Reference === ref);
      expect(rows.reduce((n, r) => n + cents(r.Debit!) - cents(r.Credit!), 0)).toBe(0);
      expect(rows.every((r) => r.Currency === 'EUR' && r.Date !== '')).toBe(true);
    }
    expect(csv.filter((r) => r.Supplier === 'Tammsaare IT OÜ').map((r) => r['Invoice number'])).toContain('TIT-7');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await exportTo('xlsx'));
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(6).value).toBe('Debit');
    let debit = 0;
    let credit = 0;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      debit += Math.round(Number(row.getCell(6).value) * 100);
      credit += Math.round(Number(row.getCell(7).value) * 100);
    });
    expect(debit).toBe(credit);
    expect(debit).toBe(134549);
  });

  it('Xero bills CSV: the template columns, and each bill adds up to its total', async () => {
    const rows = parse(readFileSync(await exportTo('xero'), 'utf8')) as string[][];
    expect(rows[0]).toEqual([...XERO_COLUMNS]);
    const col = (name: string) => XERO_COLUMNS.indexOf(name as never);
    const bills = new Map<string, number>();
    for (const r of rows.slice(1)) bills.set(r[col('*InvoiceNumber')]!, (bills.get(r[col('*InvoiceNumber')]!) ?? 0) + cents(r[col('*UnitAmount')]!) + cents(r[col('TaxAmount')]!));
    expect(Object.fromEntries(bills)).toMatchObject({ 'F-2026-001': 120000, 'TIT-7': 9999 });
    expect(rows.slice(1).every((r) => /^\d\d\/\d\d\/\d{4}$/.test(r[col('*InvoiceDate')]!) && r[col('*ContactName')] !== '' && r[col('Currency')] === 'EUR')).toBe(true);
  });

  it('EE e-invoice 1.2: required elements, sums per invoice and footer; our own e-invoice reader reads it back', async () => {
    const xml = readFileSync(await exportTo('ee'), 'utf8');
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false }).parse(xml, true);
    const root = doc.E_Invoice;
    expect(root.Header.Version).toBe('1.2');
    expect(root.Invoice).toHaveLength(3);
    expect(root.Footer).toEqual({ TotalNumberInvoices: '3', TotalAmount: '1345.49' });
    const first = root.Invoice[0];
    expect(Object.keys(first).filter((k) => !k.startsWith('@') && k !== 'AdditionalInformation')).toEqual(['InvoiceParties', 'InvoiceInformation', 'InvoiceSumGroup', 'InvoiceItem', 'PaymentInfo']);
    // Every element in the 1.2 schema's order (ItemEntry: Accounting before Description).
    expect(eeProblems(xml)).toEqual([]);
    const misplaced = xml.replace(/<ItemEntry><RowNo>1<\/RowNo>(<Accounting>.*?<\/Accounting>)(<Description>.*?<\/Description>)/, '<ItemEntry><RowNo>1</RowNo>$2$1');
    expect(misplaced).not.toBe(xml);
    expect(eeProblems(misplaced).some((p) => p.includes('ItemEntry: Accounting comes too late'))).toBe(true);
    expect(first.InvoiceSumGroup).toMatchObject({ InvoiceSum: '1015.15', TotalVATSum: '184.85', TotalSum: '1200.00', Currency: 'EUR' });
    expect(first.InvoiceItem.InvoiceItemGroup.ItemEntry.map((e: { Accounting: { JournalEntry: { GeneralLedger: string } } }) => e.Accounting.JournalEntry.GeneralLedger)).toEqual(['6010', '6010']);
    const read = readEInvoiceXml(Buffer.from(xml));
    expect(read.map((r) => [r.supplierName, r.invoiceNumber, r.totalAmount, r.netAmount, r.vatAmount])).toEqual([
      ['Papeterie «Dupont» & Fils', 'F-2026-001', '1200.00', '1015.15', '184.85'],
      ['Tammsaare IT OÜ', 'TIT-7', '99.99', '83.32', '16.67'],
      [expect.any(String), 'DOC-3', '45.50', '45.50', '0.00'],
    ]);
    expect(read[0]!.vatBreakdown.map((v) => [v.rate, v.taxableAmount, v.vatAmount])).toEqual([['20', '833.33', '166.67'], ['10', '181.82', '18.18']]);
  });

  it('marks documents exported: a second export without "again" adds nothing; the history says who exported', async () => {
    // The other tests export with "again": start from documents never exported.
    await t.db.postingExportMark.deleteMany({});
    const first = await exportPostings(t.db, { ...period, format: 'csv', actorId: s.id.admin }, path.join(dir, 'once.csv'));
    expect(first).toMatchObject({ ok: true, value: { documents: 3 } });
    const twice = await exportPostings(t.db, { ...period, format: 'fec', actorId: s.id.admin }, path.join(dir, 'twice.txt'));
    expect(twice).toMatchObject({ ok: false, reason: expect.stringMatching(/no not yet exported approved documents.*again/) });
    const again = await exportPostings(t.db, { ...period, format: 'fec', actorId: s.id.admin, again: true }, path.join(dir, 'again.txt'));
    expect(again).toMatchObject({ ok: true, value: { documents: 3 } });
    const events = await t.db.auditEvent.findMany({ where: { documentId: 'doc_a', action: 'postings_exported', actorId: s.id.admin }, orderBy: { id: 'asc' } });
    expect(events.map((e) => describeEvent(e, (id) => (id === s.id.admin ? 'Ada' : '?'))[0])).toEqual([
      expect.stringMatching(/^Postings exported by Ada \(CSV/),
      expect.stringMatching(/^Postings exported again by Ada \(FEC/),
    ]);
    expect(await t.db.postingExportMark.findUnique({ where: { documentId: 'doc_old' } })).toBeNull();
    // An employee may not export data.
    expect(await exportPostings(t.db, { ...period, format: 'csv', actorId: s.id.emp, again: true }, path.join(dir, 'emp.csv'))).toMatchObject({ ok: false });
  });
});
