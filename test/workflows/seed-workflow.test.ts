// The walking skeleton's promise: one document through a real workflow on a real Temporal
// server, state and audit in a real PostgreSQL, surviving a worker restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/engine-harness';
import { seedWorkspace, setChain, type Seeded } from '../../scripts/lib/seed';

let h: Harness;
let s: Seeded;

beforeAll(async () => {
  h = await createHarness();
  s = await seedWorkspace(h.db);
  await setChain(h.db, s.workspaceId, 'default', [{ type: 'approve', mode: 'any', assignees: [] }], {}, true);
});
afterAll(async () => h?.close());

async function submitExpense(total = '42.50') {
  await setChain(h.db, s.workspaceId, 'default', [{ type: 'approve', mode: 'any', assignees: [s.id.appr1] }], {}, true);
  const doc = await h.engine.submit({ workspaceId: s.workspaceId, submitterId: s.id.emp, kind: 'expense', fields: { totalAmount: total, currency: 'EUR', supplierName: 'Café Central' } });
  await h.notifier.waitFor((e) => e.documentId === doc.documentId && e.kind === 'confirm_request');
  const confirmed = await h.engine.confirm(doc.documentId, { actorId: s.id.emp, key: `${doc.documentId}:confirm` });
  expect(confirmed).toMatchObject({ ok: true });
  await h.notifier.waitFor((e) => e.documentId === doc.documentId && e.kind === 'step_assigned' && e.recipientId === s.id.appr1);
  return doc;
}

describe('seed document workflow', () => {
  it('drives one document to approved, with state and audit in PostgreSQL', async () => {
    const doc = await submitExpense();
    const r = await h.engine.decide(doc.documentId, { actorId: s.id.appr1, action: 'approve', key: 'k-approve-1' });
    expect(r).toMatchObject({ ok: true, status: 'in_review' });
    expect(await h.engine.result(doc.documentId)).toBe('approved');

    const row = await h.db.document.findUniqueOrThrow({ where: { id: doc.documentId } });
    expect(row.status).toBe('approved');
    expect(row.totalAmount?.toFixed(2)).toBe('42.50');
    const actions = (await h.db.auditEvent.findMany({ where: { documentId: doc.documentId }, orderBy: { id: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['created', 'extracted', 'confirmed', 'round_started', 'step_opened', 'approved']));
    expect(actions.filter((a) => a === 'approved')).toHaveLength(2); // the decision, then the transition
  });

  it('starting the same document twice is harmless', async () => {
    const req = { workspaceId: s.workspaceId, submitterId: s.id.emp, kind: 'expense' as const, sourceKey: 'slack-file-F1', fields: { totalAmount: '10.00', currency: 'EUR' } };
    const a = await h.engine.submit(req);
    const b = await h.engine.submit(req);
    expect(b.documentId).toBe(a.documentId);
    expect(a.created).toBe(true);
    expect(b.created).toBe(false);
    expect(await h.db.document.count({ where: { id: a.documentId } })).toBe(1);
  });

  it('completes once after the worker is stopped mid-workflow and started again', async () => {
    const doc = await submitExpense('99.90');
    await h.stopWorker();
    await h.startWorker();
    const r = await h.engine.decide(doc.documentId, { actorId: s.id.appr1, action: 'approve', key: 'k-restart' });
    expect(r.ok).toBe(true);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
    const approvals = await h.db.auditEvent.count({ where: { documentId: doc.documentId, action: 'approved', fromState: 'in_review', toState: 'approved' } });
    expect(approvals).toBe(1);
  });
});
