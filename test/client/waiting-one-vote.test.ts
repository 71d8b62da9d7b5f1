// Issue 13: "waiting for me" must not list a step to someone who already decided in the
// current round (one person, one decision per round), even on a later stage that names them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addSubstitution } from '../../client/substitutes';
import { waitingFor } from '../../client/queries';
import { createHarness, type Harness } from '../support/engine-harness';
import { seedWorkspace, setChain, type Seeded } from '../../scripts/lib/seed';
import { decideOk, submitConfirmed, waitNote } from '../workflows/flow';

let h: Harness;
let s: Seeded;

beforeAll(async () => {
  h = await createHarness();
  s = await seedWorkspace(h.db, 'W-one-vote');
  await setChain(h.db, s.workspaceId, 'main', [
    { type: 'approve', mode: 'any', assignees: [s.id.appr1] },
    { type: 'approve', mode: 'all', assignees: [s.id.appr1, s.id.appr2] },
  ], {}, true);
});
afterAll(async () => h?.close());

it('a later stage of the same round is not listed to whoever already decided in it', async () => {
  const doc = await submitConfirmed(h, s);
  await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.appr1 });
  await decideOk(h, doc.documentId, s.id.appr1);
  await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 1, recipientId: s.id.appr2 });
  const mine = (await waitingFor(h.db, s.workspaceId, s.id.appr1)).filter((i) => i.documentId === doc.documentId);
  expect(mine).toEqual([]);
  const theirs = (await waitingFor(h.db, s.workspaceId, s.id.appr2)).filter((i) => i.documentId === doc.documentId);
  expect(theirs).toMatchObject([{ task: 'approve', stageIndex: 1 }]);
});

it('a substitute who decided for someone is not listed a later stage that names them', async () => {
  const t = await seedWorkspace(h.db, 'W-one-vote-sub');
  // emp2 stands in for appr1 in stage 1, and is an approver named in stage 2 themself.
  await h.db.user.update({ where: { id: t.id.emp2 }, data: { roles: ['employee', 'approver'] } });
  await setChain(h.db, t.workspaceId, 'main', [
    { type: 'approve', mode: 'any', assignees: [t.id.appr1] },
    { type: 'approve', mode: 'any', assignees: [t.id.emp2, t.id.appr2] },
  ], {}, true);
  const sub = await addSubstitution(h.db, h.engine, { workspaceId: t.workspaceId, actorId: t.id.admin, substituteId: t.id.emp2, forUserId: t.id.appr1, startsAt: Date.now() - 60_000, endsAt: Date.now() + 3_600_000 });
  expect(sub).toMatchObject({ ok: true });
  const doc = await submitConfirmed(h, t);
  await waitNote(h, doc.documentId, 'step_offered', { recipientId: t.id.emp2 });
  expect(await decideOk(h, doc.documentId, t.id.emp2)).toMatchObject({ onBehalfOf: t.id.appr1 });
  await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 1, recipientId: t.id.appr2 });
  // The engine refuses emp2 a second decision in this round, so their list must not offer one.
  const theirs = (await waitingFor(h.db, t.workspaceId, t.id.emp2)).filter((i) => i.documentId === doc.documentId);
  expect(theirs).toEqual([]);
  const other = (await waitingFor(h.db, t.workspaceId, t.id.appr2)).filter((i) => i.documentId === doc.documentId);
  expect(other).toMatchObject([{ task: 'approve', stageIndex: 1 }]);
});
