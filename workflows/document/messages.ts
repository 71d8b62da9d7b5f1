// The messages a document's process answers, one method each: confirm, edit fields, save
// coding, decide, withdraw, resubmit, reassign, re-route. Every request is re-authorized
// here (domain/permissions), against roles, assignees and active substitutes, whatever the
// caller already checked. Refusals that need no look-up are also given by the update
// validators (./validators.ts), before anything reaches the history; these methods check
// again, as the state may have moved while a message waited its turn.
//
// Each method's sequence of activities is what recorded histories replay: a new or moved
// call needs a `patched()` branch (see test/workflows/replay.test.ts).
import { patched, upsertSearchAttributes } from '@temporalio/workflow';
import { assignableInRound, canBeAssigned, canCode, canConfirm, canDecide, canEditFields, canReassign, canReroute, canResubmit, canWithdraw, confirmStateRefusal, resubmitStateRefusal, UNKNOWN_USER, validateCoding } from '../../domain';
import type { CodingRequest, CommandResult, ConfirmRequest, DecisionRequest, EditableFields, EditFieldsRequest, ReassignRequest, ResubmitRequest, WithdrawRequest } from '../contract';
import { KIND_KEY } from '../search-attributes';
import { acts } from './activities';
import { DocumentConfiguration } from './configuration';
import { decisionStateRefusal, stepClosedRefusal, withdrawStateRefusal } from './validators';

export class DocumentMessages extends DocumentConfiguration {
  async confirm(req: ConfirmRequest): Promise<CommandResult> {
    const state = confirmStateRefusal(this);
    if (state) return this.refuse(state);
    const actor = await this.loadActor(req.actorId);
    const kindChanged = req.kind !== undefined && req.kind !== this.kind;
    const allowed = canConfirm(actor, this.docView(), { changesKind: kindChanged });
    if (!allowed.ok || !actor) return this.refuse(allowed.ok ? UNKNOWN_USER : allowed.reason);
    if (req.kind && kindChanged) {
      this.kind = req.kind;
      upsertSearchAttributes([{ key: KIND_KEY, value: this.kind }] as never);
    }
    // A new kind alone must reach the document row too: the chain is chosen from it. And a
    // document goes to its chain only with a total and a currency, whoever calls the engine
    // (patched: older histories confirmed without this look-up).
    if (req.fields || (kindChanged && patched('confirm-persists-kind')) || patched('confirm-checks-fields')) {
      const saved = await this.saveFields(actor.userId, `${req.key}:fields`, req.fields ?? {}, { complete: true });
      if (saved) return saved;
    }
    await this.audit('confirmed', { key: `${req.key}:confirmed`, actorId: actor.userId });
    this.confirmed = true;
    this.routingFixed = true;
    return this.ok('Confirmed: the document goes to its approval chain.');
  }

  async editFields(req: EditFieldsRequest): Promise<CommandResult> {
    const actor = await this.loadActor(req.actorId);
    const allowed = canEditFields(actor, this.docView());
    if (!allowed.ok || !actor) return this.refuse(allowed.ok ? UNKNOWN_USER : allowed.reason);
    // Once confirmed, a document keeps its total and currency; once its round started, every
    // field its chain was chosen by (an Edit modal kept open across the confirmation included).
    return (await this.saveFields(actor.userId, req.key, req.fields, { complete: this.status !== 'confirming', routingFixed: this.routingFixed })) ?? this.ok('Fields saved.');
  }

  async saveCoding(req: CodingRequest): Promise<CommandResult> {
    const actor = await this.loadActor(req.actorId);
    const allowed = canCode(actor, this.docView());
    if (!allowed.ok || !actor) return this.refuse(allowed.ok ? UNKNOWN_USER : allowed.reason);
    const problems = validateCoding(req.lines, this.totalAmount ?? '0.00');
    if (problems.length > 0) return this.refuse(problems.join(' '));
    // The activity checks the codes against the code lists (same command, so no patch);
    // histories recorded before it returned nothing, which reads as saved.
    const saved = await acts.saveCoding({ documentId: this.documentId, workspaceId: this.workspaceId, actorId: actor.userId, key: req.key, lines: req.lines });
    if (saved && !saved.ok) return this.refuse(saved.reason);
    this.codingLines = req.lines;
    return this.ok('Coding saved.');
  }

  async decide(req: DecisionRequest): Promise<CommandResult> {
    const step = this.openStep;
    const state = decisionStateRefusal(this, req);
    if (state || !step) return this.refuse(state ?? 'That step is already closed; the document has moved on.');
    const actor = await this.loadDecider(req.actorId);
    if (!actor) return this.refuse(UNKNOWN_USER);
    // While this request waited its turn the step may have been closed by another decision
    // (ANY stage), a rejection, a withdrawal or a re-route that the stage loop has not acted
    // on yet: a decision counts only on a step that is still open.
    const closed = stepClosedRefusal(this, step);
    if (closed) return this.refuse(closed);
    const auth = canDecide({ step: { ...step, index: step.stageIndex }, actor, submitterId: this.submitterId, substitutions: this.policy.substitutions, now: Date.now(), round: this.roundSoFar() });
    if (!auth.ok) return this.refuse(auth.reason);
    const principal = auth.onBehalfOf ?? actor.userId;
    const by = { actorId: actor.userId, onBehalfOfId: auth.onBehalfOf };
    if (req.action === 'reject') {
      const reason = req.reason?.trim();
      if (!reason) return this.refuse('A reason is required to reject.');
      this.rejectReason = reason;
      this.involved.add(actor.userId);
      await this.audit('rejected', { key: req.key, ...by, details: { stageIndex: step.stageIndex, stage: step.type, reason } });
      this.stepRejected = true;
      // The round is over: its fields may be corrected, and the resubmission chooses the chain again.
      this.routingFixed = false;
      return this.ok('Rejected: the document goes back with your reason.', auth.onBehalfOf);
    }
    if (step.type === 'coding') {
      const problems = this.codingLines.length === 0 ? ['Add coding lines before sending the document to approval.'] : validateCoding(this.codingLines, this.totalAmount ?? '0.00');
      if (problems.length > 0) return this.refuse(problems.join(' '));
    }
    const action = step.type === 'coding' ? 'coded' : step.type === 'coordinate' ? 'agreed' : 'approved';
    if (!(step.type === 'coding' && step.assignees.length === 0)) step.decided.push(principal);
    if (step.type !== 'coding') this.roundDecisions.push({ actorId: actor.userId, onBehalfOf: auth.onBehalfOf });
    this.involved.add(actor.userId);
    await this.audit(action, { key: req.key, ...by, details: { stageIndex: step.stageIndex, stage: step.type, mode: step.mode } });
    const complete = step.type === 'coding' || step.mode === 'any' || step.assignees.every((a) => step.decided.includes(a));
    if (complete) this.stepDone = true;
    else {
      // The principal has decided: their substitutes lose the offer (patched: new commands).
      if (patched('partial-decision-refreshes-offers')) await this.refreshOffers();
      await this.syncStep();
      // The others' messages show who has agreed so far.
      await this.notify('step_closed', [actor.userId], { actorId: actor.userId, actorOnBehalfOf: auth.onBehalfOf, action, message: 'partial' });
    }
    const label = step.type === 'coding' ? 'Sent to approval.' : step.type === 'coordinate' ? 'Agreed.' : 'Approved.';
    return this.ok(complete ? label : `${label} Waiting for the other assignees.`, auth.onBehalfOf);
  }

  async withdraw(req: WithdrawRequest): Promise<CommandResult> {
    const allowed = canWithdraw(req.actorId, this);
    if (!allowed.ok) return this.refuse(allowed.reason);
    const late = withdrawStateRefusal(this);
    if (late) return this.refuse(late);
    await this.audit('withdraw_requested', { key: req.key, actorId: req.actorId, details: { reason: req.reason ?? null } });
    this.withdrawn = true;
    return { ok: true, status: 'withdrawn', message: 'Withdrawn.' };
  }

  async resubmit(req: ResubmitRequest): Promise<CommandResult> {
    const state = resubmitStateRefusal(this);
    if (state) return this.refuse(state);
    const actor = await this.loadActor(req.actorId);
    const allowed = canResubmit(actor, this.docView());
    if (!allowed.ok || !actor) return this.refuse(allowed.ok ? UNKNOWN_USER : allowed.reason);
    if (req.fields) {
      const saved = await this.saveFields(actor.userId, `${req.key}:fields`, req.fields, { complete: true });
      if (saved) return saved;
    }
    await this.audit('resubmitted', { key: req.key, actorId: actor.userId });
    this.resubmitted = true;
    this.routingFixed = true;
    return this.ok('Resubmitted: the approval round starts again.');
  }

  async reassign(req: ReassignRequest): Promise<CommandResult> {
    const actor = await this.loadActor(req.actorId);
    const step = this.openStep;
    const allowed = canReassign(actor, step, req, this.submitterId);
    if (!allowed.ok || !actor || !step) return this.refuse(allowed.ok ? 'That step is not open.' : allowed.reason);
    // The new assignee must be able to decide, or the step is stuck again (patched: older
    // histories reassigned without this look-up).
    if (patched('reassign-checks-target')) {
      const target = canBeAssigned(await this.loadActor(req.toUserId), step.type);
      if (!target.ok) return this.refuse(target.reason);
      const inRound = assignableInRound(req.toUserId, step.type, this.roundSoFar());
      if (inRound) return this.refuse(inRound);
      if (this.openStep !== step || this.stepDone || this.stepRejected) return this.refuse('That step is not open.');
    }
    step.assignees = step.assignees.map((a) => (a === req.fromUserId ? req.toUserId : a));
    step.offeredTo = this.offersFor(step);
    this.involved.add(req.toUserId);
    await this.audit('reassigned', { key: req.key, actorId: actor.userId, details: { stageIndex: step.stageIndex, from: req.fromUserId, to: req.toUserId } });
    await this.syncStep();
    await this.notify('step_assigned', [req.toUserId], { actorId: actor.userId });
    await this.notify('step_withdrawn', [req.fromUserId], { actorId: actor.userId });
    return this.ok('Reassigned.');
  }

  async reroute(req: { actorId: string; key: string }): Promise<CommandResult> {
    const actor = await this.loadActor(req.actorId);
    const allowed = canReroute(actor, this);
    if (!allowed.ok || !actor) return this.refuse(allowed.ok ? UNKNOWN_USER : allowed.reason);
    await this.audit('reroute_requested', { key: req.key, actorId: actor.userId });
    this.rerouteRequested = true;
    return this.ok('The document restarts on the chain now in force.');
  }

  /** Stores corrected fields (checked by the activity against the stored ones); a refusal, or null when saved. */
  private async saveFields(actorId: string, key: string, fields: EditableFields, p: { complete: boolean; routingFixed?: boolean }): Promise<CommandResult | null> {
    const saved = await acts.saveFields({ documentId: this.documentId, workspaceId: this.workspaceId, actorId, key, fields, kind: this.kind, complete: p.complete, routingFixed: p.routingFixed === true });
    if (!saved.ok) return this.refuse(saved.reason);
    this.totalAmount = saved.totalAmount;
    return null;
  }
}
