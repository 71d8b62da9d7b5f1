// The fast layer: the document workflow on Temporal's time-skipping test server with
// in-memory activities. Authorization, ALL/ANY stages, substitutes, and reminders and
// escalation after days of (skipped) time, in seconds of wall time. The real-service suites
// beside it (test/workflows/*.test.ts) stay the integration layer.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../domain';
import { confirmUpdate, decideUpdate, withdrawUpdate } from '../../../workflows/contract';
import { startFastEngine, type FastEngine } from './time-skipping';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let e: FastEngine;

beforeAll(async () => {
  e = await startFastEngine();
});
afterAll(async () => e?.close());

beforeEach(() => {
  const w = e.world;
  w.users.clear();
  w.substitutions = [];
  w.settings = { ...DEFAULT_SETTINGS };
  w.person('emp', 'employee');
  w.person('book', 'bookkeeper');
  w.person('ann', 'approver');
  w.person('ben', 'approver');
  w.person('cas', 'coordinator');
  w.person('aud', 'auditor', 'approver');
  w.person('adm', 'admin');
  w.person('sub', 'employee');
  w.stages = [{ type: 'approve', mode: 'any', assignees: ['ann'] }];
  w.policyGate = null;
});

/** An expense report by emp, confirmed and waiting on its first step's assignees. */
async function inReview(): Promise<string> {
  const id = await e.start({ kind: 'expense', submitterId: 'emp' }, { totalAmount: '40.00', currency: 'EUR' });
  expect(await e.send(id, confirmUpdate, { actorId: 'emp' })).toMatchObject({ ok: true });
  await e.world.note((n) => n.documentId === id && n.kind === 'step_assigned');
  return id;
}
const decide = (id: string, actorId: string, action: 'approve' | 'reject' = 'approve', reason?: string) => e.send(id, decideUpdate, { actorId, action, ...(reason ? { reason } : {}) });
const refusal = async (id: string, actorId: string) => ((await decide(id, actorId)) as { reason?: string }).reason;

describe('authorization', () => {
  it('refuses everyone but the assignee, each with its reason, and counts the assignee', async () => {
    e.world.users.set('emp', { userId: 'emp', roles: ['employee', 'approver'], codingRight: false });
    const id = await inReview();
    expect(await refusal(id, 'emp')).toBe('You submitted this document, so you cannot decide on its approval step, not even as a substitute.');
    expect(await refusal(id, 'aud')).toBe('Auditors have read-only access: they cannot change anything.');
    expect(await refusal(id, 'ben')).toBe('You are not an assignee of the approval step.');
    expect(await refusal(id, 'nobody')).toBe('Unknown user: open the app once so Countersign knows you.');
    expect(await e.send(id, withdrawUpdate, { actorId: 'adm' })).toEqual({ ok: false, reason: 'Only the submitter can withdraw this document.' });
    expect(await decide(id, 'ann', 'reject')).toEqual({ ok: false, reason: 'A reason is required to reject.' });
    expect(e.world.actions(id)).not.toContain('approved');
    expect(await decide(id, 'ann')).toMatchObject({ ok: true, message: 'Approved.' });
    expect(await e.result(id)).toBe('approved');
  });

  it('an administrator on the chain without the approver role cannot approve', async () => {
    e.world.stages = [{ type: 'approve', mode: 'any', assignees: ['adm'] }];
    const id = await inReview();
    expect(await refusal(id, 'adm')).toBe('Administrators cannot decide on the approval step unless they also hold the approver role.');
  });
});

describe('the first moments', () => {
  it('a query and an update that arrive while the policy is still loading find their handlers; the update runs once it is loaded', async () => {
    let open!: () => void;
    e.world.policyGate = new Promise((resolve) => (open = resolve));
    const id = await e.start({ kind: 'expense', submitterId: 'emp' }, { totalAmount: '5.00', currency: 'EUR' }, { wait: false });
    expect(await e.state(id)).toMatchObject({ documentId: id, status: 'extracting', openStep: null });
    const withdrawn = e.send(id, withdrawUpdate, { actorId: 'emp' });
    open();
    expect(await withdrawn).toMatchObject({ ok: true, status: 'withdrawn' });
    expect(await e.result(id)).toBe('withdrawn');
  });
});

describe('ALL and ANY stages', () => {
  it('ALL waits for every assignee, once each; ANY moves on with one', async () => {
    e.world.stages = [
      { type: 'coordinate', mode: 'all', assignees: ['cas', 'ben'] },
      { type: 'approve', mode: 'any', assignees: ['ann', 'ben'] },
    ];
    e.world.users.set('ben', { userId: 'ben', roles: ['coordinator', 'approver'], codingRight: false });
    const id = await inReview();
    expect(await decide(id, 'cas')).toMatchObject({ ok: true, message: 'Agreed. Waiting for the other assignees.' });
    expect(await refusal(id, 'cas')).toBe('You have already agreed on this coordination step; it is waiting for the other assignees.');
    expect((await e.state(id)).openStep).toMatchObject({ stageIndex: 0, decided: ['cas'] });
    expect(await decide(id, 'ben')).toMatchObject({ ok: true, message: 'Agreed.' });
    await e.world.note((n) => n.documentId === id && n.kind === 'step_assigned' && n.step?.stageIndex === 1);
    expect(await decide(id, 'ann')).toMatchObject({ ok: true, message: 'Approved.' });
    expect(await e.result(id)).toBe('approved');
    expect(e.world.actions(id).filter((a) => a === 'agreed' || a === 'approved')).toEqual(['agreed', 'agreed', 'approved', 'approved']);
  });
});

describe('substitutes', () => {
  it('an absence that starts in two days offers the pending step to the substitute then, who approves on behalf of the assignee', async () => {
    const now = await e.env.currentTimeMs();
    e.world.settings = { reminderAfterMs: 10 * DAY, escalateAfterMs: 20 * DAY, escalationUserId: null };
    e.world.substitutions = [{ id: 's1', substituteId: 'sub', forUserId: 'ann', startsAt: now + 2 * DAY, endsAt: now + 5 * DAY }];
    const id = await inReview();
    expect(await refusal(id, 'sub')).toBe('Your substitution for ann is not active at this time.');
    await e.env.sleep(2 * DAY + HOUR);
    const offered = await e.world.note((n) => n.documentId === id && n.kind === 'step_offered' && n.recipientId === 'sub');
    expect(offered.onBehalfOf).toBe('ann');
    expect(await decide(id, 'sub')).toMatchObject({ ok: true, onBehalfOf: 'ann' });
    expect(await e.result(id)).toBe('approved');
    expect(e.world.events.find((ev) => ev.documentId === id && ev.action === 'approved')).toMatchObject({ actorId: 'sub', onBehalfOfId: 'ann' });
  });
});

describe('reminders and escalation', () => {
  it('remind after a day, escalate to the administrators after three, once each', async () => {
    e.world.settings = { reminderAfterMs: DAY, escalateAfterMs: 3 * DAY, escalationUserId: null };
    const id = await inReview();
    await e.env.sleep(DAY - HOUR);
    expect(e.world.notes.filter((n) => n.documentId === id && n.kind === 'reminder')).toEqual([]);
    await e.env.sleep(2 * HOUR);
    expect(await e.world.note((n) => n.documentId === id && n.kind === 'reminder')).toMatchObject({ recipientId: 'ann' });
    await e.env.sleep(2 * DAY);
    expect(await e.world.note((n) => n.documentId === id && n.kind === 'escalation')).toMatchObject({ recipientId: 'adm' });
    await e.env.sleep(7 * DAY);
    expect(await decide(id, 'ann')).toMatchObject({ ok: true });
    expect(await e.result(id)).toBe('approved');
    const kinds = e.world.notes.filter((n) => n.documentId === id && (n.kind === 'reminder' || n.kind === 'escalation')).map((n) => n.kind);
    expect(kinds).toEqual(['reminder', 'escalation']);
  });

  it('escalate to the named escalation user, with timers restarting for the next stage', async () => {
    e.world.settings = { reminderAfterMs: DAY, escalateAfterMs: 2 * DAY, escalationUserId: 'ben' };
    e.world.stages = [
      { type: 'coordinate', mode: 'any', assignees: ['cas'] },
      { type: 'approve', mode: 'any', assignees: ['ann'] },
    ];
    const id = await inReview();
    await e.env.sleep(DAY + HOUR);
    await e.world.note((n) => n.documentId === id && n.kind === 'reminder' && n.step?.stageIndex === 0);
    expect(await decide(id, 'cas')).toMatchObject({ ok: true });
    await e.world.note((n) => n.documentId === id && n.kind === 'step_assigned' && n.step?.stageIndex === 1);
    await e.env.sleep(2 * DAY + HOUR);
    expect(await e.world.note((n) => n.documentId === id && n.kind === 'escalation')).toMatchObject({ recipientId: 'ben', step: { stageIndex: 1 } });
    const reminders = e.world.notes.filter((n) => n.documentId === id && n.kind === 'reminder').map((n) => n.step?.stageIndex);
    expect(reminders).toEqual([0, 1]);
  });
});
