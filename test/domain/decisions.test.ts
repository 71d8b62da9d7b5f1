import { describe, expect, it } from 'vitest';
import { canDecide, type OpenStep } from '../../domain/permissions/decide';
import type { Actor, Role } from '../../domain/roles';
import type { Substitution } from '../../domain/substitutes';

const actor = (userId: string, ...roles: Role[]): Actor => ({ userId, roles, codingRight: false });
const step = (over: Partial<OpenStep> = {}): OpenStep => ({ index: 2, type: 'approve', mode: 'any', assignees: ['ann'], decided: [], ...over });
const NOW = 1_000_000;
const subFor = (substituteId: string, forUserId: string, startsAt = NOW - 10, endsAt = NOW + 10): Substitution => ({
  id: `${substituteId}-${forUserId}`,
  substituteId,
  forUserId,
  startsAt,
  endsAt,
});

function decide(a: Actor, s: OpenStep = step(), substitutions: Substitution[] = [], submitterId = 'emp', anyBookkeeper?: boolean) {
  return canDecide({ step: s, actor: a, submitterId, substitutions, now: NOW, anyBookkeeper });
}

describe('canDecide', () => {
  it('an assignee with the stage role acts for themself', () => {
    expect(decide(actor('ann', 'approver'))).toEqual({ ok: true, onBehalfOf: null });
    expect(decide(actor('ann', 'coordinator'), step({ type: 'coordinate' }))).toEqual({ ok: true, onBehalfOf: null });
    expect(decide(actor('ann', 'bookkeeper'), step({ type: 'coding' }))).toEqual({ ok: true, onBehalfOf: null });
  });
  it('an assignee without the stage role is refused', () => {
    expect(decide(actor('ann', 'coordinator'))).toEqual({ ok: false, reason: 'You need the approver role to act on the approval step.' });
    expect(decide(actor('ann', 'approver'), step({ type: 'coordinate' }))).toEqual({
      ok: false,
      reason: 'You need the coordinator role to act on the coordination step.',
    });
  });
  it('an administrator without the role is refused, with the reason why', () => {
    expect(decide(actor('ann', 'admin'))).toEqual({
      ok: false,
      reason: 'Administrators cannot decide on the approval step unless they also hold the approver role.',
    });
  });
  it('an administrator who is also approver is accepted', () => {
    expect(decide(actor('ann', 'admin', 'approver'))).toEqual({ ok: true, onBehalfOf: null });
  });
  it('an auditor is refused even when assigned with the role', () => {
    const r = decide(actor('ann', 'auditor', 'approver'));
    expect(r).toEqual({ ok: false, reason: 'Auditors have read-only access: they cannot change anything.' });
  });
  it('a non-assignee is refused', () => {
    expect(decide(actor('bob', 'approver'))).toEqual({ ok: false, reason: 'You are not an assignee of the approval step.' });
  });
  it('the submitter is refused as assignee', () => {
    const r = decide(actor('ann', 'approver'), step(), [], 'ann');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/You submitted this document/);
  });
  it('the submitter is refused even as an active substitute', () => {
    const r = decide(actor('emp', 'approver'), step(), [subFor('emp', 'ann')], 'emp');
    expect(r).toEqual({ ok: false, reason: 'You submitted this document, so you cannot decide on its approval step, not even as a substitute.' });
  });
  it('a bookkeeper who uploaded an invoice may still code it', () => {
    expect(decide(actor('bk', 'bookkeeper'), step({ type: 'coding', assignees: [] }), [], 'bk')).toEqual({ ok: true, onBehalfOf: null });
  });
  it('an active substitute acts on behalf of the pending assignee', () => {
    expect(decide(actor('bob', 'employee'), step(), [subFor('bob', 'ann')])).toEqual({ ok: true, onBehalfOf: 'ann' });
  });
  it('a substitute at the exact start instant is accepted, at the end instant refused', () => {
    expect(decide(actor('bob'), step(), [subFor('bob', 'ann', NOW, NOW + 1)])).toEqual({ ok: true, onBehalfOf: 'ann' });
    expect(decide(actor('bob'), step(), [subFor('bob', 'ann', NOW - 1, NOW)])).toEqual({
      ok: false,
      reason: 'Your substitution for ann is not active at this time.',
    });
  });
  it('an expired or future substitute is refused', () => {
    expect(decide(actor('bob', 'approver'), step(), [subFor('bob', 'ann', 0, NOW - 1)]).ok).toBe(false);
    expect(decide(actor('bob', 'approver'), step(), [subFor('bob', 'ann', NOW + 1, NOW + 100)]).ok).toBe(false);
  });
  it('a substitute for a non-assignee is refused', () => {
    expect(decide(actor('bob', 'approver'), step(), [subFor('bob', 'zed')])).toEqual({
      ok: false,
      reason: 'You are not an assignee of the approval step.',
    });
  });
  it('with several principals, the first pending assignee in step order is chosen', () => {
    const s = step({ mode: 'all', assignees: ['zoe', 'ann', 'cat'], decided: ['zoe'] });
    const subs = [subFor('bob', 'cat'), subFor('bob', 'ann'), subFor('bob', 'zoe')];
    expect(decide(actor('bob'), s, subs)).toEqual({ ok: true, onBehalfOf: 'ann' });
    expect(decide(actor('bob'), s, [...subs].reverse())).toEqual({ ok: true, onBehalfOf: 'ann' });
  });
  it('a substitute whose principal already agreed is told so', () => {
    const s = step({ mode: 'all', assignees: ['ann', 'cat'], decided: ['ann'] });
    expect(decide(actor('bob'), s, [subFor('bob', 'ann')])).toEqual({
      ok: false,
      reason: 'ann, whom you substitute for, has already decided on this approval step.',
    });
  });
  it('an assignee who already agreed in an ALL step is told so', () => {
    const s = step({ mode: 'all', assignees: ['ann', 'cat'], decided: ['ann'] });
    expect(decide(actor('ann', 'approver'), s)).toEqual({
      ok: false,
      reason: 'You have already agreed on this approval step; it is waiting for the other assignees.',
    });
  });
  it('an assignee cannot also act for another assignee of the same step', () => {
    const s = step({ mode: 'all', assignees: ['ann', 'cat'], decided: ['ann'] });
    expect(decide(actor('ann', 'approver'), s, [subFor('ann', 'cat')]).ok).toBe(false);
  });
  it('any-bookkeeper coding accepts any bookkeeper and refuses others', () => {
    const s = step({ type: 'coding', assignees: [] });
    expect(decide(actor('bk', 'bookkeeper'), s)).toEqual({ ok: true, onBehalfOf: null });
    expect(decide(actor('ap', 'approver'), s)).toEqual({ ok: false, reason: 'You need the bookkeeper role to act on the coding step.' });
    expect(decide(actor('adm', 'admin'), s).ok).toBe(false);
  });
  it('the anyBookkeeper flag opens a named coding step to every bookkeeper', () => {
    const s = step({ type: 'coding', assignees: ['bk1'] });
    expect(decide(actor('bk2', 'bookkeeper'), s).ok).toBe(false);
    expect(decide(actor('bk2', 'bookkeeper'), s, [], 'emp', true)).toEqual({ ok: true, onBehalfOf: null });
  });
  it('a substitute on a named coding step must be a bookkeeper', () => {
    const s = step({ type: 'coding', assignees: ['bk1'] });
    expect(decide(actor('bob', 'employee'), s, [subFor('bob', 'bk1')])).toEqual({
      ok: false,
      reason: 'Only a bookkeeper can code a document, even as a substitute.',
    });
    expect(decide(actor('bob', 'bookkeeper'), s, [subFor('bob', 'bk1')])).toEqual({ ok: true, onBehalfOf: 'bk1' });
  });
});
