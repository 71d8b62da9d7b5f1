// Who decides, and how a stage completes: ALL waits for every assignee, ANY completes on the
// first; a coordinator never finalises; an administrator without the approver role cannot
// approve; a decision key counts once, even twice at the same moment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setChain as saveChain } from '../../client/chains';
import { addRole, removeRole } from '../../client/roles';
import { COORDINATOR_NEVER_FINAL, ONE_DECISION_PER_ROUND } from '../../domain/permissions/refusals';
import { createHarness, type Harness } from '../support/engine-harness';
import { seedWorkspace, setChain, type Seeded } from '../../scripts/lib/seed';
import { actionCounts, decideOk, decideRefused, k, state, submitConfirmed, waitNote } from './flow';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

describe('ALL and ANY stages', () => {
  let s: Seeded;
  beforeAll(async () => {
    s = await seedWorkspace(h.db, 'W-modes');
    await setChain(
      h.db,
      s.workspaceId,
      'modes',
      [
        { type: 'coordinate', mode: 'all', assignees: [s.id.coord1, s.id.coord2] },
        { type: 'approve', mode: 'any', assignees: [s.id.appr1, s.id.appr2] },
      ],
      {},
      true,
    );
  });

  it('ALL waits for every assignee; ANY completes on the first', async () => {
    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.coord2 });

    const first = await decideOk(h, doc.documentId, s.id.coord1);
    expect(first).toMatchObject({ status: 'in_review', message: expect.stringContaining('Waiting for the other assignees') });
    let st = await state(h, doc.documentId);
    expect(st.openStep).toMatchObject({ stageIndex: 0, type: 'coordinate', mode: 'all', decided: [s.id.coord1] });
    const step0 = await h.db.step.findFirstOrThrow({ where: { documentId: doc.documentId, stageIndex: 0 } });
    expect(step0).toMatchObject({ status: 'open', decidedBy: [s.id.coord1] });
    // One person, one voice: agreeing again is refused and changes nothing.
    expect(await decideRefused(h, doc.documentId, s.id.coord1)).toMatch(/already agreed/);
    // The approvers are not asked yet.
    expect(h.notifier.find((e) => e.documentId === doc.documentId && e.kind === 'step_assigned' && e.step?.stageIndex === 1)).toHaveLength(0);
    await decideRefused(h, doc.documentId, s.id.appr1);

    await decideOk(h, doc.documentId, s.id.coord2);
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 1, recipientId: s.id.appr1 });
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 1, recipientId: s.id.appr2 });
    st = await state(h, doc.documentId);
    expect(st.openStep).toMatchObject({ stageIndex: 1, type: 'approve', mode: 'any', decided: [] });

    const approved = await decideOk(h, doc.documentId, s.id.appr2);
    expect(approved.ok && approved.message).toBe('Approved.');
    expect(await h.engine.result(doc.documentId)).toBe('approved');
    // The other approver's button is stale now.
    expect(await h.engine.decide(doc.documentId, { actorId: s.id.appr1, action: 'approve', key: k('late') })).toMatchObject({ ok: false });

    const counts = await actionCounts(h, doc.documentId);
    expect(counts.agreed).toBe(2);
    expect(counts.approved).toBe(2); // appr2's decision + the document's transition
    const steps = await h.db.step.findMany({ where: { documentId: doc.documentId }, orderBy: { stageIndex: 'asc' } });
    expect(steps.map((x) => [x.status, x.decidedBy])).toEqual([
      ['done', [s.id.coord1, s.id.coord2]],
      ['done', [s.id.appr2]],
    ]);
  });

  it('a stale click (old round or stage) is refused', async () => {
    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.coord1 });
    const r = await h.engine.decide(doc.documentId, { actorId: s.id.coord1, action: 'approve', key: k('stale'), round: 1, stageIndex: 1 });
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/already closed/) });
    expect((await state(h, doc.documentId)).openStep?.decided).toEqual([]);
    await h.engine.withdraw(doc.documentId, { actorId: s.id.emp, key: k('withdraw') });
  });
});

describe('a coordinator can never finalise', () => {
  let s: Seeded;
  beforeAll(async () => {
    s = await seedWorkspace(h.db, 'W-coord');
    await setChain(
      h.db,
      s.workspaceId,
      'coord',
      [
        { type: 'coordinate', mode: 'any', assignees: [s.id.coord1, s.id.coord2] },
        { type: 'approve', mode: 'any', assignees: [s.id.appr1] },
      ],
      {},
      true,
    );
    // A coordinator who also holds the approver role, but is not named on the approve stage.
    expect(await addRole(h.db, { workspaceId: s.workspaceId, actorId: s.id.admin, userId: s.id.coord2, role: 'approver' })).toMatchObject({ ok: true });
  });

  it('the coordinate stage completing leaves the document in review at the approve stage', async () => {
    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.coord1 });
    const agreed = await decideOk(h, doc.documentId, s.id.coord1);
    expect(agreed).toMatchObject({ status: 'in_review', message: 'Agreed.' });
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 1, recipientId: s.id.appr1 });
    const st = await state(h, doc.documentId);
    expect(st.status).toBe('in_review');
    expect(st.openStep).toMatchObject({ type: 'approve', assignees: [s.id.appr1], decided: [] });
    expect((await h.db.document.findUniqueOrThrow({ where: { id: doc.documentId } })).status).toBe('in_review');

    // coord1 agreed: their one decision in this round is given. coord2 coordinates this round.
    expect(await decideRefused(h, doc.documentId, s.id.coord1)).toBe(ONE_DECISION_PER_ROUND);
    expect(await decideRefused(h, doc.documentId, s.id.coord2)).toBe(COORDINATOR_NEVER_FINAL);
    expect((await state(h, doc.documentId)).status).toBe('in_review');

    await decideOk(h, doc.documentId, s.id.appr1);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
  });

  it('two coordinators agreeing at the same moment on an ANY stage do not skip the approver', async () => {
    const docs = await Promise.all([1, 2, 3, 4].map(() => submitConfirmed(h, s)));
    await Promise.all(docs.map((d) => waitNote(h, d.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.coord2 })));
    for (const doc of docs) {
      const answers = await Promise.all([
        h.engine.decide(doc.documentId, { actorId: s.id.coord1, action: 'approve', key: k('c1') }),
        h.engine.decide(doc.documentId, { actorId: s.id.coord2, action: 'approve', key: k('c2') }),
      ]);
      // ANY: the first agreement completes the stage; the second finds it closed.
      expect(answers.filter((a) => a.ok), JSON.stringify(answers)).toHaveLength(1);
      await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 1, recipientId: s.id.appr1 });
      const st = await state(h, doc.documentId);
      expect(st.status).toBe('in_review');
      expect(st.openStep).toMatchObject({ stageIndex: 1, type: 'approve', decided: [] });
      expect((await actionCounts(h, doc.documentId)).agreed).toBe(1);
    }
    for (const doc of docs) {
      await decideOk(h, doc.documentId, s.id.appr1);
      expect(await h.engine.result(doc.documentId)).toBe('approved');
      const counts = await actionCounts(h, doc.documentId);
      expect(counts).toMatchObject({ agreed: 1, approved: 2 });
    }
  });
});

describe('administrators without the approver role', () => {
  let s: Seeded;
  beforeAll(async () => {
    s = await seedWorkspace(h.db, 'W-admin');
    await setChain(h.db, s.workspaceId, 'main', [{ type: 'approve', mode: 'any', assignees: [s.id.appr1] }], {}, true);
  });

  it('an administrator clicking approve or reject is refused and nothing changes', async () => {
    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.appr1 });
    expect(await decideRefused(h, doc.documentId, s.id.admin)).toMatch(/not an assignee/);
    expect(await decideRefused(h, doc.documentId, s.id.admin, 'reject', 'no')).toMatch(/not an assignee/);
    expect((await state(h, doc.documentId)).openStep?.decided).toEqual([]);
    const counts = await actionCounts(h, doc.documentId);
    expect(counts.approved ?? 0).toBe(0);
    expect(counts.rejected ?? 0).toBe(0);
    await decideOk(h, doc.documentId, s.id.appr1);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
  });

  it('an administrator named on the chain who lost the approver role is refused', async () => {
    const ws = await seedWorkspace(h.db, 'W-admin2');
    expect(await addRole(h.db, { workspaceId: ws.workspaceId, actorId: ws.id.admin, userId: ws.id.admin, role: 'approver' })).toMatchObject({ ok: true });
    const saved = await saveChain(h.db, { workspaceId: ws.workspaceId, actorId: ws.id.admin, chain: { name: 'main', isDefault: true, conditions: {}, stages: [{ type: 'approve', mode: 'any', assignees: [ws.id.admin, ws.id.appr1] }] } });
    expect(saved).toMatchObject({ ok: true });
    const doc = await submitConfirmed(h, ws);
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: ws.id.admin });
    expect(await removeRole(h.db, { workspaceId: ws.workspaceId, actorId: ws.id.admin, userId: ws.id.admin, role: 'approver' })).toMatchObject({ ok: true });
    expect(await decideRefused(h, doc.documentId, ws.id.admin)).toMatch(/Administrators cannot decide/);
    expect((await state(h, doc.documentId)).status).toBe('in_review');
    await decideOk(h, doc.documentId, ws.id.appr1);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
  });

  it('validateChain refuses an administrator without the approver role on a chain', async () => {
    const r = await saveChain(h.db, { workspaceId: s.workspaceId, actorId: s.id.admin, chain: { name: 'bad', isDefault: false, conditions: { kind: 'invoice' }, stages: [{ type: 'approve', mode: 'any', assignees: [s.id.admin] }] } });
    expect(r).toMatchObject({ ok: false, reason: expect.stringMatching(/approver role/) });
  });
});

describe('idempotent decisions', () => {
  let s: Seeded;
  beforeAll(async () => {
    s = await seedWorkspace(h.db, 'W-dup');
    await setChain(
      h.db,
      s.workspaceId,
      'main',
      [
        { type: 'coordinate', mode: 'all', assignees: [s.id.coord1, s.id.coord2] },
        { type: 'approve', mode: 'any', assignees: [s.id.appr1] },
      ],
      {},
      true,
    );
  });

  it('the same key twice gives one decision and the same answer (sequential and concurrent)', async () => {
    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.coord1 });

    // Sequential: on an ALL stage a second real decision would be refused ("already agreed").
    const key1 = k('dup-seq');
    const a = await h.engine.decide(doc.documentId, { actorId: s.id.coord1, action: 'approve', key: key1 });
    const b = await h.engine.decide(doc.documentId, { actorId: s.id.coord1, action: 'approve', key: key1 });
    expect(a).toMatchObject({ ok: true });
    expect(b).toEqual(a);
    expect((await state(h, doc.documentId)).openStep?.decided).toEqual([s.id.coord1]);

    // Concurrent: two calls with one key at the same moment.
    const key2 = k('dup-par');
    const [c, d] = await Promise.all([
      h.engine.decide(doc.documentId, { actorId: s.id.coord2, action: 'approve', key: key2 }),
      h.engine.decide(doc.documentId, { actorId: s.id.coord2, action: 'approve', key: key2 }),
    ]);
    expect(c).toMatchObject({ ok: true, message: 'Agreed.' });
    expect(d).toEqual(c);
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 1, recipientId: s.id.appr1 });

    // The final approval, three times concurrently with one key: approved once.
    const key3 = k('dup-final');
    const finals = await Promise.all([1, 2, 3].map(() => h.engine.decide(doc.documentId, { actorId: s.id.appr1, action: 'approve', key: key3 })));
    for (const f of finals) expect(f).toEqual(finals[0]);
    expect(finals[0]).toMatchObject({ ok: true, message: 'Approved.' });
    expect(await h.engine.result(doc.documentId)).toBe('approved');

    const rows = await h.db.auditEvent.findMany({ where: { documentId: doc.documentId, idempotencyKey: { in: [key1, key2, key3] } } });
    expect(rows.map((r) => r.action).sort()).toEqual(['agreed', 'agreed', 'approved']);
    const counts = await actionCounts(h, doc.documentId);
    expect(counts).toMatchObject({ agreed: 2, approved: 2, step_opened: 2 });
  });

  it('a refusal is remembered under its key too (same answer, nothing recorded)', async () => {
    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.coord1 });
    const key = k('refused');
    const [x, y] = await Promise.all([
      h.engine.decide(doc.documentId, { actorId: s.id.emp2, action: 'approve', key }),
      h.engine.decide(doc.documentId, { actorId: s.id.emp2, action: 'approve', key }),
    ]);
    expect(x).toMatchObject({ ok: false });
    expect(y).toEqual(x);
    expect(await h.db.auditEvent.count({ where: { idempotencyKey: key } })).toBe(0);
    await h.engine.withdraw(doc.documentId, { actorId: s.id.emp, key: k('withdraw') });
    expect(await h.engine.result(doc.documentId)).toBe('withdrawn');
  });
});
