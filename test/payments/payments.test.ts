// The payment manager's work after approval: what is payable, a payment batch, the bank file
// (SEPA pain.001.001.03 checked field by field, CSV), marking paid; and who may do which.
import { Writable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPaymentBatch,
  exportPayments,
  getPaymentBatch,
  listPayable,
  listPaymentBatches,
  markBatchPaid,
  markPaid,
  setDebtorAccount,
  writePaymentFile,
} from '../../payments';
import { exportPaymentsReport } from '../../payments/report';
import { buildPain001, validatePain001, type SepaMessage } from '../../payments/sepa';
import { ibanProblem } from '../../domain/iban';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedWorkspace, type Seeded } from '../../scripts/lib/seed';

let t: TestDatabase;
let s: Seeded;
const W = 'WP';

function sink(): Writable & { text(): string; bytes(): number } {
  const chunks: Buffer[] = [];
  const w = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  }) as Writable & { text(): string; bytes(): number };
  w.text = () => Buffer.concat(chunks).toString('utf8');
  w.bytes = () => chunks.reduce((n, c) => n + c.length, 0);
  return w;
}

let seq = 0;
async function invoice(p: { supplierName?: string | null; invoiceNumber?: string | null; totalAmount?: string | null; currency?: string | null; iban?: string | null; dueDate?: string | null; status?: 'approved' | 'in_review' | 'paid' | 'rejected'; kind?: 'invoice' | 'expense' }) {
  const id = `doc_p${++seq}`;
  return t.db.document.create({
    data: {
      id,
      workspaceId: W,
      kind: p.kind ?? 'invoice',
      status: p.status ?? 'approved',
      submitterId: s.id.book,
      createdById: s.id.book,
      supplierName: p.supplierName === undefined ? `Supplier ${seq}` : p.supplierName,
      invoiceNumber: p.invoiceNumber === undefined ? `INV-${seq}` : p.invoiceNumber,
      totalAmount: p.totalAmount === undefined ? '100.00' : p.totalAmount,
      currency: p.currency === undefined ? 'EUR' : p.currency,
      iban: p.iban === undefined ? 'DE89370400440532013000' : p.iban,
      dueDate: p.dueDate ?? '2026-04-15',
      decidedAt: new Date('2026-04-01T10:00:00Z'),
    },
  });
}

const ref = (d: { number: number }) => `DOC-${d.number}`;

beforeAll(async () => {
  t = await createTestDatabase();
  s = await seedWorkspace(t.db, W);
});
afterAll(async () => t?.drop());

describe('IBAN and the debtor account', () => {
  it('checks IBANs by form, length and checksum', () => {
    expect(ibanProblem('EE38 2200 2210 2014 5685')).toBeNull();
    expect(ibanProblem('DE89370400440532013000')).toBeNull();
    expect(ibanProblem('FR1420041010050500013M02606')).toBeNull();
    expect(ibanProblem('DE89370400440532013001')).toMatch(/checksum/);
    expect(ibanProblem('DE8937040044053201300')).toMatch(/22/);
    expect(ibanProblem('12345')).toMatch(/not in IBAN form/);
  });

  it('is set by an administrator only, with a valid IBAN and BIC', async () => {
    expect(await setDebtorAccount(t.db, { workspaceId: W, actorId: s.id.payer, name: 'Countersign OÜ', iban: 'EE382200221020145685' })).toEqual({ ok: false, reason: 'Only an administrator can do that.' });
    expect(await setDebtorAccount(t.db, { workspaceId: W, actorId: s.id.auditor, name: 'Countersign OÜ', iban: 'EE382200221020145685' })).toMatchObject({ ok: false });
    expect(await setDebtorAccount(t.db, { workspaceId: W, actorId: s.id.admin, name: 'Countersign OÜ', iban: 'EE382200221020145686' })).toMatchObject({ ok: false, reason: expect.stringMatching(/checksum/) });
    expect(await setDebtorAccount(t.db, { workspaceId: W, actorId: s.id.admin, name: 'Countersign OÜ', iban: 'EE382200221020145685', bic: 'HABA' })).toMatchObject({ ok: false, reason: expect.stringMatching(/BIC/) });
    expect(await setDebtorAccount(t.db, { workspaceId: W, actorId: s.id.admin, name: 'Countersign OÜ', iban: 'ee38 2200 2210 2014 5685', bic: 'habaee2x' })).toMatchObject({ ok: true, value: { iban: 'EE382200221020145685', bic: 'HABAEE2X' } });
    const ev = await t.db.auditEvent.findFirstOrThrow({ where: { workspaceId: W, action: 'debtor_account_set' } });
    expect(ev.actorId).toBe(s.id.admin);
  });
});

describe('a payment batch paid by SEPA', () => {
  it('lists payable invoices, batches the SEPA-payable ones, and writes a valid pain.001 checked field by field', async () => {
    const a = await invoice({ supplierName: 'Õun & Co, «TVA» <Paris>', invoiceNumber: 'F-2026/001 & "A"', totalAmount: '1234.50', iban: 'FR1420041010050500013M02606', dueDate: '2026-04-10' });
    const b = await invoice({ supplierName: 'Acme GmbH', invoiceNumber: 'RE-77', totalAmount: '0.10', iban: 'DE89 3704 0044 0532 0130 00', dueDate: '2026-04-11' });
    const c = await invoice({ supplierName: 'Tere AS', invoiceNumber: null, totalAmount: '999999.99', iban: 'EE382200221020145685', dueDate: '2026-04-12' });
    const usd = await invoice({ supplierName: 'Yankee Inc', currency: 'USD', dueDate: '2026-04-13' });
    const noIban = await invoice({ supplierName: 'Cash Only SARL', iban: null, dueDate: '2026-04-14' });
    await invoice({ status: 'in_review', dueDate: '2026-04-10' });
    await invoice({ kind: 'expense', dueDate: '2026-04-10' });
    const late = await invoice({ dueDate: '2026-05-30' });

    expect(await listPayable(t.db, W, s.id.emp)).toMatchObject({ ok: false });
    const payable = await listPayable(t.db, W, s.id.auditor);
    expect(payable.ok).toBe(true);
    if (!payable.ok) return;
    expect(payable.value.map((p) => p.documentId)).toEqual([a.id, b.id, c.id, usd.id, noIban.id, late.id]);
    expect(payable.value.find((p) => p.documentId === usd.id)!.sepaProblems).toEqual(['its currency is USD; SEPA transfers are in EUR only']);
    expect(payable.value.find((p) => p.documentId === noIban.id)!.sepaProblems).toEqual(['it has no IBAN for the supplier']);
    expect(payable.value.find((p) => p.documentId === a.id)!.sepaProblems).toEqual([]);

    // Auditors and administrators look; only a payment manager batches.
    expect(await createPaymentBatch(t.db, { workspaceId: W, actorId: s.id.auditor })).toMatchObject({ ok: false, reason: expect.stringMatching(/Auditors have read-only access/) });
    expect(await createPaymentBatch(t.db, { workspaceId: W, actorId: s.id.admin })).toEqual({ ok: false, reason: 'Only a payment manager can do that.' });
    const batch = await createPaymentBatch(t.db, { workspaceId: W, actorId: s.id.payer, from: '2026-04-01', to: '2026-04-30', executionDate: '2026-04-20' }, new Date('2026-04-16T08:00:00Z'));
    expect(batch.ok, batch.ok ? '' : batch.reason).toBe(true);
    if (!batch.ok) return;
    const v = batch.value;
    expect(v).toMatchObject({ format: 'sepa', count: 3, total: '1001234.59', currency: 'EUR', executionDate: '2026-04-20', fromDate: '2026-04-01', toDate: '2026-04-30' });
    expect(v.documents.map((d) => d.documentId)).toEqual([a.id, b.id, c.id]);
    expect(v.skipped.map((x) => [x.documentId, x.reason])).toEqual([
      [usd.id, `${ref(usd)} (invoice ${usd.invoiceNumber}, Yankee Inc): its currency is USD; SEPA transfers are in EUR only.`],
      [noIban.id, `${ref(noIban)} (invoice ${noIban.invoiceNumber}, Cash Only SARL): it has no IBAN for the supplier.`],
    ]);
    expect(batch.message).toContain(`Payment batch ${v.seq}: 3 invoices, 1001234.59 EUR.`);
    // Each invoice is "in payment batch N", still approved, with its audit event.
    for (const d of [a, b, c]) {
      const row = await t.db.document.findUniqueOrThrow({ where: { id: d.id } });
      expect(row).toMatchObject({ status: 'approved', paymentBatchId: v.id, updatedById: s.id.payer });
      const ev = await t.db.auditEvent.findFirstOrThrow({ where: { documentId: d.id, action: 'payment_batched' } });
      expect(ev).toMatchObject({ actorId: s.id.payer, fromState: 'approved', toState: 'approved' });
      expect(ev.details).toMatchObject({ batchSeq: v.seq, batchId: v.id });
    }
    expect((await t.db.document.findUniqueOrThrow({ where: { id: late.id } })).paymentBatchId).toBeNull();

    // The file.
    expect(await exportPayments(t.db, { workspaceId: W, actorId: s.id.emp, batch: v.seq, format: 'pain001' }, sink())).toMatchObject({ ok: false });
    const out = sink();
    const file = await exportPayments(t.db, { workspaceId: W, actorId: s.id.payer, batch: v.seq, format: 'pain001' }, out);
    expect(file).toMatchObject({ ok: true, value: { rows: 3, fileName: `payment-batch-${v.seq}.xml` } });
    const xml = out.text();
    expect(validatePain001(xml)).toEqual([]);
    expect(xml).toContain('<Nm>Õun &amp; Co, «TVA» &lt;Paris&gt;</Nm>');
    expect(xml).toContain('<Ustrd>F-2026/001 &amp; &quot;A&quot;</Ustrd>');

    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, isArray: (n) => n === 'CdtTrfTxInf' }).parse(xml).Document;
    expect(doc['@_xmlns']).toBe('urn:iso:std:iso:20022:tech:xsd:pain.001.001.03');
    const hdr = doc.CstmrCdtTrfInitn.GrpHdr;
    const batchRow = await t.db.paymentBatch.findUniqueOrThrow({ where: { id: v.id } });
    const day = batchRow.createdAt.toISOString().slice(0, 10).replaceAll('-', '');
    expect(hdr.MsgId).toBe(`CSGN-PB${v.seq}-${day}`);
    expect(hdr.MsgId.length).toBeLessThanOrEqual(35);
    expect(hdr.CreDtTm).toBe(batchRow.createdAt.toISOString().slice(0, 19));
    expect(hdr.NbOfTxs).toBe('3');
    expect(hdr.CtrlSum).toBe('1001234.59');
    expect(hdr.InitgPty.Nm).toBe('Countersign OÜ');
    const info = doc.CstmrCdtTrfInitn.PmtInf;
    expect(info.PmtInfId).toBe(`PB-${v.seq}`);
    expect(info.PmtMtd).toBe('TRF');
    expect(info.NbOfTxs).toBe('3');
    expect(info.CtrlSum).toBe('1001234.59');
    expect(info.PmtTpInf.SvcLvl.Cd).toBe('SEPA');
    expect(info.ReqdExctnDt).toBe('2026-04-20');
    expect(info.Dbtr.Nm).toBe('Countersign OÜ');
    expect(info.DbtrAcct.Id.IBAN).toBe('EE382200221020145685');
    expect(info.DbtrAgt.FinInstnId.BIC).toBe('HABAEE2X');
    expect(info.ChrgBr).toBe('SLEV');
    const txs = info.CdtTrfTxInf as Record<string, any>[];
    expect(txs).toHaveLength(3);
    const expected = [
      { e2e: ref(a), amount: '1234.50', name: 'Õun & Co, «TVA» <Paris>', iban: 'FR1420041010050500013M02606', ustrd: 'F-2026/001 & "A"' },
      { e2e: ref(b), amount: '0.10', name: 'Acme GmbH', iban: 'DE89370400440532013000', ustrd: 'RE-77' },
      { e2e: ref(c), amount: '999999.99', name: 'Tere AS', iban: 'EE382200221020145685', ustrd: ref(c) }, // no invoice number: the reference
    ];
    expected.forEach((e, i) => {
      const tx = txs[i]!;
      expect(tx.PmtId.EndToEndId).toBe(e.e2e);
      expect(tx.Amt.InstdAmt['#text']).toBe(e.amount);
      expect(tx.Amt.InstdAmt['@_Ccy']).toBe('EUR');
      expect(tx.Cdtr.Nm).toBe(e.name);
      expect(tx.CdtrAcct.Id.IBAN).toBe(e.iban);
      expect(tx.RmtInf.Ustrd).toBe(e.ustrd);
    });

    // The same batch as CSV.
    const csvOut = sink();
    expect(await exportPayments(t.db, { workspaceId: W, actorId: s.id.auditor, batch: v.id, format: 'csv' }, csvOut)).toMatchObject({ ok: true, value: { rows: 3 } });
    const rows = parseCsv(csvOut.text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.Reference, r.Supplier, r.Amount, r.Currency, r['Execution date']])).toEqual([
      [ref(a), 'Õun & Co, «TVA» <Paris>', '1234.50', 'EUR', '2026-04-20'],
      [ref(b), 'Acme GmbH', '0.10', 'EUR', '2026-04-20'],
      [ref(c), 'Tere AS', '999999.99', 'EUR', '2026-04-20'],
    ]);

    // Nothing left that SEPA can pay in April: a second batch is refused with the reasons.
    const again = await createPaymentBatch(t.db, { workspaceId: W, actorId: s.id.payer, from: '2026-04-01', to: '2026-04-30' });
    expect(again).toMatchObject({ ok: false, reason: expect.stringContaining('its currency is USD') });
    expect(again).toMatchObject({ ok: false, reason: expect.stringContaining('it has no IBAN') });
    expect((await listPaymentBatches(t.db, W, s.id.admin)).ok && (await listPaymentBatches(t.db, W, s.id.admin))).toMatchObject({ value: [{ seq: v.seq, count: 3 }] });
    expect(await getPaymentBatch(t.db, W, s.id.auditor, `PB-${v.seq}`)).toMatchObject({ ok: true, value: { id: v.id, documents: [{ documentId: a.id }, { documentId: b.id }, { documentId: c.id }] } });

    // Paying the whole batch.
    const paid = await markBatchPaid(t.db, { workspaceId: W, actorId: s.id.payer, batch: v.seq, paidOn: '2026-04-20' }, new Date('2026-04-20T12:00:00Z'));
    expect(paid).toMatchObject({ ok: true, value: { paid: [ref(a), ref(b), ref(c)], skipped: [] } });
    const rowA = await t.db.document.findUniqueOrThrow({ where: { id: a.id } });
    expect(rowA).toMatchObject({ status: 'paid', paymentRef: `PB-${v.seq}` });
    expect(rowA.paidAt?.toISOString()).toBe('2026-04-20T00:00:00.000Z');
  });

  it('a CSV batch takes any currency, but its SEPA file is refused with a reason per invoice', async () => {
    const eur = await invoice({ supplierName: 'Good OÜ', dueDate: '2026-06-01' });
    const gbp = await invoice({ supplierName: 'Pounds Ltd', currency: 'GBP', dueDate: '2026-06-02' });
    const bad = await invoice({ supplierName: 'Typo SA', iban: 'FR1420041010050500013M02607', dueDate: '2026-06-03' });
    const batch = await createPaymentBatch(t.db, { workspaceId: W, actorId: s.id.payer, from: '2026-06-01', to: '2026-06-30', format: 'csv' });
    expect(batch).toMatchObject({ ok: true, value: { format: 'csv', count: 3, currency: null, total: '300.00', skipped: [] } });
    if (!batch.ok) return;
    const out = sink();
    const r = await writePaymentFile(t.db, { workspaceId: W, batch: batch.value.seq, format: 'pain001' }, out);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toContain(`${ref(gbp)} (invoice ${gbp.invoiceNumber}, Pounds Ltd): its currency is GBP; SEPA transfers are in EUR only.`);
    expect(r.reason).toContain(`${ref(bad)} (invoice ${bad.invoiceNumber}, Typo SA): IBAN FR1420041010050500013M02607 fails its checksum (a typing error?).`);
    expect(r.reason).not.toContain(ref(eur));
    expect(out.bytes()).toBe(0);
    const xlsx = sink();
    expect(await writePaymentFile(t.db, { workspaceId: W, batch: batch.value.seq, format: 'xlsx' }, xlsx)).toMatchObject({ ok: true, value: { rows: 3 } });
    expect(xlsx.text().slice(0, 2)).toBe('PK'); // a zip: an XLSX workbook
  });
});

describe('the pain.001 validator', () => {
  const msg: SepaMessage = {
    msgId: 'MSG-1',
    createdAt: new Date('2026-04-16T08:00:00Z'),
    executionDate: '2026-04-20',
    paymentInfoId: 'PB-1',
    initiatingParty: 'Countersign OÜ',
    debtor: { name: 'Countersign OÜ', iban: 'EE382200221020145685', bic: null },
    transfers: [
      { endToEndId: 'DOC-1', amount: '10.00', currency: 'EUR', creditorName: 'A', creditorIban: 'DE89370400440532013000', remittance: 'INV-1' },
      { endToEndId: 'DOC-2', amount: '5.25', currency: 'EUR', creditorName: 'B', creditorIban: 'FR1420041010050500013M02606', remittance: null },
    ],
  };
  const good = buildPain001(msg);

  it('accepts a good file (debtor agent NOTPROVIDED without a BIC)', () => {
    expect(good).toContain('<Othr><Id>NOTPROVIDED</Id></Othr>');
    expect(validatePain001(good)).toEqual([]);
  });

  it.each([
    ['NbOfTxs inconsistent', (x: string) => x.replace('<NbOfTxs>2</NbOfTxs>', '<NbOfTxs>3</NbOfTxs>'), /GrpHdr: NbOfTxs 3 but the file has 2/],
    ['CtrlSum inconsistent', (x: string) => x.replace('<CtrlSum>15.25</CtrlSum>', '<CtrlSum>15.24</CtrlSum>'), /GrpHdr: CtrlSum 15.24 but the transactions add up to 15.25/],
    ['MsgId over 35', (x: string) => x.replace('<MsgId>MSG-1</MsgId>', `<MsgId>${'M'.repeat(36)}</MsgId>`), /MsgId is longer than 35/],
    ['MsgId missing', (x: string) => x.replace('<MsgId>MSG-1</MsgId>', ''), /GrpHdr: MsgId is missing/],
    ['bad IBAN', (x: string) => x.replace('DE89370400440532013000', 'DE89370400440532013001'), /CdtrAcct\/Id\/IBAN DE89370400440532013001 is not a valid IBAN/],
    ['not EUR', (x: string) => x.replace('Ccy="EUR">10.00', 'Ccy="USD">10.00'), /currency must be EUR, not USD/],
    ['three decimals', (x: string) => x.replace('>5.25<', '>5.250<'), /InstdAmt 5.250 is not an amount/],
    ['creditor name missing', (x: string) => x.replace('<Cdtr><Nm>A</Nm></Cdtr>', ''), /CdtTrfTxInf 1: Cdtr\/Nm is missing/],
    ['PmtMtd not TRF', (x: string) => x.replace('<PmtMtd>TRF</PmtMtd>', '<PmtMtd>CHK</PmtMtd>'), /PmtMtd must be TRF/],
    ['wrong namespace', (x: string) => x.replace('pain.001.001.03', 'pain.001.001.09'), /namespace/],
    ['unescaped ampersand', (x: string) => x.replace('<Nm>A</Nm>', '<Nm>A & B</Nm>'), /Not well-formed XML/],
  ])('reports %s', (_name, tamper, problem) => {
    const problems = validatePain001(tamper(good));
    expect(problems.join('\n')).toMatch(problem);
  });
});

describe('marking paid', () => {
  it('only a payment manager, only an approved document; a paid document stays paid', async () => {
    const d = await invoice({ dueDate: '2026-07-01' });
    const pending = await invoice({ status: 'in_review', dueDate: '2026-07-01' });
    const now = new Date('2026-07-02T09:00:00Z');
    const req = { workspaceId: W, documentId: d.id, paidOn: '2026-07-02', reference: 'BANK-REF-1' };
    expect(await markPaid(t.db, { ...req, actorId: s.id.auditor }, now)).toEqual({ ok: false, reason: 'Auditors have read-only access: they cannot change anything.' });
    for (const who of ['admin', 'book', 'appr1', 'emp'] as const) expect(await markPaid(t.db, { ...req, actorId: s.id[who] }, now)).toEqual({ ok: false, reason: 'Only a payment manager can do that.' });
    expect(await markPaid(t.db, { ...req, actorId: s.id.payer, documentId: pending.id }, now)).toEqual({ ok: false, reason: `${ref(pending)} is in_review; only an approved document can be marked paid.` });
    expect(await markPaid(t.db, { ...req, actorId: s.id.payer, paidOn: '2026-13-01' }, now)).toMatchObject({ ok: false, reason: expect.stringMatching(/not a date/) });
    expect(await markPaid(t.db, { ...req, actorId: s.id.payer, paidOn: '2026-07-10' }, now)).toMatchObject({ ok: false, reason: expect.stringMatching(/in the future/) });
    expect((await t.db.document.findUniqueOrThrow({ where: { id: d.id } })).status).toBe('approved');
    expect(await t.db.auditEvent.count({ where: { documentId: d.id, action: 'marked_paid' } })).toBe(0);

    // Two clicks at once: one payment.
    const [r1, r2] = await Promise.all([markPaid(t.db, { ...req, actorId: s.id.payer }, now), markPaid(t.db, { ...req, actorId: s.id.payer }, now)]);
    expect([r1.ok, r2.ok].sort()).toEqual([false, true]);
    const row = await t.db.document.findUniqueOrThrow({ where: { id: d.id } });
    expect(row).toMatchObject({ status: 'paid', paymentRef: 'BANK-REF-1', updatedById: s.id.payer });
    expect(row.paidAt?.toISOString()).toBe('2026-07-02T00:00:00.000Z');
    const events = await t.db.auditEvent.findMany({ where: { documentId: d.id, action: 'marked_paid' } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: s.id.payer, fromState: 'approved', toState: 'paid', details: { paidOn: '2026-07-02', reference: 'BANK-REF-1' } });
    expect(await markPaid(t.db, { ...req, actorId: s.id.payer }, now)).toEqual({ ok: false, reason: `${ref(d)} was already marked paid on 2026-07-02.` });

    // The payments report for July has it, with who marked it paid.
    const out = sink();
    expect(await exportPaymentsReport(t.db, { workspaceId: W, actorId: s.id.payer, from: '2026-07-01', to: '2026-07-31', format: 'csv' }, out)).toMatchObject({ ok: true, value: { rows: 1 } });
    const rows = parseCsv(out.text(), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({ Reference: ref(d), Amount: '100.00', 'Paid on': '2026-07-02', 'Payment reference': 'BANK-REF-1', 'Marked paid by': 'payer' });
    expect(await exportPaymentsReport(t.db, { workspaceId: W, actorId: s.id.emp, from: '2026-07-01', to: '2026-07-31', format: 'csv' }, sink())).toMatchObject({ ok: false });
  });
});
