// A document's history after a full life on the real engine: created, a field corrected, coded,
// agreed, rejected by a substitute "on behalf of" the approver, resubmitted, coded again, agreed,
// approved by the substitute, marked paid. Every event is there as a sentence, with who and when,
// and only people who may see the document see its history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEvent, documentHistory, type DocumentHistory } from '../../client/history';
import { markPaid } from '../../payments';
import { addSubstitution } from '../../client/substitutes';
import { createHarness, type Harness } from '../support/engine-harness';
import { seedWorkspace, setChain, type Seeded } from '../../scripts/lib/seed';
import { codeAndSend, decideOk, k, waitNote } from '../workflows/flow';

let h: Harness;
let s: Seeded;
let documentId: string;
let history: DocumentHistory;

beforeAll(async () => {
  h = await createHarness();
  s = await seedWorkspace(h.db, 'WH');
  await setChain(
    h.db,
    s.workspaceId,
    'main',
    [
      { type: 'coding', mode: 'any', assignees: [] },
      { type: 'coordinate', mode: 'any', assignees: [s.id.coord1] },
      { type: 'approve', mode: 'any', assignees: [s.id.appr1] },
    ],
    {},
    true,
  );
  // appr2 stands in for appr1 during the whole round.
  const sub = await addSubstitution(h.db, h.engine, { workspaceId: s.workspaceId, actorId: s.id.admin, substituteId: s.id.appr2, forUserId: s.id.appr1, startsAt: Date.now() - 60_000, endsAt: Date.now() + 3_600_000 });
  expect(sub).toMatchObject({ ok: true });

  const doc = await h.engine.submit({ workspaceId: s.workspaceId, submitterId: s.id.book, kind: 'invoice', fields: { totalAmount: '100.00', currency: 'EUR', supplierName: 'Acme OÜ', invoiceNumber: 'INV-7', iban: 'EE382200221020145685' } });
  documentId = doc.documentId;
  await waitNote(h, documentId, 'confirm_request');
  expect(await h.engine.confirm(documentId, { actorId: s.id.book, key: k('confirm'), fields: { totalAmount: '120.00' } })).toMatchObject({ ok: true });

  // Round 1: coded, agreed, rejected by the substitute.
  await waitNote(h, documentId, 'step_assigned', { recipientId: s.id.book, round: 1 });
  await codeAndSend(h, documentId, s.id.book, '120.00');
  await waitNote(h, documentId, 'step_assigned', { recipientId: s.id.coord1, round: 1 });
  await decideOk(h, documentId, s.id.coord1);
  await waitNote(h, documentId, 'step_offered', { recipientId: s.id.appr2, round: 1 });
  expect(await decideOk(h, documentId, s.id.appr2, 'reject', 'VAT rate is wrong, see line 2')).toMatchObject({ onBehalfOf: s.id.appr1 });
  await waitNote(h, documentId, 'status_changed', { message: 'rejected' });

  // Round 2: resubmitted with the VAT corrected, coded again, agreed, approved by the substitute.
  expect(await h.engine.editFields(documentId, { actorId: s.id.book, key: k('edit'), fields: { vatAmount: '20.00' } })).toMatchObject({ ok: true });
  expect(await h.engine.resubmit(documentId, { actorId: s.id.book, key: k('resubmit') })).toMatchObject({ ok: true });
  await waitNote(h, documentId, 'step_assigned', { recipientId: s.id.book, round: 2 });
  const recoded = await h.engine.saveCoding(documentId, { actorId: s.id.book, key: k('coding'), lines: [{ account: '6010', vatCode: 'VAT24', costCentre: 'CC1', project: null, amount: '120.00' }] });
  expect(recoded).toMatchObject({ ok: true });
  await decideOk(h, documentId, s.id.book);
  await waitNote(h, documentId, 'step_assigned', { recipientId: s.id.coord1, round: 2 });
  await decideOk(h, documentId, s.id.coord1);
  await waitNote(h, documentId, 'step_offered', { recipientId: s.id.appr2, round: 2 });
  await decideOk(h, documentId, s.id.appr2);
  expect(await h.engine.result(documentId)).toBe('approved');

  expect(await markPaid(h.db, { workspaceId: s.workspaceId, actorId: s.id.payer, documentId, paidOn: new Date().toISOString().slice(0, 10), reference: 'SEPA-1' })).toMatchObject({ ok: true });

  const r = await documentHistory(h.db, s.workspaceId, documentId, s.id.auditor);
  expect(r.ok, r.ok ? '' : r.reason).toBe(true);
  if (r.ok) history = r.value;
}, 120_000);
afterAll(async () => h?.close());

describe('document history', () => {
  it('says who created the document and when, and who changed it last and when', async () => {
    const row = await h.db.document.findUniqueOrThrow({ where: { id: documentId } });
    expect(history.reference).toBe(`DOC-${row.number}`);
    expect(history.status).toBe('paid');
    expect(history.createdBy).toEqual({ id: s.id.book, name: 'book' });
    expect(history.createdAt).toEqual(row.createdAt);
    const paid = await h.db.auditEvent.findFirstOrThrow({ where: { documentId, action: 'marked_paid' } });
    expect(history.lastChangedBy).toEqual({ id: s.id.payer, name: 'payer' });
    expect(history.lastChangedAt).toEqual(paid.at);
  });

  it('tells the whole life in order, one sentence per event', () => {
    const texts = history.entries.map((e) => e.text);
    const expected = [
      'book created the purchase invoice',
      'Ready for the fields to be checked and confirmed',
      'Total changed from 100.00 to 120.00',
      'book confirmed the fields',
      'Round 1 started on the chain main',
      'Stage 1 (coding) opened for any bookkeeper',
      'book coded the document: 6010 / VAT22 / CC1: 120.00',
      'book sent the document to approval',
      'Stage 2 (coordination) opened for coord1',
      'coord1 agreed',
      'Stage 3 (approval) opened for appr1',
      'appr2 rejected on behalf of appr1: VAT rate is wrong, see line 2',
      'The document went back for correction (VAT rate is wrong, see line 2)',
      'VAT amount changed from (empty) to 20.00',
      'book resubmitted the document',
      // The resubmission chooses the chain again, from the corrected fields.
      'Round 2 started on the chain main',
      'Stage 1 (coding) opened for any bookkeeper',
      'book changed the coding from 6010 / VAT22 / CC1: 120.00 to 6010 / VAT24 / CC1: 120.00',
      'book sent the document to approval',
      'Stage 2 (coordination) opened for coord1',
      'coord1 agreed',
      'Stage 3 (approval) opened for appr1',
      'appr2 approved on behalf of appr1',
      'The document was approved',
      expect.stringMatching(/^payer marked the document paid on \d{4}-\d{2}-\d{2} \(reference SEPA-1\)$/),
    ];
    expect(texts).toEqual(expected);
    // Times never go backwards.
    const times = history.entries.map((e) => e.at.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('covers every audit event of the document', async () => {
    const events = await h.db.auditEvent.findMany({ where: { documentId }, orderBy: { id: 'asc' } });
    expect(new Set(history.entries.map((e) => e.eventId))).toEqual(new Set(events.map((e) => e.id.toString())));
    for (const e of history.entries) expect(e.text.length, e.action).toBeGreaterThan(5);
  });

  it('records "on behalf of", states and field changes as data, not only text', () => {
    const rejected = history.entries.find((e) => e.action === 'rejected')!;
    expect(rejected).toMatchObject({ actorId: s.id.appr2, actorName: 'appr2', onBehalfOfId: s.id.appr1, onBehalfOfName: 'appr1', fromState: 'in_review', toState: 'in_review' });
    const approvals = history.entries.filter((e) => e.action === 'approved');
    expect(approvals.map((e) => [e.actorName, e.onBehalfOfName, e.fromState, e.toState])).toEqual([
      ['appr2', 'appr1', 'in_review', 'in_review'],
      [null, null, 'in_review', 'approved'],
    ]);
    const returned = history.entries.find((e) => e.action === 'returned')!;
    expect([returned.fromState, returned.toState]).toEqual(['in_review', 'rejected']);
    const total = history.entries.find((e) => e.field === 'totalAmount')!;
    expect(total).toMatchObject({ action: 'fields_changed', actorName: 'book', from: '100.00', to: '120.00' });
    expect(history.entries.find((e) => e.action === 'marked_paid')).toMatchObject({ fromState: 'approved', toState: 'paid', actorName: 'payer' });
  });

  it('is shown to those who may see the document, and refused to others', async () => {
    for (const who of ['admin', 'auditor', 'book', 'coord1', 'appr1', 'appr2', 'payer'] as const) {
      const r = await documentHistory(h.db, s.workspaceId, documentId, s.id[who]);
      expect(r.ok, who).toBe(true);
    }
    for (const who of ['emp', 'emp2', 'coord2', 'cfo'] as const) {
      expect(await documentHistory(h.db, s.workspaceId, documentId, s.id[who]), who).toEqual({ ok: false, reason: 'You do not have access to this document.' });
    }
    expect(await documentHistory(h.db, 'another-workspace', documentId, s.id.auditor)).toEqual({ ok: false, reason: 'No such document.' });
  });
});

describe('sentences for the events this round did not produce', () => {
  const names: Record<string, string> = { u1: 'Ann', u2: 'Bob', u3: 'Carl' };
  const nameOf = (id: string | null | undefined) => (id ? (names[id] ?? id) : 'nobody');
  const ev = (action: string, p: Partial<{ actorId: string | null; onBehalfOfId: string | null; fromState: string; toState: string; details: unknown }> = {}) => ({
    action,
    actorId: p.actorId ?? null,
    onBehalfOfId: p.onBehalfOfId ?? null,
    fromState: p.fromState ?? 'in_review',
    toState: p.toState ?? 'in_review',
    details: p.details ?? null,
  });

  it.each([
    [ev('reminder_sent', { details: { stageIndex: 1, to: ['u1', 'u2'] } }), 'Reminder sent to Ann and Bob'],
    [ev('escalated', { details: { stageIndex: 1, to: ['u3'] } }), 'Escalated to Carl'],
    [ev('reassigned', { actorId: 'u3', details: { stageIndex: 2, from: 'u1', to: 'u2' } }), 'Carl reassigned stage 3 from Ann to Bob'],
    [ev('agreed', { actorId: 'u2', onBehalfOfId: 'u1' }), 'Bob agreed on behalf of Ann'],
    [ev('withdraw_requested', { actorId: 'u1', details: { reason: 'duplicate' } }), 'Ann withdrew the document: duplicate'],
    [ev('withdrawn', { fromState: 'in_review', toState: 'withdrawn' }), 'The document was withdrawn'],
    [ev('reroute_requested', { actorId: 'u3' }), 'Carl re-routed the document to the chain now in force'],
    [ev('chain_changed', { details: { from: 'small', to: 'big', round: 2 } }), 'The corrected fields chose another chain: small → big'],
    [ev('step_opened', { details: { stageIndex: 2, stage: 'approve', mode: 'all', assignees: ['u1', 'u2', 'u3'] } }), 'Stage 3 (approval) opened for Ann, Bob and Carl, all must agree'],
    [ev('extraction_failed', { details: { error: 'unreadable scan' } }), 'Reading the file failed: unreadable scan; the fields are to be entered by hand'],
    [ev('payment_batched', { actorId: 'u1', details: { batchSeq: 4 } }), 'Ann put the invoice in payment batch 4'],
    [ev('role_added', { actorId: 'u3', details: { userId: 'u1', role: 'auditor' } }), 'Carl gave Ann the auditor role'],
    [ev('something_new', { actorId: 'u1', fromState: 'approved', toState: 'paid' }), 'Ann: something new (approved → paid)'],
  ])('%#: %s', (e, text) => {
    expect(describeEvent(e, nameOf)).toEqual([text]);
  });

  it('one sentence per corrected field, kind changes included', () => {
    const e = ev('fields_changed', { actorId: 'u1', details: { changes: { totalAmount: { from: '100.00', to: '120.00' }, supplierName: { from: null, to: 'Õun & Co' } }, kind: { from: 'expense', to: 'invoice' } } });
    expect(describeEvent(e, nameOf)).toEqual(['Total changed from 100.00 to 120.00', 'Supplier changed from (empty) to Õun & Co', 'Kind changed from expense to invoice']);
  });
});
