// A document's process, phase by phase: extraction, confirmation, a round on the chain's
// stages (each stage waiting for its decisions, with reminders, escalation and substitutes
// coming and going), back to the owner after a rejection, and the end. The messages it
// answers are in ./messages.ts, its state and shared effects in ./state.ts.
import { ActivityFailure, allHandlersFinished, condition, continueAsNew, patched, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { nextSubstitutionChange, type DocumentStatus, type StageDef } from '../../domain';
import { CONFIG_POLL_MS, configChangedSignal, confirmUpdate, type DocumentInput, type ResumeState, type OpenStepView, decideUpdate, editFieldsUpdate, reassignUpdate, rerouteUpdate, resubmitUpdate, saveCodingUpdate, stateQuery, withdrawUpdate } from '../contract';
import { KIND_KEY, STATUS_KEY } from '../search-attributes';
import { acts, extraction } from './activities';
import { DocumentMessages } from './messages';
import { CURRENT_CONFIG } from './state';
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
    // Patched: a change of bookkeepers reaches an invoice waiting for its confirmation.
    if (!patched(CURRENT_CONFIG)) {
      await this.until(() => this.confirmed || this.withdrawn);
      return this.withdrawn;
    }
    for (;;) {
      await this.until(() => this.confirmed || this.withdrawn || this.configDirty);
      if (this.confirmed || this.withdrawn) return this.withdrawn;
      await this.reloadPolicyIfChanged();
    }
  }

  /**
   * A round starts on the chain in force now, chosen from the document's fields as they are
   * now; the snapshot stays with the document for the round (an administrator may re-route
   * explicitly; a resubmission chooses again). False when no chain applies: the document waits
   * in confirming for someone to fix the chains and confirm again.
   */
  async openRound(): Promise<boolean> {
    this.round += 1;
    this.roundDecisions = [];
    return this.chooseChain();
  }

  /** Snapshots the chain for the current round; false (and back to confirming) when none applies. */
  private async chooseChain(): Promise<boolean> {
    const snapshot = await acts.snapshotChain({ documentId: this.documentId, workspaceId: this.workspaceId, round: this.round, key: this.eventKey('snapshot') });
    if (!snapshot) {
      this.status = 'confirming';
      this.confirmed = false;
      this.routingFixed = false;
      await this.notify('no_chain', [...this.policy.admins, this.submitterId]);
      return false;
    }
    this.chainName = snapshot.chainName;
    this.stages = snapshot.stages;
    this.rerouteRequested = false;
    return true;
  }

  /**
   * After a correction the chain is chosen again from the corrected fields (a rejected 100
   * corrected to 9,000 goes through the chain for 9,000); a different chain is told in the
   * audit log and to everyone involved. True when withdrawn while no chain applied.
   */
  private async chooseChainAgain(): Promise<boolean> {
    const before = { name: this.chainName, stages: JSON.stringify(this.stages) };
    while (!(await this.chooseChain())) {
      if (await this.awaitConfirmation()) return true;
      this.round += 1;
    }
    if (before.name !== this.chainName || before.stages !== JSON.stringify(this.stages)) {
      const change = { from: before.name, to: this.chainName, round: this.round };
      await this.audit('chain_changed', { key: this.eventKey('chain_changed'), actorId: null, details: change });
      await this.notify('chain_changed', [...this.involved, ...this.ownersFor()], { message: `${before.name ?? '(none)'} → ${this.chainName}` });
    }
    return false;
  }

  /** The stages in order, until one does not end with its decisions. */
  async runStages(resume?: ResumeState): Promise<RoundOutcome> {
    const from = resume ? resume.openStep.stageIndex : 0;
    for (let i = from; i < this.stages.length; i++) {
      const outcome = await this.runStage(i, this.stages[i]!, i === from ? resume : undefined);
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
    this.roundDecisions = [];
    // Patched: older histories kept the first round's chain (no new snapshot).
    if (patched('resubmit-rechooses-chain')) return this.chooseChainAgain();
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

  /**
   * One stage: open its step, tell the assignees and substitutes, wait, remind, escalate.
   * `resume`: the step is already open (the run before continued as new while it waited).
   */
  async runStage(stageIndex: number, stage: StageDef, resume?: ResumeState): Promise<RoundOutcome> {
    let step: OpenStepView;
    let openedAt: number;
    let reminded = false;
    let escalated = false;
    if (resume) {
      step = this.openStep!;
      ({ openedAt, reminded, escalated } = resume);
    } else {
      // Patched: the step opens with the substitutes and settings in force now (a substitution
      // is signalled only to documents whose open step it concerns).
      await this.reloadPolicyIfChanged(true);
      this.stepDone = false;
      this.stepRejected = false;
      openedAt = Date.now();
      step = { round: this.round, stageIndex, type: stage.type, mode: stage.mode, assignees: [...stage.assignees], decided: [], offeredTo: [], openedAt };
      this.openStep = step;
      step.offeredTo = this.offersFor(step);
      stage.assignees.forEach((a) => this.involved.add(a));
      await this.transition(stage.type === 'coding' ? 'coding' : 'in_review', 'step_opened', { details: { stageIndex, stage: stage.type, mode: stage.mode, assignees: stage.assignees } });
      await this.syncStep();
      await this.notify('step_assigned', this.pendingAssignees(step));
      for (const sub of step.offeredTo) await this.notify('step_offered', [sub], { onBehalfOf: this.principalOf(step, sub) });
    }

    for (;;) {
      // A step that waits for months keeps its history bounded: a new run takes over.
      if (workflowInfo().historyLength >= this.historyLimit && patched(CURRENT_CONFIG)) await this.continueAsNewIfIdle({ openedAt, reminded, escalated });
      const now = Date.now();
      // Read before the wait and kept after it: a settings change moves the deadlines on the next turn.
      const reminderAt = openedAt + this.policy.settings.reminderAfterMs;
      const escalateAt = openedAt + this.policy.settings.escalateAfterMs;
      const wakeups = [nextSubstitutionChange(this.policy.substitutions, now)];
      // A waiting step re-reads the configuration now and then even if no signal reaches it.
      if (patched(CURRENT_CONFIG)) wakeups.push(now + CONFIG_POLL_MS);
      if (!reminded) wakeups.push(reminderAt);
      if (!escalated) wakeups.push(escalateAt);
      const next = Math.min(...wakeups.filter((w): w is number => w !== null));
      const woke = () => this.stepDone || this.stepRejected || this.withdrawn || this.rerouteRequested || this.configDirty;
      if (Number.isFinite(next)) await this.until(woke, Math.max(next - now, 1));
      else await this.until(woke);

      if (this.withdrawn || this.stepRejected || this.stepDone || this.rerouteRequested) return this.closeStage(stageIndex);
      await this.reloadPolicyIfChanged(true);
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

  /** Continues as new once no message is running (and none has just closed the step). */
  private async continueAsNewIfIdle(wait: { openedAt: number; reminded: boolean; escalated: boolean }): Promise<void> {
    // Flushes what this run recorded first: the next run must not start from an unwritten state.
    await this.until(allHandlersFinished);
    // A message that closed the step is acted on here first; a pending reload goes with the state.
    if (this.stepDone || this.stepRejected || this.withdrawn || this.rerouteRequested) return;
    const input: DocumentInput = { documentId: this.documentId, workspaceId: this.workspaceId, kind: this.kind, submitterId: this.submitterId, skipExtraction: true, historyLimit: this.historyLimit, resume: this.snapshot(wait) };
    await continueAsNew<(input: DocumentInput) => Promise<DocumentStatus>>(input);
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
