// Every role × document action against the spec's permission table (docs/product.md "Visibility
// and permissions"; "Who uses it": coordinators never give the final approval, administrators
// decide nothing unless also given the role, auditors change nothing).
import { describe, expect, it } from 'vitest';
import {
  AUDITOR_READ_ONLY,
  canCode,
  canConfirm,
  canDecide,
  canEditFields,
  canReassign,
  canReroute,
  canResubmit,
  canWithdraw,
  type DocumentView,
  type Permission,
} from '../../domain/permissions/document';
import { ROLES, type Actor, type Role } from '../../domain/roles';
import type { DocumentStatus } from '../../domain/documents';
import type { StageType } from '../../domain/chains';

/** The employee acts on their own documents ('emp'); everyone else is a different person. */
const actorFor = (roles: Role[]): Actor => ({ userId: roles.includes('employee') ? 'emp' : roles.join('+'), roles, codingRight: false });
const expense = (status: DocumentStatus): DocumentView => ({ kind: 'expense', status, submitterId: 'emp', involvedUserIds: [] });
const invoice = (status: DocumentStatus): DocumentView => ({ kind: 'invoice', status, submitterId: 'up', involvedUserIds: [] });
const decideOn = (type: StageType) => (a: Actor): Permission =>
  canDecide({ step: { index: 1, type, mode: 'any', assignees: [a.userId], decided: [] }, actor: a, submitterId: 'up', substitutions: [], now: 0 });
const reassign = (a: Actor) => canReassign(a, { stageIndex: 1, type: 'approve', assignees: ['ann'], decided: [] }, { stageIndex: 1, fromUserId: 'ann', toUserId: 'ben' }, 'up');

/** Action → who may do it, as the spec's table says. */
const TABLE: [string, (a: Actor) => Permission, Role[]][] = [
  ['confirm own expense draft', (a) => canConfirm(a, expense('confirming')), ['employee']],
  ['confirm a purchase invoice', (a) => canConfirm(a, invoice('confirming')), ['bookkeeper']],
  ['edit fields of own draft', (a) => canEditFields(a, expense('confirming')), ['employee']],
  ['edit fields of own rejected expense', (a) => canEditFields(a, expense('rejected')), ['employee', 'bookkeeper']],
  ['edit fields while coding', (a) => canEditFields(a, invoice('coding')), ['bookkeeper']],
  ['edit fields in review', (a) => canEditFields(a, invoice('in_review')), []],
  ['code', (a) => canCode(a, invoice('coding')), ['bookkeeper']],
  ['code in review', (a) => canCode(a, invoice('in_review')), ['bookkeeper']],
  ['send to approval (coding step)', decideOn('coding'), ['bookkeeper']],
  ['agree / reject own coordination step', decideOn('coordinate'), ['coordinator']],
  ['approve / reject own approval step', decideOn('approve'), ['approver']],
  ['withdraw own undecided document', (a) => canWithdraw(a.userId, expense('in_review')), ['employee']],
  ['withdraw own approved document', (a) => canWithdraw(a.userId, expense('approved')), []],
  ['resubmit own rejected expense', (a) => canResubmit(a, expense('rejected')), ['employee']],
  ['resubmit a rejected invoice', (a) => canResubmit(a, invoice('rejected')), ['bookkeeper']],
  ['reassign a stuck step', reassign, ['admin']],
  ['re-route', (a) => canReroute(a, { status: 'in_review', confirmed: true }), ['admin']],
];

describe('role × document action', () => {
  for (const [action, check, allowed] of TABLE) {
    it(`${action}: ${allowed.join(', ') || 'nobody'}`, () => {
      const verdicts = Object.fromEntries(ROLES.map((r) => [r, check(actorFor([r])).ok]));
      expect(verdicts).toEqual(Object.fromEntries(ROLES.map((r) => [r, allowed.includes(r)])));
    });
  }

  it('every refusal is one sentence', () => {
    for (const [action, check] of TABLE) {
      for (const r of ROLES) {
        const p = check(actorFor([r]));
        if (!p.ok) expect(p.reason, `${action} / ${r}`).toMatch(/^[A-Z].*\.$/);
      }
    }
  });

  it('an auditor who also holds every other role is refused every change, always in the same words', () => {
    const all = actorFor(ROLES.filter((r) => r !== 'employee'));
    for (const [action, check] of TABLE.filter(([a]) => !a.startsWith('withdraw') && a !== 'edit fields in review')) {
      expect(check(all), action).toEqual({ ok: false, reason: AUDITOR_READ_ONLY });
    }
  });

  it('a coordinator never gives the final approval, even when named on the approval step', () => {
    expect(decideOn('approve')(actorFor(['coordinator']))).toEqual({ ok: false, reason: 'You need the approver role to act on the approval step.' });
  });

  it('an administrator decides nothing without the stage role', () => {
    expect(decideOn('approve')(actorFor(['admin']))).toEqual({ ok: false, reason: 'Administrators cannot decide on the approval step unless they also hold the approver role.' });
  });

  it('a coordinator or approver with the coding right codes only documents they are involved in, while in review', () => {
    const appr: Actor = { userId: 'appr', roles: ['approver'], codingRight: true };
    expect(canCode(appr, { ...invoice('in_review'), involvedUserIds: ['appr'] }).ok).toBe(true);
    expect(canCode(appr, invoice('in_review')).ok).toBe(false);
    expect(canCode(appr, { ...invoice('coding'), involvedUserIds: ['appr'] }).ok).toBe(false);
  });
});
