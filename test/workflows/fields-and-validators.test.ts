// The field rules of domain/fields.ts applied by the engine, so a script that calls it
// directly cannot skip what the Slack modal checks; and refusals that need only the
// document's state answered by update validators, which leave the history as it was.
import { temporal } from '@temporalio/proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldsRejectedError } from '../../client/engine';
import { documentWorkflowId } from '../../workflows/contract';
import { createHarness, type Harness } from '../support/engine-harness';
import { seedWorkspace, setChain, type Seeded } from '../../scripts/lib/seed';
import { k, state, submitConfirmed, waitNote } from './flow';

let h: Harness;
let s: Seeded;

beforeAll(async () => {
  h = await createHarness();
  s = await seedWorkspace(h.db, 'W-fields');
  await setChain(h.db, s.workspaceId, 'expenses', [{ type: 'approve', mode: 'any', assignees: [s.id.appr1] }], {}, true);
});
afterAll(async () => h?.close());

const history = async (documentId: string) => (await h.temporal.workflow.getHandle(documentWorkflowId(documentId)).fetchHistory()).events ?? [];
const historyLength = async (documentId: string) => (await history(documentId)).length;

/** The stage loop has gone to sleep on its reminder timer: nothing else will be written until something happens. */
async function settled(documentId: string): Promise<number> {
  for (;;) {
    const events = await history(documentId);
    if (events.at(-1)?.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_STARTED) return events.length;
    await new Promise((r) => setImmediate(r));
  }
}

describe('field rules, applied by the engine', () => {
  it('a submission with an unreadable or inconsistent field is refused and nothing is stored', async () => {
    const before = await h.db.document.count();
    await expect(h.engine.submit({ workspaceId: s.workspaceId, submitterId: s.id.emp, kind: 'expense', fields: { totalAmount: 'twelve' } })).rejects.toThrow(new FieldsRejectedError('Total "twelve" is not an amount (e.g. 1234.50).'));
    await expect(h.engine.submit({ workspaceId: s.workspaceId, submitterId: s.id.emp, kind: 'expense', fields: { issueDate: '2026-03-10', dueDate: '2026-03-01' } })).rejects.toThrow('The due date is before the issue date (2026-03-10).');
    expect(await h.db.document.count()).toBe(before);
  });

  it('confirming needs a total and a currency; the document waits until they are there', async () => {
    const doc = await h.engine.submit({ workspaceId: s.workspaceId, submitterId: s.id.emp, kind: 'expense', fields: { totalAmount: '12.00' } });
    await waitNote(h, doc.documentId, 'confirm_request');
    expect(await h.engine.confirm(doc.documentId, { actorId: s.id.emp, key: k('confirm') })).toEqual({ ok: false, reason: 'The currency is required (e.g. EUR).' });
    expect((await state(h, doc.documentId)).status).toBe('confirming');
    expect(await h.engine.confirm(doc.documentId, { actorId: s.id.emp, key: k('confirm'), fields: { currency: 'eur' } })).toMatchObject({ ok: true });
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.appr1 });
    expect((await h.db.document.findUniqueOrThrow({ where: { id: doc.documentId } })).currency).toBe('EUR');
  });

  it('a correction must keep net + VAT = total', async () => {
    const doc = await h.engine.submit({ workspaceId: s.workspaceId, submitterId: s.id.emp, kind: 'expense', fields: { totalAmount: '122.00', netAmount: '100.00', vatAmount: '22.00', currency: 'EUR' } });
    await waitNote(h, doc.documentId, 'confirm_request');
    expect(await h.engine.editFields(doc.documentId, { actorId: s.id.emp, key: k('edit'), fields: { vatAmount: '20.00' } })).toEqual({ ok: false, reason: 'Net 100.00 + VAT 20.00 = 120.00, not 122.00.' });
    expect(await h.engine.editFields(doc.documentId, { actorId: s.id.emp, key: k('edit'), fields: { vatAmount: '20.00', totalAmount: '120.00' } })).toMatchObject({ ok: true });
    const stored = await h.db.document.findUniqueOrThrow({ where: { id: doc.documentId } });
    expect([stored.vatAmount?.toFixed(2), stored.totalAmount?.toFixed(2)]).toEqual(['20.00', '120.00']);
  });
});

describe('update validators', () => {
  it('refuse on state alone without growing the history, and the same request by the right person still works', async () => {
    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.appr1 });
    const before = await settled(doc.documentId);
    const refusals = [
      await h.engine.confirm(doc.documentId, { actorId: s.id.emp, key: k('confirm') }),
      await h.engine.decide(doc.documentId, { actorId: s.id.appr1, action: 'reject', key: k('reject') }),
      await h.engine.decide(doc.documentId, { actorId: s.id.appr1, action: 'approve', round: 7, key: k('stale') }),
      await h.engine.withdraw(doc.documentId, { actorId: s.id.appr1, key: k('withdraw') }),
      await h.engine.resubmit(doc.documentId, { actorId: s.id.emp, key: k('resubmit') }),
      await h.engine.editFields(doc.documentId, { actorId: s.id.emp, key: k('edit'), fields: { supplierName: 'x' } }),
    ];
    expect(refusals).toEqual([
      { ok: false, reason: 'This document is in_review; there is nothing to confirm.' },
      { ok: false, reason: 'A reason is required to reject.' },
      { ok: false, reason: 'That step is already closed; the document has moved on.' },
      { ok: false, reason: 'Only the submitter can withdraw this document.' },
      { ok: false, reason: 'This document is in_review; only a rejected document can be resubmitted.' },
      { ok: false, reason: 'The fields cannot be edited while the document is in_review.' },
    ]);
    expect(await historyLength(doc.documentId)).toBe(before);
    expect(await h.engine.decide(doc.documentId, { actorId: s.id.appr1, action: 'approve', key: k('approve') })).toMatchObject({ ok: true });
    expect(await h.engine.result(doc.documentId)).toBe('approved');
  });
});
