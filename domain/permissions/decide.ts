/**
 * Who may decide (agree / approve / reject / code) on an open step.
 * Every Slack button is only a request: this is the server-side re-check
 * (docs/product.md "Visibility and permissions"). The other document actions are in
 * ./document.ts.
 *
 * Rules, in the order they are checked (the first that applies answers):
 * 1. Auditors never decide, whatever other role they hold: they must stay
 *    independent of what they audit.
 * 2. The submitter never decides on a coordinate or approve step, not even
 *    as a substitute. A coding step is data entry, not a decision, so a
 *    bookkeeper who uploaded an invoice may still code it.
 * 3. "Any bookkeeper" coding (no named assignee, or anyBookkeeper) accepts
 *    any bookkeeper.
 * 4. An assignee of the step acts for themself only: they need the stage's
 *    role (admin gives no decision right); if they already agreed in an ALL
 *    step they are told so. They can never also act as substitute for
 *    another assignee of the same step: one person, one voice per step,
 *    otherwise "all must agree" could be met by fewer people.
 * 5. Otherwise an ACTIVE substitute of a pending assignee may act on their
 *    behalf; the substitution lends the principal's right, so the substitute
 *    need not hold the role (but a coding step still needs a bookkeeper).
 *    With several principals, the first pending assignee in step order wins.
 *
 * With the round so far (`round`), two more rules, checked before 4 and 5:
 * 6. One person, one decision per document round: whoever agreed or approved
 *    in this round, for themself or on behalf of someone, decides no more in
 *    it, in this stage or another; and a principal whose decision was given
 *    (by them or a substitute) is not decided for again. So an ALL stage is
 *    met only by as many distinct people as it names. Coding is data entry,
 *    not a decision, and does not count.
 * 7. A coordinator never finalises: on an approve step, neither an assignee of
 *    this round's coordinate stages nor a holder of the coordinator role who
 *    is not also an approver may decide, whoever they stand in for.
 */
import type { Actor } from '../roles';
import type { StageMode, StageType } from '../chains';
import { STAGE_ROLE } from '../chains';
import { isActive, substitutesOf, type Substitution } from '../substitutes';
import { AUDITOR_READ_ONLY, COORDINATOR_NEVER_FINAL, ONE_DECISION_PER_ROUND } from './refusals';

export interface OpenStep {
  index: number;
  type: StageType;
  mode: StageMode;
  assignees: string[];
  /** Assignees who already agreed. */
  decided: string[];
}

/** What the document's current round has seen: rules 6 and 7. */
export interface RoundSoFar {
  /** Every agreement and approval of this round: who clicked, and whom they stood in for. */
  decisions: { actorId: string; onBehalfOf: string | null }[];
  /** Assignees of the round's coordinate stages. */
  coordinators: string[];
}

export type Authorization = { ok: true; onBehalfOf: string | null } | { ok: false; reason: string };

/** Everyone whose one decision in the round is given: those who clicked and those they clicked for. */
export function decidedInRound(round: RoundSoFar): Set<string> {
  return new Set(round.decisions.flatMap((d) => (d.onBehalfOf ? [d.actorId, d.onBehalfOf] : [d.actorId])));
}

/** Rule 7 for one person: true when they may not decide an approve step of this round. */
export function isCoordinatorHere(p: { userId: string; coordinatorRoleOnly: boolean; round: RoundSoFar }): boolean {
  return p.coordinatorRoleOnly || p.round.coordinators.includes(p.userId);
}

const STEP_NAME: Record<StageType, string> = {
  coding: 'coding step',
  coordinate: 'coordination step',
  approve: 'approval step',
};

const ROLE_NAME: Record<StageType, string> = {
  coding: 'bookkeeper',
  coordinate: 'coordinator',
  approve: 'approver',
};

function refuse(reason: string): Authorization {
  return { ok: false, reason };
}

export function canDecide(p: {
  step: OpenStep;
  actor: Actor;
  submitterId: string;
  substitutions: Substitution[];
  now: number;
  anyBookkeeper?: boolean;
  round?: RoundSoFar;
}): Authorization {
  const { step, actor, submitterId, substitutions, now, round } = p;
  const stepName = STEP_NAME[step.type];
  const roleName = ROLE_NAME[step.type];
  const holdsStageRole = actor.roles.includes(STAGE_ROLE[step.type]);

  if (actor.roles.includes('auditor')) {
    return refuse(AUDITOR_READ_ONLY);
  }
  if (step.type !== 'coding' && actor.userId === submitterId) {
    return refuse(`You submitted this document, so you cannot decide on its ${stepName}, not even as a substitute.`);
  }

  if (step.type === 'coding' && (p.anyBookkeeper === true || step.assignees.length === 0)) {
    if (holdsStageRole) return { ok: true, onBehalfOf: null };
    return refuse(roleRefusal(actor, stepName, roleName));
  }

  const decided = round && step.type !== 'coding' ? decidedInRound(round) : new Set<string>();
  const isAssignee = step.assignees.includes(actor.userId);
  if (decided.has(actor.userId) && !(isAssignee && step.decided.includes(actor.userId))) return refuse(ONE_DECISION_PER_ROUND);
  if (round && step.type === 'approve') {
    // An assignee without the approver role hears that below; the role matters for whom a substitute stands in.
    const roleOnly = !isAssignee && actor.roles.includes('coordinator') && !actor.roles.includes('approver');
    if (isCoordinatorHere({ userId: actor.userId, coordinatorRoleOnly: roleOnly, round })) return refuse(COORDINATOR_NEVER_FINAL);
  }

  if (isAssignee) {
    if (step.decided.includes(actor.userId)) {
      return refuse(
        step.mode === 'all'
          ? `You have already agreed on this ${stepName}; it is waiting for the other assignees.`
          : `You have already decided on this ${stepName}.`,
      );
    }
    if (!holdsStageRole) return refuse(roleRefusal(actor, stepName, roleName));
    return { ok: true, onBehalfOf: null };
  }

  const pending = step.assignees.filter((u) => !step.decided.includes(u));
  const mine = substitutions.filter((s) => s.substituteId === actor.userId && s.forUserId !== actor.userId);
  const principal = pending.find((u) => !decided.has(u) && mine.some((s) => s.forUserId === u && isActive(s, now)));
  if (principal !== undefined) {
    if (step.type === 'coding' && !holdsStageRole) {
      return refuse('Only a bookkeeper can code a document, even as a substitute.');
    }
    return { ok: true, onBehalfOf: principal };
  }

  const inactive = pending.find((u) => !decided.has(u) && mine.some((s) => s.forUserId === u));
  if (inactive !== undefined) {
    return refuse(`Your substitution for ${inactive} is not active at this time.`);
  }
  const decidedPrincipal = [...step.decided, ...pending.filter((u) => decided.has(u))].find((u) => mine.some((s) => s.forUserId === u && isActive(s, now)));
  if (decidedPrincipal !== undefined && !step.decided.includes(decidedPrincipal)) {
    return refuse(`${decidedPrincipal}, whom you substitute for, has already decided on this document in this round: one person, one decision per round.`);
  }
  if (decidedPrincipal !== undefined) {
    return refuse(`${decidedPrincipal}, whom you substitute for, has already decided on this ${stepName}.`);
  }
  return refuse(`You are not an assignee of the ${stepName}.`);
}

function roleRefusal(actor: Actor, stepName: string, roleName: string): string {
  if (actor.roles.includes('admin')) {
    return `Administrators cannot decide on the ${stepName} unless they also hold the ${roleName} role.`;
  }
  return `You need the ${roleName} role to act on the ${stepName}.`;
}

/**
 * Whom the open step is offered to as a substitute, and for whom: the active substitutes of
 * each pending principal (in `pending` order), never the submitter. With the round so far,
 * nobody canDecide would refuse whatever they click: not a principal whose decision is given,
 * not who already decided in the round, not an assignee of the step (they act for themself
 * only), on an approve step no coordinator (`coordinatorsByRole`: holders of the coordinator
 * role who are not approvers).
 */
export function stepOffers(p: {
  step: OpenStep;
  pending: string[];
  submitterId: string;
  substitutions: Substitution[];
  now: number;
  round?: RoundSoFar;
  coordinatorsByRole?: string[];
}): { substituteId: string; forUserId: string }[] {
  const { step, round } = p;
  const decided = round && step.type !== 'coding' ? decidedInRound(round) : new Set<string>();
  const excluded = (u: string) =>
    u === p.submitterId ||
    (round !== undefined &&
      (decided.has(u) || step.assignees.includes(u) || (step.type === 'approve' && isCoordinatorHere({ userId: u, coordinatorRoleOnly: (p.coordinatorsByRole ?? []).includes(u), round }))));
  const offers: { substituteId: string; forUserId: string }[] = [];
  for (const principal of p.pending) {
    if (decided.has(principal)) continue;
    for (const sub of substitutesOf(principal, p.substitutions, p.now)) {
      if (!excluded(sub)) offers.push({ substituteId: sub, forUserId: principal });
    }
  }
  return offers;
}

/**
 * Rules 6 and 7 for a step's new assignee (an administrator's reassignment): someone who could
 * never decide it would leave the step stuck again. A refusal, or null.
 */
export function assignableInRound(targetId: string, stepType: StageType, round: RoundSoFar | undefined): string | null {
  if (!round || stepType === 'coding') return null;
  if (decidedInRound(round).has(targetId)) return 'That person already decided on this document in this round: one person, one decision per round.';
  if (stepType === 'approve' && round.coordinators.includes(targetId)) return 'That person coordinates this document: a coordinator never gives the final approval.';
  return null;
}
