// The Engine client's promises to its callers (the bot): the same source is one document,
// also after it is decided; a closed document answers with a sentence, not an exception.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markPaid } from '../../payments';
import { createHarness, type Harness } from '../support/engine-harness';
import { seedWorkspace, setChain, type Seeded } from '../../scripts/lib/seed';
import { decideOk, k, submitConfirmed, waitNote } from '../workflows/flow';

let h: Harness;
let s: Seeded;

beforeAll(async () => {
  h = await createHarness();
  s = await seedWorkspace(h.db, 'W-engine');
  await setChain(h.db, s.workspaceId, 'main', [{ type: 'approve', mode: 'any', assignees: [s.id.appr1] }], {}, true);
});
afterAll(async () => h?.close());

describe('Engine.submit', () => {
  it('the same source submitted again after the document is approved does not start it over', async () => {
    const req = { workspaceId: s.workspaceId, submitterId: s.id.emp, kind: 'expense' as const, sourceKey: 'slack-file-F-approved', fields: { totalAmount: '17.00', currency: 'EUR' } };
    const first = await h.engine.submit(req);
    await waitNote(h, first.documentId, 'confirm_request');
    expect(await h.engine.confirm(first.documentId, { actorId: s.id.emp, key: k('confirm') })).toMatchObject({ ok: true });
    await waitNote(h, first.documentId, 'step_assigned', { recipientId: s.id.appr1 });
    await decideOk(h, first.documentId, s.id.appr1);
    expect(await h.engine.result(first.documentId)).toBe('approved');
    const before = await h.temporal.workflow.getHandle(`document-${first.documentId}`).describe();

    // A Slack retry (or the same file shared again) arrives after the decision.
    const again = await h.engine.submit(req);
    expect(again).toMatchObject({ documentId: first.documentId, reference: first.reference, created: false });
    const after = await h.temporal.workflow.getHandle(`document-${first.documentId}`).describe();
    expect(after.runId).toBe(before.runId);
    expect(after.status.name).toBe('COMPLETED');
    expect((await h.db.document.findUniqueOrThrow({ where: { id: first.documentId } })).status).toBe('approved');
    expect(h.notifier.find((e) => e.documentId === first.documentId && e.kind === 'confirm_request')).toHaveLength(1);
  });
});

describe('a closed document', () => {
  it('answers every command with a refusal, and its final state stays readable', async () => {
    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.appr1 });
    await decideOk(h, doc.documentId, s.id.appr1);
    expect(await h.engine.result(doc.documentId)).toBe('approved');

    const answers = await Promise.all([
      h.engine.decide(doc.documentId, { actorId: s.id.appr1, action: 'approve', key: k('late') }),
      h.engine.withdraw(doc.documentId, { actorId: s.id.emp, key: k('late') }),
      h.engine.resubmit(doc.documentId, { actorId: s.id.emp, key: k('late') }),
    ]);
    for (const a of answers) expect(a).toMatchObject({ ok: false, reason: expect.any(String) });
    expect(await h.db.auditEvent.count({ where: { documentId: doc.documentId, action: { in: ['withdraw_requested', 'resubmitted'] } } })).toBe(0);
    for (const a of answers) expect(a).toEqual({ ok: false, reason: 'This document is closed; nothing more can be done with it.' });
    // Temporal answers queries on a closed workflow: the final state, nothing open.
    expect(await h.engine.state(doc.documentId)).toMatchObject({ status: 'approved', openStep: null, chainName: 'main' });
  });

  it('once paid, Engine.state() says paid like the database: payments own that status after the workflow ended', async () => {
    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.appr1 });
    await decideOk(h, doc.documentId, s.id.appr1);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
    expect((await h.engine.state(doc.documentId))?.status).toBe('approved');
    const paid = await markPaid(h.db, { workspaceId: s.workspaceId, actorId: s.id.payer, documentId: doc.documentId, paidOn: new Date().toISOString().slice(0, 10) });
    expect(paid).toMatchObject({ ok: true });
    expect((await h.db.document.findUniqueOrThrow({ where: { id: doc.documentId } })).status).toBe('paid');
    expect(await h.engine.state(doc.documentId)).toMatchObject({ status: 'paid', openStep: null, chainName: 'main' });
  });

  it('an unknown document is refused, not an exception', async () => {
    expect(await h.engine.decide('doc_nope', { actorId: s.id.appr1, action: 'approve', key: k('x') })).toMatchObject({ ok: false });
    expect(await h.engine.state('doc_nope')).toBeNull();
  });
});
