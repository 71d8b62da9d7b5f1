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
 */
import type { Actor } from '../roles';
import type { StageMode, StageType } from '../chains';
import { STAGE_ROLE } from '../chains';
import { isActive, type Substitution } from '../substitutes';
import { AUDITOR_READ_ONLY } from './refusals';

export interface OpenStep {
  index: number;
  type: StageType;
  mode: StageMode;
  assignees: string[];
  /** Assignees who already agreed. */
  decided: string[];
}

export type Authorization = { ok: true; onBehalfOf: string | null } | { ok: false; reason: string };

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
}): Authorization {
  const { step, actor, submitterId, substitutions, now } = p;
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

  if (step.assignees.includes(actor.userId)) {
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
  const principal = pending.find((u) => mine.some((s) => s.forUserId === u && isActive(s, now)));
  if (principal !== undefined) {
    if (step.type === 'coding' && !holdsStageRole) {
      return refuse('Only a bookkeeper can code a document, even as a substitute.');
    }
    return { ok: true, onBehalfOf: principal };
  }

  const inactive = pending.find((u) => mine.some((s) => s.forUserId === u));
  if (inactive !== undefined) {
    return refuse(`Your substitution for ${inactive} is not active at this time.`);
  }
  const decidedPrincipal = step.decided.find((u) => mine.some((s) => s.forUserId === u && isActive(s, now)));
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
