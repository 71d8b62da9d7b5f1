// Workspace configuration reaches open documents without relying on a signal: a revoked
// substitute is refused at decision time even when the document never heard of it, a change
// of bookkeepers reaches documents waiting on bookkeepers, and `/countersign substitute` is
// idempotent and truthful when the engine is down.
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../client/engine';
import { newId } from '../../data/ids';
import { addRole, removeRole } from '../../client/roles';
import { addSubstitution } from '../../client/substitutes';
import { createHarness, type Harness } from '../support/engine-harness';
import { seedWorkspace, setChain, type Seeded } from '../../scripts/lib/seed';
import { decideOk, decideRefused, k, notes, oneLine, state, submitConfirmed, waitNote } from './flow';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

async function approveWorkspace(name: string): Promise<Seeded> {
  const s = await seedWorkspace(h.db, name);
  await setChain(h.db, s.workspaceId, 'main', [{ type: 'approve', mode: 'any', assignees: [s.id.appr1] }], {}, true);
  return s;
}

const hour = 3_600_000;

describe('a revoked substitute whose document was never told', () => {
  it('is refused at decision time', async () => {
    const s = await approveWorkspace('W-cfg-lost-signal');
    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.appr1 });
    const added = await addSubstitution(h.db, h.engine, { workspaceId: s.workspaceId, actorId: s.id.admin, substituteId: s.id.emp2, forUserId: s.id.appr1, startsAt: Date.now() - 1000, endsAt: Date.now() + hour });
    expect(added).toMatchObject({ ok: true });
    await waitNote(h, doc.documentId, 'step_offered', { recipientId: s.id.emp2 });

    // Revoked in the database with no signal at all (a lost signal): the document still lists the offer.
    await h.db.substitution.updateMany({ where: { workspaceId: s.workspaceId }, data: { removedAt: new Date() } });
    expect((await state(h, doc.documentId)).openStep?.offeredTo).toEqual([s.id.emp2]);
    expect(await decideRefused(h, doc.documentId, s.id.emp2)).toMatch(/not an assignee|not active|substitut/i);
    expect(await h.db.auditEvent.count({ where: { documentId: doc.documentId, action: 'approved' } })).toBe(0);
    await decideOk(h, doc.documentId, s.id.appr1);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
  });

  it('a substitution recorded with no signal is used by a step that opens later', async () => {
    const s = await seedWorkspace(h.db, 'W-cfg-later-stage');
    await setChain(h.db, s.workspaceId, 'two', [
      { type: 'approve', mode: 'any', assignees: [s.id.appr2] },
      { type: 'approve', mode: 'any', assignees: [s.id.appr1] },
    ], {}, true);
    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.appr2 });
    // Written straight to the database: no document is told.
    await h.db.substitution.create({ data: { id: newId('sub'), workspaceId: s.workspaceId, substituteId: s.id.cfo, forUserId: s.id.appr1, startsAt: new Date(Date.now() - 1000), endsAt: new Date(Date.now() + hour), createdById: s.id.admin } });
    await decideOk(h, doc.documentId, s.id.appr2);
    const offered = await waitNote(h, doc.documentId, 'step_offered', { recipientId: s.id.cfo, stageIndex: 1 });
    expect(offered.onBehalfOf).toBe(s.id.appr1);
    expect(await decideOk(h, doc.documentId, s.id.cfo)).toMatchObject({ onBehalfOf: s.id.appr1 });
    expect(await h.engine.result(doc.documentId)).toBe('approved');
  });
});

describe('bookkeepers change while a document waits on them', () => {
  it('a new bookkeeper is asked to code, a removed one loses the step and cannot code', async () => {
    const s = await seedWorkspace(h.db, 'W-cfg-bookkeepers');
    await setChain(h.db, s.workspaceId, 'inv', [{ type: 'coding', mode: 'any', assignees: [] }, { type: 'approve', mode: 'any', assignees: [s.id.appr1] }], { kind: 'invoice' }, true);
    const doc = await submitConfirmed(h, s, { kind: 'invoice', submitterId: s.id.emp, confirmerId: s.id.book });
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.book, type: 'coding' });

    // emp2 becomes a bookkeeper, book stops being one.
    expect(await addRole(h.db, { workspaceId: s.workspaceId, actorId: s.id.admin, userId: s.id.emp2, role: 'bookkeeper' }, h.engine)).toMatchObject({ ok: true });
    expect(await removeRole(h.db, { workspaceId: s.workspaceId, actorId: s.id.admin, userId: s.id.book, role: 'bookkeeper' }, h.engine)).toMatchObject({ ok: true });
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.emp2, type: 'coding' });
    await waitNote(h, doc.documentId, 'step_withdrawn', { recipientId: s.id.book, type: 'coding' });

    const byOld = await h.engine.saveCoding(doc.documentId, { actorId: s.id.book, key: k('coding'), lines: oneLine('120.00') });
    expect(byOld).toMatchObject({ ok: false });
    expect(await decideRefused(h, doc.documentId, s.id.book)).toMatch(/bookkeeper/i);
    expect(await h.engine.saveCoding(doc.documentId, { actorId: s.id.emp2, key: k('coding'), lines: oneLine('120.00') })).toMatchObject({ ok: true });
    const sent = await h.engine.decide(doc.documentId, { actorId: s.id.emp2, action: 'approve', key: k('send') });
    expect(sent).toMatchObject({ ok: true });
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.appr1 });
    await decideOk(h, doc.documentId, s.id.appr1);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
    // The removed bookkeeper hears nothing more of it; the new one is told the outcome.
    const after = notes(h, doc.documentId).filter((e) => e.kind === 'status_changed');
    expect(after.map((e) => e.recipientId)).toContain(s.id.emp2);
    expect(after.map((e) => e.recipientId)).not.toContain(s.id.book);
  });

  it('a new bookkeeper is asked to confirm an invoice that waits for its confirmation', async () => {
    const s = await seedWorkspace(h.db, 'W-cfg-confirm');
    const doc = await h.engine.submit({ workspaceId: s.workspaceId, submitterId: s.id.book, kind: 'invoice', fields: { totalAmount: '50.00', currency: 'EUR', supplierName: 'Acme OÜ' } });
    await waitNote(h, doc.documentId, 'confirm_request', { recipientId: s.id.book });
    expect(await addRole(h.db, { workspaceId: s.workspaceId, actorId: s.id.admin, userId: s.id.emp2, role: 'bookkeeper' }, h.engine)).toMatchObject({ ok: true });
    await waitNote(h, doc.documentId, 'confirm_request', { recipientId: s.id.emp2 });
    expect(await h.engine.withdraw(doc.documentId, { actorId: s.id.book, key: k('withdraw') })).toMatchObject({ ok: true });
  });
});

describe('/countersign substitute while the engine is down, then again', () => {
  it('keeps one row and tells the truth both times', async () => {
    const s = await approveWorkspace('W-cfg-sub-down');
    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.appr1 });
    // An engine whose Temporal is not reachable (nothing listens on port 1).
    const downClient = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1', connectTimeout: 500 }) });
    const down = new Engine(h.db, downClient, h.taskQueue, h.filesDir, { fanOut: { batchSize: 100, batchIntervalMs: 0, batchDeadlineMs: 1_000 } });
    const req = { workspaceId: s.workspaceId, actorId: s.id.admin, substituteId: s.id.emp2, forUserId: s.id.appr1, startsAt: Date.now() - 1000, endsAt: Date.now() + hour };

    const first = await addSubstitution(h.db, down, req);
    expect(first).toMatchObject({ ok: true });
    if (!first.ok) return;
    expect(first.message).toMatch(/Substitute recorded/);
    expect(first.message).toMatch(/not reachable/);
    expect(first.message).not.toMatch(/nothing was changed/);
    // Saved is saved: decisions already use it.
    const rows = () => h.db.substitution.count({ where: { workspaceId: s.workspaceId, removedAt: null } });
    expect(await rows()).toBe(1);

    // The person tries again, once the engine is back: the same row, and the document is told now.
    const again = await addSubstitution(h.db, h.engine, req);
    expect(again).toMatchObject({ ok: true, value: { id: first.value.id } });
    if (again.ok) expect(again.message).toMatch(/already recorded/);
    if (again.ok) expect(again.message).not.toMatch(/not reachable/);
    expect(await rows()).toBe(1);
    expect(await h.db.auditEvent.count({ where: { workspaceId: s.workspaceId, action: 'substitute_added' } })).toBe(1);
    await waitNote(h, doc.documentId, 'step_offered', { recipientId: s.id.emp2 });

    // Two at once are one row too.
    const other = { ...req, substituteId: s.id.cfo };
    const both = await Promise.all([addSubstitution(h.db, h.engine, other), addSubstitution(h.db, h.engine, other)]);
    expect(both.map((o) => o.ok && o.value.id)[0]).toBe(both.map((o) => o.ok && o.value.id)[1]);
    expect(await rows()).toBe(2);
    await downClient.connection.close();
    await decideOk(h, doc.documentId, s.id.appr1);
  });
});
