// A document's process, phase by phase: extraction, confirmation, a round on the chain's
// stages (each stage waiting for its decisions, with reminders, escalation and substitutes
// coming and going), back to the owner after a rejection, and the end. The messages it
// answers are in ./messages.ts, its state and shared effects in ./state.ts.
import { ActivityFailure, allHandlersFinished, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { nextSubstitutionChange, type DocumentStatus, type StageDef } from '../../domain';
import { configChangedSignal, confirmUpdate, type OpenStepView, decideUpdate, editFieldsUpdate, reassignUpdate, rerouteUpdate, resubmitUpdate, saveCodingUpdate, stateQuery, withdrawUpdate } from '../contract';
import { KIND_KEY, STATUS_KEY } from '../search-attributes';
import { acts, extraction } from './activities';
import { DocumentMessages } from './messages';
import { validatorsFor } from './validators';

export type RoundOutcome = 'done' | 'rejected' | 'withdrawn' | 'rerouted';

export class DocumentProcess extends DocumentMessages {
  /** Every query, signal and update, each message one at a time and once per key. */
  registerHandlers(): void {
    const v = validatorsFor(this);
    setHandler(stateQuery, () => this.view());
    setHandler(configChangedSignal, () => {
      this.configDirty = true;
    });
    setHandler(confirmUpdate, (req) => this.once(req.key, () => this.confirm(req)), { validator: v.confirm });
    setHandler(editFieldsUpdate, (req) => this.once(req.key, () => this.editFields(req)), { validator: v.editFields });
    setHandler(saveCodingUpdate, (req) => this.once(req.key, () => this.saveCoding(req)), { validator: v.saveCoding });
    setHandler(decideUpdate, (req) => this.once(req.key, () => this.decide(req)), { validator: v.decide });
    setHandler(withdrawUpdate, (req) => this.once(req.key, () => this.withdraw(req)), { validator: v.withdraw });
    setHandler(resubmitUpdate, (req) => this.once(req.key, () => this.resubmit(req)), { validator: v.resubmit });
    setHandler(reassignUpdate, (req) => this.once(req.key, () => this.reassign(req)), { validator: v.reassign });
    setHandler(rerouteUpdate, (req) => this.once(req.key, () => this.reroute(req)), { validator: v.reroute });
  }

  publishSearchAttributes(): void {
    upsertSearchAttributes([
      { key: STATUS_KEY, value: this.status },
      { key: KIND_KEY, value: this.kind },
    ] as never);
  }

  /** Reads the file (or the totals the caller gave) and asks the owner to confirm the fields. */
  async extract(skipExtraction: boolean | undefined): Promise<void> {
    let problem: string | null = null;
    if (!skipExtraction) {
      try {
        this.totalAmount = (await extraction.runExtraction({ documentId: this.documentId })).totalAmount;
      } catch (err) {
        // The activity's own sentence ("This PDF is damaged…") is the cause of the ActivityFailure.
        const cause = err instanceof ActivityFailure && err.cause ? err.cause : err;
        problem = cause instanceof Error ? cause.message : String(cause);
        await this.audit('extraction_failed', { key: this.eventKey('extraction_failed'), actorId: null, details: { error: problem } });
      }
    } else {
      this.totalAmount = (await acts.loadDocumentTotals({ documentId: this.documentId })).totalAmount;
    }
    await this.transition('confirming', 'extracted');
    // The people confirming see why the fields are empty when the file could not be read.
    await this.notify('confirm_request', this.ownersFor(), problem ? { message: problem } : {});
  }

  /** Waits for the owner's confirmation; true when the submitter withdrew instead. */
  async awaitConfirmation(): Promise<boolean> {
    await this.until(() => this.confirmed || this.withdrawn);
    return this.withdrawn;
  }

  /**
   * A round starts on the chain in force now; the snapshot stays with the document
   * (resubmission keeps it; an administrator may re-route explicitly). False when no chain
   * applies: the document waits in confirming for someone to fix the chains and confirm again.
   */
  async openRound(): Promise<boolean> {
    this.round += 1;
    const snapshot = await acts.snapshotChain({ documentId: this.documentId, workspaceId: this.workspaceId, round: this.round, key: this.eventKey('snapshot') });
    if (!snapshot) {
      this.status = 'confirming';
      this.confirmed = false;
      await this.notify('no_chain', [...this.policy.admins, this.submitterId]);
      return false;
    }
    this.chainName = snapshot.chainName;
    this.stages = snapshot.stages;
    this.rerouteRequested = false;
    return true;
  }

  /** The stages in order, until one does not end with its decisions. */
  async runStages(): Promise<RoundOutcome> {
    for (let i = 0; i < this.stages.length; i++) {
      const outcome = await this.runStage(i, this.stages[i]!);
      if (outcome !== 'done') return outcome;
    }
    return 'done';
  }

  /** Rejected: back to the bookkeeper (invoice) or the submitter (expense) until resubmitted; true when withdrawn. */
  async awaitResubmission(): Promise<boolean> {
    await this.notify('status_changed', this.ownersFor().concat(this.submitterId), { reason: this.rejectReason, message: 'rejected' });
    this.resubmitted = false;
    await this.until(() => this.resubmitted || this.withdrawn);
    if (this.withdrawn) return true;
    this.round += 1;
    this.rejectReason = null;
    return false;
  }

  /** The last status this workflow writes: what follows an approval (paid) belongs to payments (domain statusOwner). */
  async finish(final: DocumentStatus, action: string, actorId: string | null = null): Promise<DocumentStatus> {
    this.openStep = null;
    await this.transition(final, action, { actorId });
    const told = this.kind === 'invoice' ? [this.submitterId, ...this.policy.bookkeepers] : [this.submitterId];
    await this.notify('status_changed', told, { actorId, message: final });
    await this.until(allHandlersFinished);
    return final;
  }

  withdrawnBySubmitter(): Promise<DocumentStatus> {
    return this.finish('withdrawn', 'withdrawn', this.submitterId);
  }

  /** One stage: open its step, tell the assignees and substitutes, wait, remind, escalate. */
  async runStage(stageIndex: number, stage: StageDef): Promise<RoundOutcome> {
    await this.reloadPolicyIfChanged();
    this.stepDone = false;
    this.stepRejected = false;
    const openedAt = Date.now();
    const step: OpenStepView = { round: this.round, stageIndex, type: stage.type, mode: stage.mode, assignees: [...stage.assignees], decided: [], offeredTo: [], openedAt };
    this.openStep = step;
    step.offeredTo = this.offersFor(step);
    stage.assignees.forEach((a) => this.involved.add(a));
    await this.transition(stage.type === 'coding' ? 'coding' : 'in_review', 'step_opened', { details: { stageIndex, stage: stage.type, mode: stage.mode, assignees: stage.assignees } });
    await this.syncStep();
    await this.notify('step_assigned', this.pendingAssignees(step));
    for (const sub of step.offeredTo) await this.notify('step_offered', [sub], { onBehalfOf: this.principalOf(step, sub) });

    let reminded = false;
    let escalated = false;
    for (;;) {
      const now = Date.now();
      // Read before the wait and kept after it: a settings change moves the deadlines on the next turn.
      const reminderAt = openedAt + this.policy.settings.reminderAfterMs;
      const escalateAt = openedAt + this.policy.settings.escalateAfterMs;
      const wakeups = [nextSubstitutionChange(this.policy.substitutions, now)];
      if (!reminded) wakeups.push(reminderAt);
      if (!escalated) wakeups.push(escalateAt);
      const next = Math.min(...wakeups.filter((w): w is number => w !== null));
      const woke = () => this.stepDone || this.stepRejected || this.withdrawn || this.rerouteRequested || this.configDirty;
      if (Number.isFinite(next)) await this.until(woke, Math.max(next - now, 1));
      else await this.until(woke);

      if (this.withdrawn || this.stepRejected || this.stepDone || this.rerouteRequested) return this.closeStage(stageIndex);
      await this.reloadPolicyIfChanged();
      await this.refreshOffers();
      const t = Date.now();
      if (!reminded && t >= reminderAt) {
        reminded = true;
        await this.notify('reminder', [...this.pendingAssignees(step), ...step.offeredTo]);
        await this.audit('reminder_sent', { key: this.eventKey('reminder_audit'), actorId: null, details: { stageIndex, to: this.pendingAssignees(step) } });
      }
      if (!escalated && t >= escalateAt) {
        escalated = true;
        const to = this.policy.settings.escalationUserId ? [this.policy.settings.escalationUserId] : this.policy.admins;
        await this.notify('escalation', to);
        await this.audit('escalated', { key: this.eventKey('escalation_audit'), actorId: null, details: { stageIndex, to } });
      }
    }
  }

  /** The step ended (decided, rejected, withdrawn, re-routed): its messages lose their buttons. */
  private async closeStage(stageIndex: number): Promise<RoundOutcome> {
    const step = this.openStep!;
    const closed = this.stepDone ? 'done' : this.stepRejected ? 'rejected' : this.withdrawn ? 'withdrawn' : 'rerouted';
    await this.syncStep(closed);
    await this.notify('step_closed', [...step.assignees, ...step.offeredTo, ...(step.type === 'coding' ? this.policy.bookkeepers : [])], { message: closed });
    this.openStep = null;
    if (this.stepRejected) {
      await this.transition('rejected', 'returned', { details: { stageIndex, reason: this.rejectReason } });
      return 'rejected';
    }
    return closed;
  }
}
