// The chain is chosen when each round starts, from the fields as they are then: a correction
// after a rejection goes through the chain for the corrected amount (and the people are told
// the chain changed); once a round has started, the fields that chose the chain stay as they
// were; confirming needs what routing needs, whoever calls the engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/engine-harness';
import { seedWorkspace, setChain, type Seeded } from '../../scripts/lib/seed';
import { audit, codeAndSend, decideOk, decideRefused, k, state, submitConfirmed, waitNote } from './flow';

let h: Harness;
let s: Seeded;

beforeAll(async () => {
  h = await createHarness();
  s = await seedWorkspace(h.db, 'W-chain-per-round');
  await setChain(h.db, s.workspaceId, 'small', [{ type: 'approve', mode: 'any', assignees: [s.id.appr1] }], {}, true);
  await setChain(h.db, s.workspaceId, 'big', [{ type: 'coordinate', mode: 'any', assignees: [s.id.coord1] }, { type: 'approve', mode: 'any', assignees: [s.id.cfo] }], { kind: 'expense', minAmount: '5000.00' });
  await setChain(h.db, s.workspaceId, 'invoices', [{ type: 'coding', mode: 'any', assignees: [] }, { type: 'approve', mode: 'any', assignees: [s.id.appr2] }], { kind: 'invoice', maxAmount: '5000.00' });
  await setChain(h.db, s.workspaceId, 'big-invoices', [{ type: 'coding', mode: 'any', assignees: [] }, { type: 'approve', mode: 'any', assignees: [s.id.cfo] }], { kind: 'invoice', minAmount: '5000.00' });
});
afterAll(async () => h?.close());

describe('a correction after a rejection', () => {
  it('a rejected expense of 100 corrected to 9,000 goes through the big chain, and everyone involved is told', async () => {
    const doc = await submitConfirmed(h, s, { total: '100.00' });
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.appr1 });
    expect((await state(h, doc.documentId)).chainName).toBe('small');
    await decideOk(h, doc.documentId, s.id.appr1, 'reject', 'Wrong amount: the receipt says 9,000');
    await waitNote(h, doc.documentId, 'status_changed', { recipientId: s.id.emp, message: 'rejected' });

    expect(await h.engine.resubmit(doc.documentId, { actorId: s.id.emp, key: k('resubmit'), fields: { totalAmount: '9000.00' } })).toMatchObject({ ok: true });
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.coord1, round: 2 });
    const st = await state(h, doc.documentId);
    expect(st).toMatchObject({ chainName: 'big', round: 2, openStep: { type: 'coordinate', assignees: [s.id.coord1] } });
    // The small chain's approver cannot finish it any more.
    expect(await decideRefused(h, doc.documentId, s.id.appr1)).toBe('You are not an assignee of the coordination step.');

    // Visible: an audit event and a note to the submitter and to who decided before.
    const changed = (await audit(h, doc.documentId)).filter((e) => e.action === 'chain_changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]!.details).toMatchObject({ from: 'small', to: 'big', round: 2 });
    for (const who of [s.id.emp, s.id.appr1]) {
      const note = await waitNote(h, doc.documentId, 'chain_changed', { recipientId: who, round: 2 });
      expect(note.message).toBe('small → big');
    }
    const row = await h.db.document.findUniqueOrThrow({ where: { id: doc.documentId } });
    expect(row.chainName).toBe('big');

    await decideOk(h, doc.documentId, s.id.coord1);
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.cfo, round: 2 });
    await decideOk(h, doc.documentId, s.id.cfo);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
  });

  it('a correction that keeps the chain starts the round on it again, with no chain-change note', async () => {
    const doc = await submitConfirmed(h, s, { total: '100.00' });
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.appr1 });
    await decideOk(h, doc.documentId, s.id.appr1, 'reject', 'Receipt missing');
    await waitNote(h, doc.documentId, 'status_changed', { recipientId: s.id.emp, message: 'rejected' });
    expect(await h.engine.resubmit(doc.documentId, { actorId: s.id.emp, key: k('resubmit'), fields: { totalAmount: '98.00' } })).toMatchObject({ ok: true });
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.appr1, round: 2 });
    expect((await state(h, doc.documentId)).chainName).toBe('small');
    const events = await audit(h, doc.documentId);
    expect(events.filter((e) => e.action === 'round_started').map((e) => e.details)).toMatchObject([{ chain: 'small', round: 1 }, { chain: 'small', round: 2 }]);
    expect(events.filter((e) => e.action === 'chain_changed')).toHaveLength(0);
    await decideOk(h, doc.documentId, s.id.appr1);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
  });
});

describe('fields once the round has started', () => {
  it('an Edit modal kept open across the confirmation cannot change the total during coding; other fields still can', async () => {
    const doc = await submitConfirmed(h, s, { kind: 'invoice', total: '400.00' });
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.book });
    expect((await state(h, doc.documentId)).chainName).toBe('invoices');

    // The modal sends every field: the unchanged total passes, a changed one is refused.
    const raised = await h.engine.editFields(doc.documentId, { actorId: s.id.book, key: k('edit'), fields: { totalAmount: '9000.00', currency: 'EUR', description: 'Servers' } });
    expect(raised).toEqual({
      ok: false,
      reason: "The total chose this document's approval chain, so it cannot change once the approval round has started. Reject the document to correct it: when it is resubmitted, its chain is chosen again.",
    });
    const supplier = await h.engine.editFields(doc.documentId, { actorId: s.id.book, key: k('edit'), fields: { supplierName: 'Other Ltd' } });
    expect(supplier).toMatchObject({ ok: false, reason: expect.stringMatching(/^The supplier chose/) });
    expect(await h.engine.editFields(doc.documentId, { actorId: s.id.book, key: k('edit'), fields: { totalAmount: '400', currency: 'eur', description: 'Servers' } })).toMatchObject({ ok: true });

    const row = await h.db.document.findUniqueOrThrow({ where: { id: doc.documentId } });
    expect([row.totalAmount?.toFixed(2), row.supplierName, row.description]).toEqual(['400.00', 'Acme OÜ', 'Servers']);
    await codeAndSend(h, doc.documentId, s.id.book, '400.00');
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.appr2 });
    await decideOk(h, doc.documentId, s.id.appr2);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
  });

  it('after a rejection the total can be corrected again, and the resubmission routes on it', async () => {
    const doc = await submitConfirmed(h, s, { kind: 'invoice', total: '400.00' });
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.book });
    await decideOk(h, doc.documentId, s.id.book, 'reject', 'The total is 8,000');
    await waitNote(h, doc.documentId, 'status_changed', { recipientId: s.id.book, message: 'rejected' });
    expect(await h.engine.editFields(doc.documentId, { actorId: s.id.book, key: k('edit'), fields: { totalAmount: '8000.00' } })).toMatchObject({ ok: true });
    expect(await h.engine.resubmit(doc.documentId, { actorId: s.id.book, key: k('resubmit') })).toMatchObject({ ok: true });
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.book, round: 2 });
    expect((await state(h, doc.documentId)).chainName).toBe('big-invoices');
    await codeAndSend(h, doc.documentId, s.id.book, '8000.00');
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.cfo, round: 2 });
    await decideOk(h, doc.documentId, s.id.cfo);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
  });
});

describe('confirming needs what routing needs', () => {
  it('a document without a total is not confirmed, so it never falls to the default chain', async () => {
    const doc = await h.engine.submit({ workspaceId: s.workspaceId, submitterId: s.id.emp, kind: 'expense', fields: { currency: 'EUR' } });
    await waitNote(h, doc.documentId, 'confirm_request');
    expect(await h.engine.confirm(doc.documentId, { actorId: s.id.emp, key: k('confirm') })).toEqual({ ok: false, reason: 'The total is required.' });
    expect(await h.engine.confirm(doc.documentId, { actorId: s.id.emp, key: k('confirm'), fields: { totalAmount: null } })).toEqual({ ok: false, reason: 'The total is required.' });
    expect((await state(h, doc.documentId)).status).toBe('confirming');
    expect((await audit(h, doc.documentId)).filter((e) => e.action === 'round_started' || e.action === 'confirmed')).toHaveLength(0);
    expect(await h.engine.confirm(doc.documentId, { actorId: s.id.emp, key: k('confirm'), fields: { totalAmount: '6000.00' } })).toMatchObject({ ok: true });
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.coord1 });
    expect((await state(h, doc.documentId)).chainName).toBe('big');
  });
});
