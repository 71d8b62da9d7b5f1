// Issue 13: "waiting for me" must not list a step to someone who already decided in the
// current round (one person, one decision per round), even on a later stage that names them.
import { afterAll, beforeAll, expect, it } from 'vitest';
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
