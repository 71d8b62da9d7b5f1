// One person, one decision per document round, and a coordinator never finalises
// (domain/permissions/decide.ts rules 6 and 7), role by case; and the offers to substitutes
// that follow from them (stepOffers).
import { describe, expect, it } from 'vitest';
import { assignableInRound, canDecide, stepOffers, type OpenStep, type RoundSoFar } from '../../domain/permissions/decide';
import { COORDINATOR_NEVER_FINAL, ONE_DECISION_PER_ROUND } from '../../domain/permissions/refusals';
import type { Actor, Role } from '../../domain/roles';
import type { Substitution } from '../../domain/substitutes';

const NOW = 1_000_000;
const actor = (userId: string, ...roles: Role[]): Actor => ({ userId, roles, codingRight: false });
const sub = (substituteId: string, forUserId: string): Substitution => ({ id: `${substituteId}-${forUserId}`, substituteId, forUserId, startsAt: NOW - 10, endsAt: NOW + 10 });
const step = (over: Partial<OpenStep> = {}): OpenStep => ({ index: 1, type: 'approve', mode: 'all', assignees: ['ann', 'bob'], decided: [], ...over });
const round = (over: Partial<RoundSoFar> = {}): RoundSoFar => ({ decisions: [], coordinators: [], ...over });

function decide(a: Actor, s: OpenStep, r: RoundSoFar, substitutions: Substitution[] = []) {
  return canDecide({ step: s, actor: a, submitterId: 'emp', substitutions, now: NOW, round: r });
}

describe('one person, one decision per round', () => {
  it('a substitute for both assignees of an ALL stage decides once, for the first; the second is refused', () => {
    const subs = [sub('sam', 'ann'), sub('sam', 'bob')];
    expect(decide(actor('sam', 'approver'), step(), round(), subs)).toEqual({ ok: true, onBehalfOf: 'ann' });
    const after = round({ decisions: [{ actorId: 'sam', onBehalfOf: 'ann' }] });
    expect(decide(actor('sam', 'approver'), step({ decided: ['ann'] }), after, subs)).toEqual({ ok: false, reason: ONE_DECISION_PER_ROUND });
    // bob himself still decides: the stage is met by two distinct people.
    expect(decide(actor('bob', 'approver'), step({ decided: ['ann'] }), after, subs)).toEqual({ ok: true, onBehalfOf: null });
  });

  it('someone who agreed as coordinator cannot approve in a later stage, as assignee or as substitute', () => {
    const after = round({ decisions: [{ actorId: 'cat', onBehalfOf: null }] });
    expect(decide(actor('cat', 'approver', 'coordinator'), step({ mode: 'any', assignees: ['cat'] }), after)).toEqual({ ok: false, reason: ONE_DECISION_PER_ROUND });
    expect(decide(actor('cat', 'approver', 'coordinator'), step({ mode: 'any', assignees: ['ann'] }), after, [sub('cat', 'ann')])).toEqual({ ok: false, reason: ONE_DECISION_PER_ROUND });
  });

  it('a principal whose substitute already decided in the round is not decided for again, nor decides again', () => {
    // sam agreed for ann in the coordination stage; ann also sits in the approve stage.
    const after = round({ decisions: [{ actorId: 'sam', onBehalfOf: 'ann' }] });
    const approve = step({ mode: 'any', assignees: ['ann'] });
    expect(decide(actor('ann', 'approver'), approve, after)).toEqual({ ok: false, reason: ONE_DECISION_PER_ROUND });
    expect(decide(actor('tom', 'approver'), approve, after, [sub('tom', 'ann')])).toEqual({
      ok: false,
      reason: 'ann, whom you substitute for, has already decided on this document in this round: one person, one decision per round.',
    });
  });

  it('an ALL-stage assignee who agreed is told so (the sentence for their own step), not the round rule', () => {
    const after = round({ decisions: [{ actorId: 'ann', onBehalfOf: null }] });
    expect(decide(actor('ann', 'approver'), step({ decided: ['ann'] }), after)).toEqual({
      ok: false,
      reason: 'You have already agreed on this approval step; it is waiting for the other assignees.',
    });
  });

  it('coding is data entry: the bookkeeper who coded may still decide later in the round', () => {
    const r = round({ decisions: [] });
    expect(decide(actor('bk', 'bookkeeper', 'approver'), step({ mode: 'any', assignees: ['bk'] }), r)).toEqual({ ok: true, onBehalfOf: null });
  });

  it('without the round (histories from before the rule) the old answer stands', () => {
    const subs = [sub('sam', 'ann'), sub('sam', 'bob')];
    expect(canDecide({ step: step({ decided: ['ann'] }), actor: actor('sam'), submitterId: 'emp', substitutions: subs, now: NOW })).toEqual({ ok: true, onBehalfOf: 'bob' });
  });
});

describe('a coordinator never finalises', () => {
  const approve = step({ mode: 'any', assignees: ['ann'] });
  it('a coordinator (role only) standing in for an approver is refused on the approve step', () => {
    expect(decide(actor('cat', 'coordinator'), approve, round(), [sub('cat', 'ann')])).toEqual({ ok: false, reason: COORDINATOR_NEVER_FINAL });
  });
  it('an assignee of a coordinate stage of this round is refused on its approve step, whatever roles they hold', () => {
    const r = round({ coordinators: ['cat'] });
    expect(decide(actor('cat', 'coordinator', 'approver'), approve, r, [sub('cat', 'ann')])).toEqual({ ok: false, reason: COORDINATOR_NEVER_FINAL });
    expect(decide(actor('cat', 'coordinator', 'approver'), step({ mode: 'any', assignees: ['cat'] }), r)).toEqual({ ok: false, reason: COORDINATOR_NEVER_FINAL });
  });
  it('a coordinator may still stand in on a coordinate step, and an employee substitute on an approve step', () => {
    expect(decide(actor('cat', 'coordinator'), step({ type: 'coordinate', mode: 'any', assignees: ['cid'] }), round(), [sub('cat', 'cid')])).toEqual({ ok: true, onBehalfOf: 'cid' });
    expect(decide(actor('eve', 'employee'), approve, round(), [sub('eve', 'ann')])).toEqual({ ok: true, onBehalfOf: 'ann' });
  });
  it('someone holding both roles, not coordinating this document, may approve for an approver', () => {
    expect(decide(actor('dan', 'coordinator', 'approver'), approve, round({ coordinators: ['cat'] }), [sub('dan', 'ann')])).toEqual({ ok: true, onBehalfOf: 'ann' });
  });
  it('a named approver without the approver role hears about the role', () => {
    expect(decide(actor('ann', 'coordinator'), approve, round())).toEqual({ ok: false, reason: 'You need the approver role to act on the approval step.' });
  });
});

describe('stepOffers', () => {
  const offers = (s: OpenStep, r: RoundSoFar | undefined, subs: Substitution[], coordinatorsByRole: string[] = []) =>
    stepOffers({ step: s, pending: s.assignees.filter((a) => !s.decided.includes(a)), submitterId: 'emp', substitutions: subs, now: NOW, round: r, coordinatorsByRole });

  it('offers each pending principal’s active substitutes, never the submitter', () => {
    expect(offers(step(), round(), [sub('sam', 'ann'), sub('emp', 'bob'), sub('tom', 'bob')])).toEqual([
      { substituteId: 'sam', forUserId: 'ann' },
      { substituteId: 'tom', forUserId: 'bob' },
    ]);
  });
  it('no more offer to who already decided in the round, nor for a principal whose decision is given', () => {
    const r = round({ decisions: [{ actorId: 'sam', onBehalfOf: 'ann' }] });
    expect(offers(step({ decided: ['ann'] }), r, [sub('sam', 'ann'), sub('sam', 'bob')])).toEqual([]);
    expect(offers(step({ mode: 'any', assignees: ['ann'] }), r, [sub('tom', 'ann')])).toEqual([]);
  });
  it('no offer to an assignee of the step (they act for themself only)', () => {
    expect(offers(step(), round(), [sub('bob', 'ann')])).toEqual([]);
  });
  it('no approve-step offer to a coordinator, by role or by place in this round', () => {
    const approve = step({ mode: 'any', assignees: ['ann'] });
    expect(offers(approve, round(), [sub('cat', 'ann')], ['cat'])).toEqual([]);
    expect(offers(approve, round({ coordinators: ['dan'] }), [sub('dan', 'ann')])).toEqual([]);
    expect(offers(step({ type: 'coordinate', mode: 'any', assignees: ['cid'] }), round(), [sub('cat', 'cid')], ['cat'])).toEqual([{ substituteId: 'cat', forUserId: 'cid' }]);
  });
  it('without the round, the offers of before (substitutes of pending assignees, not the submitter)', () => {
    const r = undefined;
    expect(offers(step({ decided: ['ann'] }), r, [sub('sam', 'ann'), sub('sam', 'bob'), sub('bob', 'ann')])).toEqual([{ substituteId: 'sam', forUserId: 'bob' }]);
  });
});

describe('assignableInRound', () => {
  it('refuses who already decided in the round, and a coordinator of the round for an approve step', () => {
    const r = round({ decisions: [{ actorId: 'sam', onBehalfOf: 'ann' }], coordinators: ['cat'] });
    expect(assignableInRound('sam', 'approve', r)).toMatch(/already decided/);
    expect(assignableInRound('ann', 'coordinate', r)).toMatch(/already decided/);
    expect(assignableInRound('cat', 'approve', r)).toMatch(/coordinator never gives the final approval/);
    expect(assignableInRound('cat', 'coordinate', r)).toBeNull();
    expect(assignableInRound('sam', 'approve', undefined)).toBeNull();
  });
});
