// The auditor sees every document and its history and may export, but changes nothing: every
// mutating action (engine updates, administrative services, payments) is refused with a reason,
// and the database and the workflows are exactly as they were afterwards.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeChain, setChain as saveChain, setDefaultChain } from '../../client/chains';
import { addCode } from '../../client/codes';
import { documentHistory } from '../../client/history';
import { createPaymentBatch, exportPayments, listPayable, markBatchPaid, markPaid, setDebtorAccount } from '../../payments';
import { addRole, removeRole } from '../../client/roles';
import { updateSettings } from '../../client/settings';
import { addSubstitution, removeSubstitution } from '../../client/substitutes';
import type { Outcome } from '../../client/result';
import { exportAudit, exportDocuments } from '../../exports';
import type { CommandResult } from '../../workflows/contract';
import { createHarness, type Harness } from '../support/engine-harness';
import { seedWorkspace, setChain, type Seeded } from '../../scripts/lib/seed';
import { codeAndSend, decideOk, k, oneLine, waitNote } from '../workflows/flow';

let h: Harness;
let s: Seeded;
const doc = {} as Record<'confirming' | 'coding' | 'review' | 'rejected' | 'approved', string>;
let substitutionId: string;

const devNull = () =>
  new Writable({
    write(_c, _e, cb) {
      cb();
    },
  });

async function submitInvoice(total = '120.00') {
  const d = await h.engine.submit({ workspaceId: s.workspaceId, submitterId: s.id.book, kind: 'invoice', fields: { totalAmount: total, currency: 'EUR', supplierName: 'Acme OÜ', invoiceNumber: `INV-${total}`, iban: 'EE382200221020145685' } });
  await waitNote(h, d.documentId, 'confirm_request');
  return d.documentId;
}

/** Everything an action could change: rows of every table and the workflows' live state. */
async function snapshot() {
  const db = h.db;
  const ids = Object.values(doc);
  return {
    audit: await db.auditEvent.findMany({ orderBy: { id: 'asc' } }),
    documents: await db.document.findMany({ orderBy: { seq: 'asc' } }),
    coding: await db.codingLine.findMany({ orderBy: [{ documentId: 'asc' }, { position: 'asc' }] }),
    steps: await db.step.findMany({ orderBy: [{ documentId: 'asc' }, { round: 'asc' }, { stageIndex: 'asc' }] }),
    users: await db.user.findMany({ orderBy: { id: 'asc' } }),
    chains: await db.chain.findMany({ orderBy: { name: 'asc' } }),
    substitutions: await db.substitution.findMany({ orderBy: { id: 'asc' } }),
    workspace: await db.workspace.findMany(),
    codes: await db.codeListEntry.findMany(),
    batches: await db.paymentBatch.findMany(),
    states: await Promise.all(ids.map((id) => h.engine.state(id))),
  };
}

beforeAll(async () => {
  h = await createHarness();
  s = await seedWorkspace(h.db, 'WAUD');
  await setChain(h.db, s.workspaceId, 'main', [{ type: 'coding', mode: 'any', assignees: [] }, { type: 'approve', mode: 'any', assignees: [s.id.appr1] }], {}, true);
  // An auditor cannot even be recorded as a substitute: they would be offered steps they can never decide.
  const asAuditor = await addSubstitution(h.db, h.engine, { workspaceId: s.workspaceId, actorId: s.id.admin, substituteId: s.id.auditor, forUserId: s.id.appr1, startsAt: Date.now() - 60_000, endsAt: Date.now() + 3_600_000 });
  expect(asAuditor).toEqual({ ok: false, reason: 'An auditor cannot be a substitute: auditors have read-only access.' });
  const sub = await addSubstitution(h.db, h.engine, { workspaceId: s.workspaceId, actorId: s.id.admin, substituteId: s.id.emp2, forUserId: s.id.appr1, startsAt: Date.now() - 60_000, endsAt: Date.now() + 3_600_000 });
  expect(sub.ok).toBe(true);
  substitutionId = sub.ok ? sub.value.id : '';
  await setDebtorAccount(h.db, { workspaceId: s.workspaceId, actorId: s.id.admin, name: 'Countersign OÜ', iban: 'EE382200221020145685' });

  doc.confirming = await submitInvoice('10.00');

  doc.coding = await submitInvoice('20.00');
  expect(await h.engine.confirm(doc.coding, { actorId: s.id.book, key: k('confirm') })).toMatchObject({ ok: true });
  await waitNote(h, doc.coding, 'step_assigned', { recipientId: s.id.book, round: 1 });

  doc.review = await submitInvoice('30.00');
  expect(await h.engine.confirm(doc.review, { actorId: s.id.book, key: k('confirm') })).toMatchObject({ ok: true });
  await waitNote(h, doc.review, 'step_assigned', { recipientId: s.id.book, round: 1 });
  await codeAndSend(h, doc.review, s.id.book, '30.00');
  await waitNote(h, doc.review, 'step_assigned', { recipientId: s.id.appr1, round: 1 });
  await waitNote(h, doc.review, 'step_offered', { recipientId: s.id.emp2, round: 1 });

  doc.rejected = await submitInvoice('40.00');
  expect(await h.engine.confirm(doc.rejected, { actorId: s.id.book, key: k('confirm') })).toMatchObject({ ok: true });
  await waitNote(h, doc.rejected, 'step_assigned', { recipientId: s.id.book, round: 1 });
  await codeAndSend(h, doc.rejected, s.id.book, '40.00');
  await waitNote(h, doc.rejected, 'step_assigned', { recipientId: s.id.appr1, round: 1 });
  await decideOk(h, doc.rejected, s.id.appr1, 'reject', 'Wrong supplier');
  await waitNote(h, doc.rejected, 'status_changed', { message: 'rejected' });

  doc.approved = await submitInvoice('50.00');
  expect(await h.engine.confirm(doc.approved, { actorId: s.id.book, key: k('confirm') })).toMatchObject({ ok: true });
  await waitNote(h, doc.approved, 'step_assigned', { recipientId: s.id.book, round: 1 });
  await codeAndSend(h, doc.approved, s.id.book, '50.00');
  await waitNote(h, doc.approved, 'step_assigned', { recipientId: s.id.appr1, round: 1 });
  await decideOk(h, doc.approved, s.id.appr1);
  expect(await h.engine.result(doc.approved)).toBe('approved');
  await waitNote(h, doc.approved, 'status_changed', { message: 'approved' });
}, 120_000);
afterAll(async () => h?.close());

describe('an auditor', () => {
  it('sees every document and its history, the payable list, and may export', async () => {
    for (const id of Object.values(doc)) {
      const r = await documentHistory(h.db, s.workspaceId, id, s.id.auditor);
      expect(r.ok, id).toBe(true);
      if (r.ok) expect(r.value.entries[0]!.text).toBe('book created the purchase invoice');
    }
    expect(await listPayable(h.db, s.workspaceId, s.id.auditor)).toMatchObject({ ok: true, value: [{ documentId: doc.approved }] });
    const today = new Date().toISOString().slice(0, 10);
    expect(await exportAudit(h.db, { workspaceId: s.workspaceId, actorId: s.id.auditor, from: today, to: today, format: 'csv' }, devNull())).toMatchObject({ ok: true });
    expect(await exportDocuments(h.db, { workspaceId: s.workspaceId, actorId: s.id.auditor, from: today, to: today, format: 'xlsx' }, devNull())).toMatchObject({ ok: true, value: { rows: 5 } });
  });

  it('is refused every change, with a reason, and nothing changes', async () => {
    const A = s.id.auditor;
    const before = await snapshot();
    // Auditors are read-only whatever else they hold: one reason for every change.
    const RO = 'Auditors have read-only access: they cannot change anything.';
    const engine: [string, () => Promise<CommandResult>, string | RegExp][] = [
      ['confirm', () => h.engine.confirm(doc.confirming, { actorId: A, key: k('a') }), RO],
      ['confirm with fields', () => h.engine.confirm(doc.confirming, { actorId: A, key: k('a'), fields: { totalAmount: '1.00' } }), RO],
      ['editFields (confirming)', () => h.engine.editFields(doc.confirming, { actorId: A, key: k('a'), fields: { supplierName: 'Mallory' } }), RO],
      ['editFields (coding)', () => h.engine.editFields(doc.coding, { actorId: A, key: k('a'), fields: { totalAmount: '999.00' } }), RO],
      ['editFields (rejected)', () => h.engine.editFields(doc.rejected, { actorId: A, key: k('a'), fields: { iban: 'DE89370400440532013000' } }), RO],
      ['saveCoding (coding)', () => h.engine.saveCoding(doc.coding, { actorId: A, key: k('a'), lines: oneLine('20.00') }), RO],
      ['saveCoding (in review)', () => h.engine.saveCoding(doc.review, { actorId: A, key: k('a'), lines: oneLine('30.00') }), RO],
      ['decide: send to approval', () => h.engine.decide(doc.coding, { actorId: A, action: 'approve', key: k('a') }), RO],
      ['decide: approve, as substitute', () => h.engine.decide(doc.review, { actorId: A, action: 'approve', key: k('a') }), RO],
      ['decide: reject, as substitute', () => h.engine.decide(doc.review, { actorId: A, action: 'reject', reason: 'no', key: k('a') }), RO],
      ['decide on a confirming document', () => h.engine.decide(doc.confirming, { actorId: A, action: 'approve', key: k('a') }), /not waiting for a decision/],
      ['withdraw', () => h.engine.withdraw(doc.review, { actorId: A, key: k('a') }), 'Only the submitter can withdraw this document.'],
      ['withdraw (rejected)', () => h.engine.withdraw(doc.rejected, { actorId: A, key: k('a') }), 'Only the submitter can withdraw this document.'],
      ['resubmit', () => h.engine.resubmit(doc.rejected, { actorId: A, key: k('a') }), RO],
      ['reassign', () => h.engine.reassign(doc.review, { actorId: A, key: k('a'), stageIndex: 1, fromUserId: s.id.appr1, toUserId: s.id.appr2 }), RO],
      ['reassign to self', () => h.engine.reassign(doc.review, { actorId: A, key: k('a'), stageIndex: 1, fromUserId: s.id.appr1, toUserId: A }), RO],
      ['reroute', () => h.engine.reroute(doc.review, { actorId: A, key: k('a') }), RO],
      ['reroute (coding)', () => h.engine.reroute(doc.coding, { actorId: A, key: k('a') }), RO],
      ['decide on an approved document', () => h.engine.decide(doc.approved, { actorId: A, action: 'reject', reason: 'x', key: k('a') }), /closed/],
    ];
    const W = s.workspaceId;
    // Every workspace change an auditor tries gets the one auditor refusal (domain/permissions/workspace.ts).
    const AUDITOR = 'Auditors have read-only access: they cannot change anything.';
    const services: [string, () => Promise<Outcome<unknown>>, string | RegExp][] = [
      ['addRole (admin for self)', () => addRole(h.db, { workspaceId: W, actorId: A, userId: A, role: 'admin' }), AUDITOR],
      ['addRole (approver for someone)', () => addRole(h.db, { workspaceId: W, actorId: A, userId: s.id.emp, role: 'approver' }), AUDITOR],
      ['addRole (coding right)', () => addRole(h.db, { workspaceId: W, actorId: A, userId: s.id.appr1, role: 'coding-right' }), AUDITOR],
      ['removeRole', () => removeRole(h.db, { workspaceId: W, actorId: A, userId: s.id.admin, role: 'admin' }), AUDITOR],
      ['setChain', () => saveChain(h.db, { workspaceId: W, actorId: A, chain: { name: 'main', isDefault: true, conditions: {}, stages: [{ type: 'approve', mode: 'any', assignees: [s.id.appr2] }] } }), AUDITOR],
      ['setDefaultChain', () => setDefaultChain(h.db, { workspaceId: W, actorId: A, name: 'main' }), AUDITOR],
      ['removeChain', () => removeChain(h.db, { workspaceId: W, actorId: A, name: 'main' }), AUDITOR],
      ['addSubstitution for others', () => addSubstitution(h.db, h.engine, { workspaceId: W, actorId: A, substituteId: s.id.emp2, forUserId: s.id.appr1, startsAt: Date.now(), endsAt: Date.now() + 60_000 }), AUDITOR],
      ['removeSubstitution', () => removeSubstitution(h.db, h.engine, { workspaceId: W, actorId: A, id: substitutionId }), AUDITOR],
      ['updateSettings', () => updateSettings(h.db, h.engine, { workspaceId: W, actorId: A, changes: { reminderAfterMs: 1_000 } }), AUDITOR],
      ['addCode', () => addCode(h.db, { workspaceId: W, actorId: A, type: 'account', code: '9999', label: 'Slush fund' }), AUDITOR],
      ['setDebtorAccount', () => setDebtorAccount(h.db, { workspaceId: W, actorId: A, name: 'Mallory', iban: 'DE89370400440532013000' }), AUDITOR],
      ['markPaid', () => markPaid(h.db, { workspaceId: W, actorId: A, documentId: doc.approved, paidOn: new Date().toISOString().slice(0, 10) }), AUDITOR],
      ['createPaymentBatch', () => createPaymentBatch(h.db, { workspaceId: W, actorId: A }), AUDITOR],
      ['markBatchPaid', () => markBatchPaid(h.db, { workspaceId: W, actorId: A, batch: 1, paidOn: new Date().toISOString().slice(0, 10) }), AUDITOR],
    ];
    const outcomes: string[] = [];
    for (const [name, run, reason] of [...engine, ...services]) {
      const r = await run();
      expect(r.ok, `${name} must be refused`).toBe(false);
      const why = (r as { reason: string }).reason;
      if (typeof reason === 'string') expect(why, name).toBe(reason);
      else expect(why, name).toMatch(reason);
      outcomes.push(`${name}: ${why}`);
    }
    expect(outcomes).toHaveLength(engine.length + services.length);
    // Exporting the payment file is a read: allowed, and changes nothing either.
    expect(await exportPayments(h.db, { workspaceId: W, actorId: A, batch: 1, format: 'csv' }, devNull())).toMatchObject({ ok: false, reason: 'There is no payment batch 1.' });

    const after = await snapshot();
    expect(after.audit.length).toBe(before.audit.length);
    expect(after).toEqual(before);
  });

  it('the same actions by the right people do change things (the refusals above are not vacuous)', async () => {
    const W = s.workspaceId;
    const before = await h.db.auditEvent.count({ where: { workspaceId: W } });
    expect(await addCode(h.db, { workspaceId: W, actorId: s.id.admin, type: 'account', code: '6010', label: 'Purchases' })).toMatchObject({ ok: true });
    // Not a field the chain was chosen by: those stay fixed once the round started.
    expect(await h.engine.editFields(doc.coding, { actorId: s.id.book, key: k('b'), fields: { invoiceNumber: 'INV-77' } })).toMatchObject({ ok: true });
    expect(await markPaid(h.db, { workspaceId: W, actorId: s.id.payer, documentId: doc.approved, paidOn: new Date().toISOString().slice(0, 10) })).toMatchObject({ ok: true });
    expect(await h.db.auditEvent.count({ where: { workspaceId: W } })).toBe(before + 3);
    expect((await h.db.document.findUniqueOrThrow({ where: { id: doc.coding } })).invoiceNumber).toBe('INV-77');
  });
});

describe('an auditor who also holds other roles', () => {
  it('is still refused every change: confirm and edit as bookkeeper, reassign and configure as admin', async () => {
    await h.db.user.update({ where: { id: s.id.auditor }, data: { roles: ['employee', 'auditor', 'bookkeeper', 'admin'] } });
    try {
      const before = await h.db.document.findUniqueOrThrow({ where: { id: doc.confirming } });
      const readOnly = { ok: false, reason: 'Auditors have read-only access: they cannot change anything.' };
      expect(await h.engine.confirm(doc.confirming, { actorId: s.id.auditor, key: 'aud-multi-confirm' })).toEqual(readOnly);
      expect(await h.engine.editFields(doc.confirming, { actorId: s.id.auditor, key: 'aud-multi-edit', fields: { totalAmount: '1.00' } })).toEqual(readOnly);
      expect(await h.engine.reroute(doc.review, { actorId: s.id.auditor, key: 'aud-multi-reroute' })).toEqual(readOnly);
      expect(await h.engine.reassign(doc.review, { actorId: s.id.auditor, key: 'aud-multi-reassign', stageIndex: 1, fromUserId: s.id.appr1, toUserId: s.id.appr2 })).toEqual(readOnly);
      expect(await addCode(h.db, { workspaceId: s.workspaceId, actorId: s.id.auditor, type: 'account', code: '9999', label: 'x' })).toMatchObject({ ok: false });
      const after = await h.db.document.findUniqueOrThrow({ where: { id: doc.confirming } });
      expect(after.totalAmount?.toFixed(2)).toBe(before.totalAmount?.toFixed(2));
      expect(after.status).toBe('confirming');
      expect(await h.db.codeListEntry.count({ where: { workspaceId: s.workspaceId, code: '9999' } })).toBe(0);
    } finally {
      await h.db.user.update({ where: { id: s.id.auditor }, data: { roles: ['employee', 'auditor'] } });
    }
  });
});
