// One person, one decision per document round; a coordinator never finalises, whoever they
// stand in for. On the real engine, one case each, and the offers to substitutes that follow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setChain as saveChain } from '../../client/chains';
import { addSubstitution } from '../../client/substitutes';
import { COORDINATOR_NEVER_FINAL, ONE_DECISION_PER_ROUND } from '../../domain/permissions/refusals';
import { createHarness, type Harness } from '../support/engine-harness';
import { seedWorkspace, setChain, type Seeded } from '../../scripts/lib/seed';
import { decideOk, decideRefused, state, submitConfirmed, waitNote } from './flow';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

const HOUR = 3_600_000;
async function substitute(s: Seeded, substituteId: string, forUserId: string): Promise<void> {
  const r = await addSubstitution(h.db, h.engine, { workspaceId: s.workspaceId, actorId: s.id.admin, substituteId, forUserId, startsAt: Date.now() - 60_000, endsAt: Date.now() + HOUR });
  expect(r, 'substitution').toMatchObject({ ok: true });
}
const stepRow = (documentId: string, stageIndex: number) => h.db.step.findFirstOrThrow({ where: { documentId, stageIndex }, orderBy: { round: 'desc' } });

describe('a substitute for both assignees of an ALL stage', () => {
  it('decides once; the second click is refused and the offer is withdrawn; the other assignee still decides', async () => {
    const s = await seedWorkspace(h.db, 'W-vote-all');
    await setChain(h.db, s.workspaceId, 'main', [{ type: 'approve', mode: 'all', assignees: [s.id.appr1, s.id.appr2] }], {}, true);
    await substitute(s, s.id.emp2, s.id.appr1);
    await substitute(s, s.id.emp2, s.id.appr2);
    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'step_offered', { recipientId: s.id.emp2 });

    expect(await decideOk(h, doc.documentId, s.id.emp2)).toMatchObject({ onBehalfOf: s.id.appr1 });
    expect(await decideRefused(h, doc.documentId, s.id.emp2)).toBe(ONE_DECISION_PER_ROUND);
    await waitNote(h, doc.documentId, 'step_withdrawn', { recipientId: s.id.emp2 });
    expect((await stepRow(doc.documentId, 0)).offeredTo).toEqual([]);
    expect((await state(h, doc.documentId)).openStep?.decided).toEqual([s.id.appr1]);

    await decideOk(h, doc.documentId, s.id.appr2);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
    const decisions = await h.db.auditEvent.findMany({ where: { documentId: doc.documentId, action: 'approved', actorId: { not: null } } });
    expect(decisions.map((d) => d.actorId).sort()).toEqual([s.id.appr2, s.id.emp2].sort());
  });
});

describe('one person in a coordinator and an approver stage', () => {
  let s: Seeded;
  beforeAll(async () => {
    s = await seedWorkspace(h.db, 'W-vote-two-stages');
    // coord1 also holds the approver role, so each stage would accept them on its own.
    await h.db.user.update({ where: { id: s.id.coord1 }, data: { roles: ['coordinator', 'approver'] } });
  });

  it('an administrator cannot save such a chain', async () => {
    const r = await saveChain(h.db, {
      workspaceId: s.workspaceId,
      actorId: s.id.admin,
      chain: { name: 'twice', isDefault: true, conditions: {}, stages: [{ type: 'coordinate', mode: 'any', assignees: [s.id.coord1] }, { type: 'approve', mode: 'any', assignees: [s.id.coord1, s.id.appr1] }] },
    });
    expect(r).toEqual({ ok: false, reason: `${s.id.coord1} is named in stages 1 and 2: one person decides once per document, so they could never decide stage 2.` });
    expect(await h.db.chain.count({ where: { workspaceId: s.workspaceId, name: 'twice' } })).toBe(0);
  });

  it('on a chain saved before the rule: who agreed cannot also approve; who coordinates without agreeing cannot approve either', async () => {
    // Written straight to the table, as a chain saved by an older version would be.
    await setChain(h.db, s.workspaceId, 'old', [
      { type: 'coordinate', mode: 'any', assignees: [s.id.coord1, s.id.coord2] },
      { type: 'approve', mode: 'any', assignees: [s.id.coord1, s.id.appr1] },
    ], {}, true);

    const agreed = await submitConfirmed(h, s);
    await waitNote(h, agreed.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.coord1 });
    await decideOk(h, agreed.documentId, s.id.coord1);
    await waitNote(h, agreed.documentId, 'step_assigned', { stageIndex: 1, recipientId: s.id.appr1 });
    expect(await decideRefused(h, agreed.documentId, s.id.coord1)).toBe(ONE_DECISION_PER_ROUND);
    await decideOk(h, agreed.documentId, s.id.appr1);
    expect(await h.engine.result(agreed.documentId)).toBe('approved');

    const other = await submitConfirmed(h, s);
    await waitNote(h, other.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.coord2 });
    await decideOk(h, other.documentId, s.id.coord2);
    await waitNote(h, other.documentId, 'step_assigned', { stageIndex: 1, recipientId: s.id.appr1 });
    expect(await decideRefused(h, other.documentId, s.id.coord1)).toBe(COORDINATOR_NEVER_FINAL);
    await decideOk(h, other.documentId, s.id.appr1);
    expect(await h.engine.result(other.documentId)).toBe('approved');
  });
});

describe('a coordinator standing in for the final approver', () => {
  it('is neither offered the approval nor allowed it: by role (another coordinator) or by place (this chain’s coordinator)', async () => {
    const s = await seedWorkspace(h.db, 'W-vote-coord-sub');
    await setChain(h.db, s.workspaceId, 'main', [{ type: 'coordinate', mode: 'any', assignees: [s.id.coord1] }, { type: 'approve', mode: 'any', assignees: [s.id.appr1] }], {}, true);
    await substitute(s, s.id.coord2, s.id.appr1);
    await substitute(s, s.id.coord1, s.id.appr1);
    await substitute(s, s.id.emp2, s.id.appr1);

    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.coord1 });
    await decideOk(h, doc.documentId, s.id.coord1);
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 1, recipientId: s.id.appr1 });
    // Only the employee substitute is offered the final approval.
    expect((await stepRow(doc.documentId, 1)).offeredTo).toEqual([s.id.emp2]);
    expect(await decideRefused(h, doc.documentId, s.id.coord2)).toBe(COORDINATOR_NEVER_FINAL);
    expect(await decideRefused(h, doc.documentId, s.id.coord1)).toBe(ONE_DECISION_PER_ROUND);
    expect(await decideOk(h, doc.documentId, s.id.emp2)).toMatchObject({ onBehalfOf: s.id.appr1 });
    expect(await h.engine.result(doc.documentId)).toBe('approved');
  });
});

describe('reassigning a step', () => {
  it('never to someone who already decided in the round, nor a coordinator of the round onto the final approval', async () => {
    const s = await seedWorkspace(h.db, 'W-vote-reassign');
    await h.db.user.update({ where: { id: s.id.coord1 }, data: { roles: ['coordinator', 'approver'] } });
    await h.db.user.update({ where: { id: s.id.coord2 }, data: { roles: ['coordinator', 'approver'] } });
    await setChain(h.db, s.workspaceId, 'main', [{ type: 'coordinate', mode: 'any', assignees: [s.id.coord1, s.id.coord2] }, { type: 'approve', mode: 'any', assignees: [s.id.appr1] }], {}, true);
    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.coord1 });
    await decideOk(h, doc.documentId, s.id.coord1);
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 1, recipientId: s.id.appr1 });
    const reassign = (toUserId: string) => h.engine.reassign(doc.documentId, { actorId: s.id.admin, key: `reassign-${toUserId}-${Date.now()}`, stageIndex: 1, fromUserId: s.id.appr1, toUserId });
    expect(await reassign(s.id.coord1)).toEqual({ ok: false, reason: 'That person already decided on this document in this round: one person, one decision per round.' });
    expect(await reassign(s.id.coord2)).toEqual({ ok: false, reason: 'That person coordinates this document: a coordinator never gives the final approval.' });
    expect(await reassign(s.id.appr2)).toMatchObject({ ok: true });
    await decideOk(h, doc.documentId, s.id.appr2);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
  });
});
