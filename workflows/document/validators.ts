// Update validators: refusals that depend only on the process's state and the request (wrong
// status, a click on a closed step, a rejection without a reason, a withdrawal by someone
// else). A validator's refusal is answered without being written to the history, so
// rejected clicks do not make it grow; the message methods check the same again when they
// run, since the state may have moved while they waited their turn. A repeated key always
// passes: its first answer is given again.
import {
  codeStateRefusal,
  confirmStateRefusal,
  editFieldsStateRefusal,
  reassignStateRefusal,
  rerouteStateRefusal,
  resubmitStateRefusal,
  canWithdraw,
} from '../../domain';
import type { DecisionRequest, OpenStepView, ReassignRequest } from '../contract';
import type { DocumentState } from './state';

const CLOSED = 'That step is already closed; the document has moved on.';

export function decisionStateRefusal(s: DocumentState, req: Pick<DecisionRequest, 'round' | 'stageIndex'>): string | null {
  const step = s.openStep;
  if (!step || (s.status !== 'in_review' && s.status !== 'coding')) return `This document is ${s.status}; it is not waiting for a decision.`;
  if ((req.round !== undefined && req.round !== step.round) || (req.stageIndex !== undefined && req.stageIndex !== step.stageIndex)) return CLOSED;
  return null;
}

/** The step was closed (decided, rejected, withdrawn, re-routed) but the stage loop has not moved on yet. */
export function stepClosedRefusal(s: DocumentState, step: OpenStepView): string | null {
  return s.openStep !== step || s.stepDone || s.stepRejected || s.withdrawn || s.rerouteRequested ? CLOSED : null;
}

/** The final decision is in but the stage loop has not recorded it yet: it is approved. */
export function withdrawStateRefusal(s: DocumentState): string | null {
  const finalStepDone = s.stepDone && s.openStep !== null && s.openStep.stageIndex === s.stages.length - 1;
  return finalStepDone ? 'This document has just been approved; it can no longer be withdrawn.' : null;
}

type Check<Req> = (s: DocumentState, req: Req) => string | null;

/** A validator for `setHandler(update, handler, { validator })`: throws the refusal. */
function validator<Req extends { key: string }>(s: DocumentState, check: Check<Req>): (req: Req) => void {
  return (req) => {
    if (s.knows(req.key)) return;
    const refusal = check(s, req);
    if (refusal) throw new Error(refusal);
  };
}

export function validatorsFor(s: DocumentState) {
  return {
    confirm: validator(s, (st) => confirmStateRefusal(st)),
    editFields: validator(s, (st) => editFieldsStateRefusal(st)),
    saveCoding: validator(s, (st) => codeStateRefusal(st)),
    decide: validator<DecisionRequest>(s, (st, req) => {
      const refusal = decisionStateRefusal(st, req);
      if (refusal) return refusal;
      if (st.openStep && stepClosedRefusal(st, st.openStep)) return CLOSED;
      return req.action === 'reject' && !req.reason?.trim() ? 'A reason is required to reject.' : null;
    }),
    withdraw: validator<{ key: string; actorId: string }>(s, (st, req) => {
      const allowed = canWithdraw(req.actorId, st);
      return allowed.ok ? withdrawStateRefusal(st) : allowed.reason;
    }),
    resubmit: validator(s, (st) => resubmitStateRefusal(st)),
    reassign: validator<ReassignRequest>(s, (st, req) => reassignStateRefusal(st.openStep, req, st.submitterId)),
    reroute: validator(s, (st) => rerouteStateRefusal(st)),
  };
}
