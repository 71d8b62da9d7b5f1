// A transition never waits on Slack: with one recipient's Slack calls hanging (a Slack that
// never answers for them), the document still moves through every stage, every decision is
// answered at once, and the others are told.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notifier } from '../../activities';
import { seedWorkspace, setChain, type Seeded } from '../../scripts/lib/seed';
import type { NotificationEvent } from '../../workflows/notifications';
import { createHarness, type Harness } from '../support/engine-harness';
import { decideOk, submitConfirmed, waitNote } from './flow';

let h: Harness;
let s: Seeded;
/** Calls for the stuck recipient hang until this is called (at the end, so the worker can stop). */
let release: () => void = () => {};
const hung = new Promise<void>((resolve) => (release = resolve));
let stuckId = '';

beforeAll(async () => {
  const notifier: Notifier = {
    async deliver(e: NotificationEvent) {
      if (e.recipientId === stuckId) await hung;
    },
  };
  h = await createHarness({ notifier });
  s = await seedWorkspace(h.db, 'W-slack-outage');
  stuckId = s.id.appr1;
  await setChain(
    h.db,
    s.workspaceId,
    'two stages',
    [
      { type: 'approve', mode: 'any', assignees: [s.id.appr1, s.id.appr2] },
      { type: 'approve', mode: 'any', assignees: [s.id.cfo] },
    ],
    {},
    true,
  );
});
afterAll(async () => {
  release();
  await h?.close();
});

describe('a Slack that never answers for one recipient', () => {
  it('does not hold the document, the decisions or the other recipients', async () => {
    const doc = await submitConfirmed(h, s);
    // appr1's notification hangs; appr2's arrives.
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.appr2 });
    await decideOk(h, doc.documentId, s.id.appr2);
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 1, recipientId: s.id.cfo });
    await decideOk(h, doc.documentId, s.id.cfo);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
    await waitNote(h, doc.documentId, 'status_changed', { recipientId: s.id.emp, message: 'approved' });
    // appr1's notifications are still waiting in the outbox, not lost.
    const pending = await h.db.notification.findMany({ where: { documentId: doc.documentId, recipientId: s.id.appr1, deliveredAt: null } });
    expect(pending.length).toBeGreaterThan(0);
  });
});
