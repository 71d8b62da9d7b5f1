// Reminders and escalation on durable timers: a pending step reminds its pending assignees
// (and their substitutes) after reminderAfterSeconds and escalates to the administrators or
// the escalation user after escalateAfterSeconds, once each, audited. Settings are seconds
// here; the test waits for the notifications, never sleeps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateSettings } from '../../client/settings';
import { addSubstitution } from '../../client/substitutes';
import { createHarness, type Harness } from '../support/engine-harness';
import { seedWorkspace, setChain } from '../../scripts/lib/seed';
import { decideOk, notes, submitConfirmed, waitNote } from './flow';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

async function sentAt(documentId: string, kind: string, recipientId: string): Promise<number> {
  return (await h.db.notification.findFirstOrThrow({ where: { documentId, kind, recipientId } })).createdAt.getTime();
}
/** When the workflow opened the step (workflow time, the timers' origin). */
async function openedAt(documentId: string, stageIndex: number): Promise<number> {
  const st = await h.engine.state(documentId);
  expect(st?.openStep?.stageIndex).toBe(stageIndex);
  return st!.openStep!.openedAt;
}

describe('reminder and escalation', () => {
  it('remind the pending assignees and their substitutes after 2 s, escalate to the administrators after 4 s', async () => {
    const s = await seedWorkspace(h.db, 'W-timers', { reminderAfterSeconds: 2, escalateAfterSeconds: 4 });
    await setChain(h.db, s.workspaceId, 'main', [{ type: 'approve', mode: 'all', assignees: [s.id.appr1, s.id.appr2] }], {}, true);
    expect(await addSubstitution(h.db, h.engine, { workspaceId: s.workspaceId, actorId: s.id.admin, substituteId: s.id.cfo, forUserId: s.id.appr2, startsAt: Date.now() - 1000, endsAt: Date.now() + 3_600_000 })).toMatchObject({ ok: true });
    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.appr1 });
    const opened = await openedAt(doc.documentId, 0);
    await decideOk(h, doc.documentId, s.id.appr1); // appr1 is done; appr2 is the one holding it up

    const reminder = await waitNote(h, doc.documentId, 'reminder', { recipientId: s.id.appr2 }, 15_000);
    expect(reminder.step).toMatchObject({ stageIndex: 0, decided: [s.id.appr1] });
    await waitNote(h, doc.documentId, 'reminder', { recipientId: s.id.cfo }); // appr2's substitute
    const escalation = await waitNote(h, doc.documentId, 'escalation', { recipientId: s.id.admin }, 15_000);
    expect(escalation.step).toMatchObject({ stageIndex: 0 });

    expect(await sentAt(doc.documentId, 'reminder', s.id.appr2)).toBeGreaterThanOrEqual(opened + 2000);
    expect(await sentAt(doc.documentId, 'escalation', s.id.admin)).toBeGreaterThanOrEqual(opened + 4000);
    // Only the pending assignee is reminded; the escalation goes to the administrators only.
    expect(notes(h, doc.documentId, 'reminder').map((e) => e.recipientId).sort()).toEqual([s.id.appr2, s.id.cfo].sort());
    expect(notes(h, doc.documentId, 'escalation').map((e) => e.recipientId)).toEqual([s.id.admin]);

    await decideOk(h, doc.documentId, s.id.appr2);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
    // Audited once each (the audit follows the notification; the workflow has finished now).
    const reminded = await h.db.auditEvent.findMany({ where: { documentId: doc.documentId, action: 'reminder_sent' } });
    const escalated = await h.db.auditEvent.findMany({ where: { documentId: doc.documentId, action: 'escalated' } });
    expect(reminded).toHaveLength(1);
    expect(reminded[0]!.details).toMatchObject({ stageIndex: 0, to: [s.id.appr2] });
    expect(escalated).toHaveLength(1);
    expect(escalated[0]!.details).toMatchObject({ stageIndex: 0, to: [s.id.admin] });
  });

  it('escalate to the named escalation user; the timers restart per stage and a decided stage is never reminded', async () => {
    // 3 s / 5 s: stage 0 must be decided before its reminder even on a loaded machine.
    const s = await seedWorkspace(h.db, 'W-timers-esc', { reminderAfterSeconds: 3, escalateAfterSeconds: 5 });
    await setChain(
      h.db,
      s.workspaceId,
      'main',
      [
        { type: 'coordinate', mode: 'any', assignees: [s.id.coord1] },
        { type: 'approve', mode: 'any', assignees: [s.id.appr1] },
      ],
      {},
      true,
    );
    const changed = await updateSettings(h.db, h.engine, { workspaceId: s.workspaceId, actorId: s.id.admin, changes: { escalationUserId: s.id.cfo } });
    expect(changed).toMatchObject({ ok: true, value: { reminderAfterMs: 3000, escalateAfterMs: 5000, escalationUserId: s.id.cfo } });

    const doc = await submitConfirmed(h, s);
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.coord1 });
    await decideOk(h, doc.documentId, s.id.coord1);
    await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 1, recipientId: s.id.appr1 });
    const opened = await openedAt(doc.documentId, 1);

    await waitNote(h, doc.documentId, 'reminder', { recipientId: s.id.appr1, stageIndex: 1 }, 15_000);
    await waitNote(h, doc.documentId, 'escalation', { recipientId: s.id.cfo, stageIndex: 1 }, 15_000);
    expect(await sentAt(doc.documentId, 'reminder', s.id.appr1)).toBeGreaterThanOrEqual(opened + 3000);
    expect(await sentAt(doc.documentId, 'escalation', s.id.cfo)).toBeGreaterThanOrEqual(opened + 5000);

    // By now stage 0's reminder time is long past: it was decided in time, so never reminded.
    expect(notes(h, doc.documentId, 'reminder').map((e) => [e.recipientId, e.step?.stageIndex])).toEqual([[s.id.appr1, 1]]);
    expect(notes(h, doc.documentId, 'escalation').map((e) => e.recipientId)).toEqual([s.id.cfo]);

    await decideOk(h, doc.documentId, s.id.appr1);
    expect(await h.engine.result(doc.documentId)).toBe('approved');
    const escalated = await h.db.auditEvent.findMany({ where: { documentId: doc.documentId, action: 'escalated' } });
    expect(escalated.map((e) => e.details)).toMatchObject([{ stageIndex: 1, to: [s.id.cfo] }]);
    expect(await h.db.auditEvent.count({ where: { documentId: doc.documentId, action: 'reminder_sent' } })).toBe(1);
  });
});
