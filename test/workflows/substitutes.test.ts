// Substitutes: "B substitutes for A from … to …". B is offered A's steps during the period
// (also steps already pending when it starts), decides "on behalf of A", loses the steps
// when the period ends, and never approves a document they submitted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitingFor } from '../../client/queries';
import { addSubstitution, removeSubstitution } from '../../client/substitutes';
import { createHarness, type Harness } from '../support/engine-harness';
import { seedWorkspace, setChain, type Seeded } from '../../scripts/lib/seed';
import { decideOk, decideRefused, notes, state, submitConfirmed, waitNote } from './flow';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

async function workspace(name: string, mode: 'all' | 'any' = 'any'): Promise<Seeded> {
  const s = await seedWorkspace(h.db, name);
  await setChain(h.db, s.workspaceId, 'main', [{ type: 'approve', mode, assignees: mode === 'all' ? [s.id.appr1, s.id.cfo] : [s.id.appr1] }], {}, true);
  return s;
}

describe('a substitute decides on behalf of the absent assignee', () => {
  it('records "B on behalf of A" and counts as A\'s voice', async () => {
    const s = await workspace('W-sub-behalf', 'all');
    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.appr1 });

    // Only A themself or an administrator records a substitute for A.
    const byOther = await addSubstitution(h.db, h.engine, { workspaceId: s.workspaceId, actorId: s.id.appr2, substituteId: s.id.emp2, forUserId: s.id.appr1, startsAt: Date.now() - 60_000, endsAt: Date.now() + 3_600_000 });
    expect(byOther).toMatchObject({ ok: false });
    // B (emp2) holds no approver role: the substitution lends A's right.
    const added = await addSubstitution(h.db, h.engine, { workspaceId: s.workspaceId, actorId: s.id.appr1, substituteId: s.id.emp2, forUserId: s.id.appr1, startsAt: Date.now() - 60_000, endsAt: Date.now() + 3_600_000 });
    expect(added).toMatchObject({ ok: true });

    // The running document is told at once: the step is offered to B for A.
    const offered = await waitNote(h, doc.documentId, 'step_offered', { recipientId: s.id.emp2 });
    expect(offered.onBehalfOf).toBe(s.id.appr1);
    expect((await state(h, doc.documentId)).openStep?.offeredTo).toEqual([s.id.emp2]);

    const r = await decideOk(h, doc.documentId, s.id.emp2);
    expect(r).toMatchObject({ onBehalfOf: s.id.appr1 });
    const row = await h.db.auditEvent.findFirstOrThrow({ where: { documentId: doc.documentId, action: 'approved', actorId: s.id.emp2 } });
    expect(row.onBehalfOfId).toBe(s.id.appr1);
    // A's voice is given: A cannot add a second one; the other assignee still decides.
    expect((await state(h, doc.documentId)).openStep?.decided).toEqual([s.id.appr1]);
    expect(await decideRefused(h, doc.documentId, s.id.appr1)).toMatch(/already agreed/);
    await decideOk(h, doc.documentId, s.id.cfo);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
    const step = await h.db.step.findFirstOrThrow({ where: { documentId: doc.documentId } });
    expect(step.decidedBy).toEqual([s.id.appr1, s.id.cfo]);
  });

  it('a document starting during the absence is offered to B from the start; A keeps it too', async () => {
    const s = await workspace('W-sub-start');
    expect(await addSubstitution(h.db, h.engine, { workspaceId: s.workspaceId, actorId: s.id.admin, substituteId: s.id.appr2, forUserId: s.id.appr1, startsAt: Date.now() - 1000, endsAt: Date.now() + 3_600_000 })).toMatchObject({ ok: true });
    const a = await submitConfirmed(h, s);
    const b = await submitConfirmed(h, s);
    for (const d of [a, b]) {
      await waitNote(h, d.documentId, 'step_assigned', { recipientId: s.id.appr1 });
      expect((await waitNote(h, d.documentId, 'step_offered', { recipientId: s.id.appr2 })).onBehalfOf).toBe(s.id.appr1);
    }
    await decideOk(h, a.documentId, s.id.appr1); // A acts for themself
    await decideOk(h, b.documentId, s.id.appr2); // B acts for A
    expect(await h.engine.result(a.documentId)).toBe('approved');
    expect(await h.engine.result(b.documentId)).toBe('approved');
    const rows = await h.db.auditEvent.findMany({ where: { documentId: { in: [a.documentId, b.documentId] }, action: 'approved', fromState: 'in_review', toState: 'in_review' } });
    const byDoc = Object.fromEntries(rows.map((r) => [r.documentId, [r.actorId, r.onBehalfOfId]]));
    expect(byDoc[a.documentId]).toEqual([s.id.appr1, null]);
    expect(byDoc[b.documentId]).toEqual([s.id.appr2, s.id.appr1]);
  });

  it('removing the substitution withdraws the step from B', async () => {
    const s = await workspace('W-sub-remove');
    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.appr1 });
    const added = await addSubstitution(h.db, h.engine, { workspaceId: s.workspaceId, actorId: s.id.admin, substituteId: s.id.appr2, forUserId: s.id.appr1, startsAt: Date.now() - 1000, endsAt: Date.now() + 3_600_000 });
    await waitNote(h, doc.documentId, 'step_offered', { recipientId: s.id.appr2 });
    expect(await removeSubstitution(h.db, h.engine, { workspaceId: s.workspaceId, actorId: s.id.admin, id: added.ok ? added.value.id : '' })).toMatchObject({ ok: true });
    await waitNote(h, doc.documentId, 'step_withdrawn', { recipientId: s.id.appr2 });
    expect(await decideRefused(h, doc.documentId, s.id.appr2)).toMatch(/not an assignee/);
    await decideOk(h, doc.documentId, s.id.appr1);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
  });
});

describe('an ALL step the principal decides themself', () => {
  it('is no longer offered to their substitute', async () => {
    const s = await workspace('W-sub-principal', 'all');
    expect(await addSubstitution(h.db, h.engine, { workspaceId: s.workspaceId, actorId: s.id.admin, substituteId: s.id.emp2, forUserId: s.id.appr1, startsAt: Date.now() - 1000, endsAt: Date.now() + 3_600_000 })).toMatchObject({ ok: true });
    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'step_offered', { recipientId: s.id.emp2 });
    expect((await waitingFor(h.db, s.workspaceId, s.id.emp2)).map((w) => w.documentId)).toContain(doc.documentId);

    await decideOk(h, doc.documentId, s.id.appr1); // A is back early and agrees; the cfo has not yet
    await waitNote(h, doc.documentId, 'step_withdrawn', { recipientId: s.id.emp2 });
    expect((await state(h, doc.documentId)).openStep).toMatchObject({ decided: [s.id.appr1], offeredTo: [] });
    expect((await waitingFor(h.db, s.workspaceId, s.id.emp2)).map((w) => w.documentId)).not.toContain(doc.documentId);
    expect(await decideRefused(h, doc.documentId, s.id.emp2)).toMatch(/already decided/);
    await decideOk(h, doc.documentId, s.id.cfo);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
  });
});

describe('an absence that starts and ends while steps are pending', () => {
  it('offers pending steps to B when it starts and withdraws them when it ends', async () => {
    const s = await workspace('W-sub-window');
    const x = await submitConfirmed(h, s);
    const y = await submitConfirmed(h, s);
    await waitNote(h, x.documentId, 'step_assigned', { recipientId: s.id.appr1 });
    await waitNote(h, y.documentId, 'step_assigned', { recipientId: s.id.appr1 });

    const startsAt = Date.now() + 4_000;
    const endsAt = startsAt + 6_000;
    const added = await addSubstitution(h.db, h.engine, { workspaceId: s.workspaceId, actorId: s.id.admin, substituteId: s.id.emp2, forUserId: s.id.appr1, startsAt, endsAt });
    expect(added).toMatchObject({ ok: true });
    // Not yet: B cannot act before the period starts.
    expect(await decideRefused(h, x.documentId, s.id.emp2)).toMatch(/not active|not an assignee/);

    const offeredX = await waitNote(h, x.documentId, 'step_offered', { recipientId: s.id.emp2 });
    const offeredY = await waitNote(h, y.documentId, 'step_offered', { recipientId: s.id.emp2 });
    const sentAt = async (documentId: string, kind: string) => (await h.db.notification.findFirstOrThrow({ where: { documentId, kind, recipientId: s.id.emp2 } })).createdAt.getTime();
    expect(await sentAt(x.documentId, 'step_offered')).toBeGreaterThanOrEqual(startsAt);
    expect([offeredX.onBehalfOf, offeredY.onBehalfOf]).toEqual([s.id.appr1, s.id.appr1]);
    const waiting = await waitingFor(h.db, s.workspaceId, s.id.emp2);
    expect(waiting.filter((w) => [x.documentId, y.documentId].includes(w.documentId)).map((w) => w.onBehalfOf)).toEqual([[s.id.appr1], [s.id.appr1]]);

    // B's decision is accepted during the period, on behalf of A.
    const r = await decideOk(h, x.documentId, s.id.emp2);
    expect(r).toMatchObject({ onBehalfOf: s.id.appr1 });
    expect(await h.engine.result(x.documentId)).toBe('approved');

    // When the period ends the other step is withdrawn from B; A still has it.
    await waitNote(h, y.documentId, 'step_withdrawn', { recipientId: s.id.emp2 }, 20_000);
    expect(await sentAt(y.documentId, 'step_withdrawn')).toBeGreaterThanOrEqual(endsAt);
    expect((await state(h, y.documentId)).openStep?.offeredTo).toEqual([]);
    expect((await h.db.step.findFirstOrThrow({ where: { documentId: y.documentId } })).offeredTo).toEqual([]);
    expect(await decideRefused(h, y.documentId, s.id.emp2)).toMatch(/not an assignee|not active/);
    expect((await waitingFor(h.db, s.workspaceId, s.id.emp2)).map((w) => w.documentId)).not.toContain(y.documentId);
    await decideOk(h, y.documentId, s.id.appr1);
    expect(await h.engine.result(y.documentId)).toBe('approved');
    const onBehalf = await h.db.auditEvent.findMany({ where: { documentId: { in: [x.documentId, y.documentId] }, onBehalfOfId: { not: null } } });
    expect(onBehalf.map((e) => [e.documentId, e.actorId, e.onBehalfOfId, e.action])).toEqual([[x.documentId, s.id.emp2, s.id.appr1, 'approved']]);
  });
});

describe('the submitter as substitute', () => {
  it('cannot approve their own document, even on behalf of the approver', async () => {
    const s = await workspace('W-sub-self');
    expect(await addSubstitution(h.db, h.engine, { workspaceId: s.workspaceId, actorId: s.id.admin, substituteId: s.id.emp, forUserId: s.id.appr1, startsAt: Date.now() - 1000, endsAt: Date.now() + 3_600_000 })).toMatchObject({ ok: true });
    const own = await submitConfirmed(h, s, { submitterId: s.id.emp });
    const other = await submitConfirmed(h, s, { submitterId: s.id.emp2 });
    await waitNote(h, own.documentId, 'step_assigned', { recipientId: s.id.appr1 });
    // The other employee's document is offered to emp as substitute; emp's own is not.
    await waitNote(h, other.documentId, 'step_offered', { recipientId: s.id.emp });
    expect(notes(h, own.documentId, 'step_offered')).toHaveLength(0);
    expect((await state(h, own.documentId)).openStep?.offeredTo).toEqual([]);
    expect((await waitingFor(h.db, s.workspaceId, s.id.emp)).map((w) => w.documentId)).not.toContain(own.documentId);

    expect(await decideRefused(h, own.documentId, s.id.emp)).toMatch(/You submitted this document/);
    expect(await decideRefused(h, own.documentId, s.id.emp, 'reject', 'self')).toMatch(/You submitted this document/);
    expect((await state(h, own.documentId)).openStep?.decided).toEqual([]);

    await decideOk(h, other.documentId, s.id.emp);
    expect(await h.engine.result(other.documentId)).toBe('approved');
    await decideOk(h, own.documentId, s.id.appr1);
    expect(await h.engine.result(own.documentId)).toBe('approved');
  });
});
