// A document's life beyond the happy path: rejection back to the right person with the
// reason, resubmission with a fix, withdraw, administrator reassign of a stuck step, races
// between decisions, and an audit log with every transition and decision written once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/engine-harness';
import { seedWorkspace, setChain, type Seeded } from '../../scripts/lib/seed';
import { actionCounts, audit, codeAndSend, decideOk, decideRefused, k, notes, oneLine, setInvoiceChain, state, submitConfirmed, waitNote } from './flow';

let h: Harness;
let s: Seeded;

beforeAll(async () => {
  h = await createHarness();
  s = await seedWorkspace(h.db, 'W-life');
  await setInvoiceChain(h, s);
  await setChain(h.db, s.workspaceId, 'expenses', [{ type: 'approve', mode: 'any', assignees: [s.id.appr1, s.id.appr2] }], {}, true);
});
afterAll(async () => h?.close());

describe('reject → back to the right person → resubmit → approved', () => {
  it('an invoice goes back to the bookkeepers with the reason; a bookkeeper fixes and resubmits', async () => {
    // An employee forwarded the invoice; the bookkeeper owns it from there.
    const doc = await submitConfirmed(h, s, { kind: 'invoice', submitterId: s.id.emp, total: '250.00' });
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.book });
    await codeAndSend(h, doc.documentId, s.id.book, '250.00');
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 1, recipientId: s.id.coord1 });

    // No reason, no rejection.
    expect(await decideRefused(h, doc.documentId, s.id.coord1, 'reject')).toMatch(/reason is required/);
    expect(await decideRefused(h, doc.documentId, s.id.coord1, 'reject', '   ')).toMatch(/reason is required/);
    expect((await state(h, doc.documentId)).status).toBe('in_review');

    const rejected = await decideOk(h, doc.documentId, s.id.coord1, 'reject', 'Wrong amount: the invoice says 240.00');
    expect(rejected.ok && rejected.message).toMatch(/Rejected/);
    const told = await waitNote(h, doc.documentId, 'status_changed', { recipientId: s.id.book, message: 'rejected' });
    expect(told.reason).toBe('Wrong amount: the invoice says 240.00');
    expect(told.status).toBe('rejected');
    const row = await h.db.document.findUniqueOrThrow({ where: { id: doc.documentId } });
    expect(row).toMatchObject({ status: 'rejected', rejectReason: 'Wrong amount: the invoice says 240.00' });

    // Only a bookkeeper resubmits an invoice; the employee who forwarded it cannot.
    const byEmp = await h.engine.resubmit(doc.documentId, { actorId: s.id.emp, key: k('resubmit') });
    expect(byEmp).toMatchObject({ ok: false, reason: expect.stringMatching(/bookkeeper/) });
    const resubmitted = await h.engine.resubmit(doc.documentId, { actorId: s.id.book, key: k('resubmit'), fields: { totalAmount: '240.00' } });
    expect(resubmitted).toMatchObject({ ok: true });

    // The round starts again from coding: the old coding no longer balances.
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.book, round: 2 });
    const refusedSend = await h.engine.decide(doc.documentId, { actorId: s.id.book, action: 'approve', key: k('send') });
    expect(refusedSend).toMatchObject({ ok: false, reason: expect.stringMatching(/240\.00/) });
    await codeAndSend(h, doc.documentId, s.id.book, '240.00');
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 1, recipientId: s.id.coord1, round: 2 });
    await decideOk(h, doc.documentId, s.id.coord1);
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 2, recipientId: s.id.appr1, round: 2 });
    await decideOk(h, doc.documentId, s.id.appr1);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
    // The submitter and, for an invoice, the bookkeepers hear that it is approved.
    await waitNote(h, doc.documentId, 'status_changed', { recipientId: s.id.emp, message: 'approved' });
    await waitNote(h, doc.documentId, 'status_changed', { recipientId: s.id.book, message: 'approved' });

    const final = await h.db.document.findUniqueOrThrow({ where: { id: doc.documentId } });
    expect(final).toMatchObject({ status: 'approved', round: 2, rejectReason: null, chainName: 'invoices' });
    expect(final.totalAmount?.toFixed(2)).toBe('240.00');
    const counts = await actionCounts(h, doc.documentId);
    expect(counts).toMatchObject({ rejected: 1, returned: 1, resubmitted: 1, fields_changed: 1, coded: 2, agreed: 1, approved: 2 });
  });

  it('an expense report goes back to its submitter (not the bookkeepers) with the reason', async () => {
    const doc = await submitConfirmed(h, s, { kind: 'expense', total: '80.00' });
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.appr2 });
    await decideOk(h, doc.documentId, s.id.appr2, 'reject', 'Please attach the receipt description');
    const told = await waitNote(h, doc.documentId, 'status_changed', { recipientId: s.id.emp, message: 'rejected' });
    expect(told.reason).toBe('Please attach the receipt description');
    expect(notes(h, doc.documentId, 'status_changed').filter((e) => e.recipientId === s.id.book)).toHaveLength(0);

    // Someone else cannot resubmit; the submitter fixes a field and resubmits.
    expect(await h.engine.resubmit(doc.documentId, { actorId: s.id.emp2, key: k('resubmit') })).toMatchObject({ ok: false });
    expect(await h.engine.resubmit(doc.documentId, { actorId: s.id.book, key: k('resubmit') })).toMatchObject({ ok: false });
    const again = await h.engine.resubmit(doc.documentId, { actorId: s.id.emp, key: k('resubmit'), fields: { description: 'Taxi to the client, receipt attached' } });
    expect(again).toMatchObject({ ok: true });
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.appr1, round: 2 });
    await decideOk(h, doc.documentId, s.id.appr1);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
    const final = await h.db.document.findUniqueOrThrow({ where: { id: doc.documentId } });
    expect(final).toMatchObject({ status: 'approved', description: 'Taxi to the client, receipt attached', rejectReason: null });
  });

  it('a resubmit before any rejection is refused', async () => {
    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.appr1 });
    expect(await h.engine.resubmit(doc.documentId, { actorId: s.id.emp, key: k('resubmit') })).toMatchObject({ ok: false, reason: expect.stringMatching(/only a rejected document/) });
    await decideOk(h, doc.documentId, s.id.appr1);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
  });
});

describe('withdraw', () => {
  it('by the submitter while undecided; refused for anyone else', async () => {
    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.appr1 });
    for (const other of [s.id.emp2, s.id.admin, s.id.appr1, s.id.book]) {
      expect(await h.engine.withdraw(doc.documentId, { actorId: other, key: k('withdraw') })).toMatchObject({ ok: false, reason: expect.stringMatching(/Only the submitter/) });
    }
    expect((await state(h, doc.documentId)).status).toBe('in_review');
    const r = await h.engine.withdraw(doc.documentId, { actorId: s.id.emp, key: k('withdraw'), reason: 'Duplicate' });
    expect(r).toMatchObject({ ok: true, status: 'withdrawn' });
    expect(await h.engine.result(doc.documentId)).toBe('withdrawn');
    await waitNote(h, doc.documentId, 'step_closed', { recipientId: s.id.appr1, message: 'withdrawn' });
    expect(await decideRefused(h, doc.documentId, s.id.appr1)).toMatch(/closed/);
    const counts = await actionCounts(h, doc.documentId);
    expect(counts).toMatchObject({ withdraw_requested: 1, withdrawn: 1 });
    expect((await h.db.document.findUniqueOrThrow({ where: { id: doc.documentId } })).status).toBe('withdrawn');
  });

  it('while confirming and after a rejection', async () => {
    const a = await h.engine.submit({ workspaceId: s.workspaceId, submitterId: s.id.emp, kind: 'expense', fields: { totalAmount: '5.00' } });
    await waitNote(h, a.documentId, 'confirm_request');
    expect(await h.engine.withdraw(a.documentId, { actorId: s.id.emp, key: k('withdraw') })).toMatchObject({ ok: true });
    expect(await h.engine.result(a.documentId)).toBe('withdrawn');

    const b = await submitConfirmed(h, s);
    await waitNote(h, b.documentId, 'step_assigned', { recipientId: s.id.appr1 });
    await decideOk(h, b.documentId, s.id.appr1, 'reject', 'Not a business expense');
    await waitNote(h, b.documentId, 'status_changed', { recipientId: s.id.emp, message: 'rejected' });
    expect(await h.engine.withdraw(b.documentId, { actorId: s.id.emp, key: k('withdraw') })).toMatchObject({ ok: true });
    expect(await h.engine.result(b.documentId)).toBe('withdrawn');
  });

  it('refused after approval', async () => {
    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.appr1 });
    await decideOk(h, doc.documentId, s.id.appr1);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
    const r = await h.engine.withdraw(doc.documentId, { actorId: s.id.emp, key: k('withdraw') });
    expect(r).toMatchObject({ ok: false });
    expect((await h.db.document.findUniqueOrThrow({ where: { id: doc.documentId } })).status).toBe('approved');
    expect(await h.db.auditEvent.count({ where: { documentId: doc.documentId, action: { in: ['withdraw_requested', 'withdrawn'] } } })).toBe(0);
  });
});

describe('races between people', () => {
  it('a final approval and a withdrawal at the same moment: exactly one wins, and the outcome matches the answers', async () => {
    const docs = await Promise.all([1, 2, 3, 4].map(() => submitConfirmed(h, s)));
    await Promise.all(docs.map((d) => waitNote(h, d.documentId, 'step_assigned', { recipientId: s.id.appr1 })));
    for (const doc of docs) {
      const [approve, withdraw] = await Promise.all([
        h.engine.decide(doc.documentId, { actorId: s.id.appr1, action: 'approve', key: k('approve') }),
        h.engine.withdraw(doc.documentId, { actorId: s.id.emp, key: k('withdraw') }),
      ]);
      expect([approve.ok, withdraw.ok].filter(Boolean), JSON.stringify([approve, withdraw])).toHaveLength(1);
      expect(await h.engine.result(doc.documentId)).toBe(approve.ok ? 'approved' : 'withdrawn');
    }
  });

  it('an approval and a rejection at the same moment on an ANY stage: exactly one wins', async () => {
    const docs = await Promise.all([1, 2, 3, 4].map(() => submitConfirmed(h, s)));
    await Promise.all(docs.map((d) => waitNote(h, d.documentId, 'step_assigned', { recipientId: s.id.appr2 })));
    for (const doc of docs) {
      const [approve, reject] = await Promise.all([
        h.engine.decide(doc.documentId, { actorId: s.id.appr1, action: 'approve', key: k('approve') }),
        h.engine.decide(doc.documentId, { actorId: s.id.appr2, action: 'reject', key: k('reject'), reason: 'Over budget' }),
      ]);
      expect([approve.ok, reject.ok].filter(Boolean), JSON.stringify([approve, reject])).toHaveLength(1);
      if (approve.ok) {
        expect(await h.engine.result(doc.documentId)).toBe('approved');
      } else {
        await waitNote(h, doc.documentId, 'status_changed', { recipientId: s.id.emp, message: 'rejected' });
        expect((await state(h, doc.documentId)).status).toBe('rejected');
        await h.engine.withdraw(doc.documentId, { actorId: s.id.emp, key: k('withdraw') });
      }
    }
  });
});

describe('administrator reassign of a stuck step', () => {
  it('moves the step to another approver; the old assignee loses it', async () => {
    const ws = await seedWorkspace(h.db, 'W-reassign');
    await setChain(h.db, ws.workspaceId, 'main', [{ type: 'approve', mode: 'all', assignees: [ws.id.appr1, ws.id.cfo] }], {}, true);
    const doc = await submitConfirmed(h, ws);
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: ws.id.appr1 });
    await decideOk(h, doc.documentId, ws.id.cfo);

    const req = (actorId: string, toUserId: string, fromUserId = ws.id.appr1) => h.engine.reassign(doc.documentId, { actorId, key: k('reassign'), stageIndex: 0, fromUserId, toUserId });
    expect(await req(ws.id.appr2, ws.id.appr2)).toMatchObject({ ok: false, reason: expect.stringMatching(/administrator/) });
    expect(await req(ws.id.admin, ws.id.appr2, ws.id.cfo)).toMatchObject({ ok: false, reason: expect.stringMatching(/not a pending assignee/) });
    expect(await req(ws.id.admin, ws.id.emp)).toMatchObject({ ok: false, reason: expect.stringMatching(/submitter/) });
    // Someone who could never decide on an approval step would leave it stuck again.
    expect(await req(ws.id.admin, ws.id.emp2)).toMatchObject({ ok: false, reason: expect.stringMatching(/approver role/) });
    expect(await req(ws.id.admin, ws.id.auditor)).toMatchObject({ ok: false });
    expect((await state(h, doc.documentId)).openStep?.assignees).toEqual([ws.id.appr1, ws.id.cfo]);

    expect(await req(ws.id.admin, ws.id.appr2)).toMatchObject({ ok: true });
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: ws.id.appr2 });
    await waitNote(h, doc.documentId, 'step_withdrawn', { recipientId: ws.id.appr1 });
    expect((await state(h, doc.documentId)).openStep).toMatchObject({ assignees: [ws.id.appr2, ws.id.cfo], decided: [ws.id.cfo] });
    const step = await h.db.step.findFirstOrThrow({ where: { documentId: doc.documentId } });
    expect(step.assignees).toEqual([ws.id.appr2, ws.id.cfo]);
    expect(await decideRefused(h, doc.documentId, ws.id.appr1)).toMatch(/not an assignee/);
    await decideOk(h, doc.documentId, ws.id.appr2);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
    const reassigned = await h.db.auditEvent.findMany({ where: { documentId: doc.documentId, action: 'reassigned' } });
    expect(reassigned).toHaveLength(1);
    expect(reassigned[0]).toMatchObject({ actorId: ws.id.admin, details: { stageIndex: 0, from: ws.id.appr1, to: ws.id.appr2 } });
  });
});

describe('audit', () => {
  it('every transition and decision is written once, also across a worker restart', async () => {
    const doc = await submitConfirmed(h, s, { kind: 'invoice', total: '999.00' });
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.book });
    await codeAndSend(h, doc.documentId, s.id.book, '999.00');
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 1, recipientId: s.id.coord1 });
    await h.stopWorker();
    await h.startWorker();
    await decideOk(h, doc.documentId, s.id.coord1);
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 2, recipientId: s.id.appr1 });
    await decideOk(h, doc.documentId, s.id.appr1);
    expect(await h.engine.result(doc.documentId)).toBe('approved');

    const rows = await audit(h, doc.documentId);
    expect(new Set(rows.map((r) => r.idempotencyKey)).size).toBe(rows.length);
    expect(await actionCounts(h, doc.documentId)).toEqual({
      created: 1,
      extracted: 1,
      confirmed: 1,
      round_started: 1,
      step_opened: 3,
      coding_changed: 1,
      coded: 1,
      agreed: 1,
      approved: 2,
    });
    // The transitions, in order, with their states.
    const transitions = rows.filter((r) => r.fromState !== r.toState).map((r) => `${r.action}:${r.fromState}->${r.toState}`);
    expect(transitions).toEqual(['created:null->extracting', 'extracted:extracting->confirming', 'step_opened:confirming->coding', 'step_opened:coding->in_review', 'approved:in_review->approved']);
    // Decisions name who decided.
    const decisions = rows.filter((r) => ['coded', 'agreed'].includes(r.action) || (r.action === 'approved' && r.fromState === r.toState));
    expect(decisions.map((r) => [r.action, r.actorId, r.onBehalfOfId])).toEqual([
      ['coded', s.id.book, null],
      ['agreed', s.id.coord1, null],
      ['approved', s.id.appr1, null],
    ]);
    // Each notification once per recipient and event.
    const ntf = await h.db.notification.findMany({ where: { documentId: doc.documentId } });
    expect(new Set(ntf.map((n) => n.idempotencyKey)).size).toBe(ntf.length);
    expect(ntf.filter((n) => n.kind === 'step_assigned').map((n) => n.recipientId).sort()).toEqual([s.id.appr1, s.id.book, s.id.coord1].sort());
  });
});

describe('coding lines', () => {
  it('must balance against the total before the document is sent on', async () => {
    const doc = await submitConfirmed(h, s, { kind: 'invoice', total: '100.00' });
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.book });
    expect(await h.engine.decide(doc.documentId, { actorId: s.id.book, action: 'approve', key: k('send') })).toMatchObject({ ok: false, reason: expect.stringMatching(/coding lines/) });
    expect(await h.engine.saveCoding(doc.documentId, { actorId: s.id.book, key: k('coding'), lines: oneLine('90.00') })).toMatchObject({ ok: false });
    expect(await h.engine.saveCoding(doc.documentId, { actorId: s.id.emp2, key: k('coding'), lines: oneLine('100.00') })).toMatchObject({ ok: false });
    await codeAndSend(h, doc.documentId, s.id.book, '100.00');
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 1, recipientId: s.id.coord1 });
    const lines = await h.db.codingLine.findMany({ where: { documentId: doc.documentId } });
    expect(lines.map((l) => l.amount.toFixed(2))).toEqual(['100.00']);
    await h.engine.withdraw(doc.documentId, { actorId: s.id.book, key: k('withdraw') });
    expect(await h.engine.result(doc.documentId)).toBe('withdrawn');
  });
});
