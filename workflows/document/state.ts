// What one document's process knows and the effects every phase and message shares: its
// state (status, round, chain, open step, flags the phases wait on), recording a transition
// or an audit event, telling people, who is offered the open step, and running messages one
// at a time and once per idempotency key. How the effects reach the database (one commit per
// transition, or one activity per effect on older histories) is ./recorder.ts; keeping the
// document current with the workspace's configuration is ./configuration.ts.
import { patched, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { stepOffers, substitutesOf, type Actor, type CodingLine, type DocumentStatus, type DocumentView, type RoundSoFar, type StageDef } from '../../domain';
import { DEFAULT_HISTORY_LIMIT, type CommandResult, type DocumentInput, DocumentState as DocumentStateView, type OpenStepView, type ResumeState } from '../contract';
import type { NotificationEvent, NotificationKind } from '../notifications';
import { STATUS_KEY } from '../search-attributes';
import { acts, type Policy } from './activities';
import { Recorder } from './recorder';

/** Patch: configuration read when it matters (decision, wake-up), not only when signalled. */
export const CURRENT_CONFIG = 'current-config';

type EventOptions = { key?: string; actorId?: string | null; onBehalfOfId?: string | null; details?: Record<string, unknown> };

export class DocumentState {
  readonly documentId: string;
  readonly workspaceId: string;
  readonly submitterId: string;
  kind: DocumentInput['kind'];
  status: DocumentStatus = 'extracting';
  round = 0;
  chainName: string | null = null;
  stages: StageDef[] = [];
  openStep: OpenStepView | null = null;
  rejectReason: string | null = null;
  codingLines: CodingLine[] = [];
  /** This round's agreements and approvals: one person, one decision per round (domain/permissions/decide.ts). */
  roundDecisions: RoundSoFar['decisions'] = [];
  /** From confirmation (or resubmission) until a rejection: the fields that chose the chain stay as they are. */
  routingFixed = false;
  totalAmount: string | null = null;
  /** Set once the first loadPolicy returns; every message waits for it (see `exclusive`). */
  policy!: Policy;
  readonly involved: Set<string>;

  // Flags the phases wait on; messages set them.
  confirmed = false;
  withdrawn = false;
  resubmitted = false;
  rerouteRequested = false;
  stepDone = false;
  stepRejected = false;
  configDirty = false;

  /** Resolves once the policy is loaded: the phases start after it, messages run after it. */
  readonly ready: Promise<void>;
  private lock: Promise<unknown>;
  /** Same key twice → one effect, same answer (on top of Temporal's own update-id dedup). */
  private readonly answered = new Map<string, CommandResult>();
  private readonly inFlight = new Set<string>();
  private eventSeq = 0;
  /** One commit per transition (patched): effects wait in the recorder until the next wait or answer. */
  private readonly recorder: Recorder;

  /** Runs before this one (continue-as-new). */
  runs = 0;
  readonly historyLimit: number;

  constructor(input: DocumentInput, policyLoaded: Promise<Policy>) {
    this.recorder = new Recorder(patched('one-commit-per-transition'));
    this.documentId = input.documentId;
    this.workspaceId = input.workspaceId;
    this.submitterId = input.submitterId;
    this.kind = input.kind;
    this.involved = new Set([input.submitterId]);
    this.historyLimit = input.historyLimit ?? DEFAULT_HISTORY_LIMIT;
    // A new run after continue-as-new takes over before any message can run.
    if (input.resume) this.restore(input.resume);
    // Messages are accepted from the first moment (handlers are registered before the first
    // await) but run only once the policy they authorize against is there.
    this.ready = policyLoaded.then((p) => {
      this.policy = p;
    });
    this.lock = this.ready;
  }

  // ---- continue-as-new ----

  /** The state a new run needs to take over the waiting step `wait`. */
  snapshot(wait: { openedAt: number; reminded: boolean; escalated: boolean }): ResumeState {
    return {
      status: this.status,
      round: this.round,
      chainName: this.chainName,
      stages: this.stages,
      openStep: this.openStep!,
      rejectReason: this.rejectReason,
      codingLines: this.codingLines,
      totalAmount: this.totalAmount,
      involved: [...this.involved],
      eventSeq: this.eventSeq,
      // Answers of this round only: earlier rounds' keys are refused by their round anyway.
      answered: [...this.answered].slice(-200),
      policy: this.policy,
      configDirty: this.configDirty,
      ...wait,
      runs: this.runs + 1,
    };
  }
  /** Takes over from the run before (its snapshot); the policy comes with it. */
  restore(r: ResumeState): void {
    this.status = r.status;
    this.round = r.round;
    this.chainName = r.chainName;
    this.stages = r.stages;
    this.openStep = r.openStep;
    this.rejectReason = r.rejectReason;
    this.codingLines = r.codingLines;
    this.totalAmount = r.totalAmount;
    r.involved.forEach((u) => this.involved.add(u));
    this.eventSeq = r.eventSeq;
    for (const [key, answer] of r.answered) this.answered.set(key, answer);
    this.confirmed = true;
    this.configDirty = r.configDirty;
    this.runs = r.runs;
  }

  // ---- views ----

  view(): DocumentStateView {
    const { documentId, status, kind, submitterId, round, chainName, stages, openStep, rejectReason } = this;
    return { documentId, status, kind, submitterId, round, chainName, stages, openStep, rejectReason };
  }
  docView(): DocumentView {
    return { kind: this.kind, status: this.status, submitterId: this.submitterId, involvedUserIds: [...this.involved] };
  }
  /** A repeated key is answered from memory: its validator must let it through. */
  knows(key: string): boolean {
    return this.answered.has(key) || this.inFlight.has(key);
  }

  // ---- running messages ----

  /** Messages that call activities must not interleave their read-check-write sequences. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn);
    this.lock = run.catch(() => undefined);
    return run;
  }
  once(key: string, fn: () => Promise<CommandResult>): Promise<CommandResult> {
    this.inFlight.add(key);
    return this.exclusive(async () => {
      try {
        const prior = this.answered.get(key);
        if (prior) return prior;
        const result = await fn();
        // The answer goes out once its effects are stored (the caller may read them next).
        if (this.recorder.folded) await this.recorder.flush();
        this.answered.set(key, result);
        return result;
      } finally {
        this.inFlight.delete(key);
      }
    });
  }
  refuse(reason: string): CommandResult {
    return { ok: false, reason };
  }
  ok(message: string, onBehalfOf: string | null = null): CommandResult {
    return { ok: true, status: this.status, message, onBehalfOf };
  }
  loadActor(userId: string): Promise<Actor | null> {
    return acts.loadActor({ workspaceId: this.workspaceId, userId });
  }
  /**
   * The person deciding, and (patched) the substitutions in force now, read in the same
   * activity: a revoked substitute is refused even if the configChanged signal was lost.
   */
  async loadDecider(userId: string): Promise<Actor | null> {
    if (!patched(CURRENT_CONFIG)) return this.loadActor(userId);
    const { actor, substitutions } = await acts.loadDecider({ workspaceId: this.workspaceId, userId });
    this.policy = { ...this.policy, substitutions };
    return actor;
  }

  // ---- recording ----

  /** `condition`, once what the process recorded is stored: nobody waits on an unwritten transition. */
  until(fn: () => boolean): Promise<void>;
  until(fn: () => boolean, timeoutMs: number): Promise<boolean>;
  until(fn: () => boolean, timeoutMs?: number): Promise<void | boolean> {
    return this.recorder.until(fn, timeoutMs);
  }

  eventKey(what: string): string {
    return `${workflowInfo().workflowId}:${this.round}:${++this.eventSeq}:${what}`;
  }
  async transition(to: DocumentStatus, action: string, p: EventOptions = {}): Promise<void> {
    const from = this.status;
    this.status = to;
    await this.recordEvent({
      key: p.key ?? this.eventKey(action),
      workspaceId: this.workspaceId,
      documentId: this.documentId,
      actorId: p.actorId ?? null,
      onBehalfOfId: p.onBehalfOfId ?? null,
      action,
      fromState: from,
      toState: to,
      details: p.details ?? null,
      set: { status: to, round: this.round, rejectReason: to === 'rejected' ? this.rejectReason : null },
    });
    if (from !== to) upsertSearchAttributes([{ key: STATUS_KEY, value: to }] as never);
  }
  async audit(action: string, p: EventOptions & { key: string; actorId: string | null }): Promise<void> {
    const { workspaceId, documentId, status } = this;
    await this.recordEvent({ key: p.key, workspaceId, documentId, actorId: p.actorId, onBehalfOfId: p.onBehalfOfId ?? null, action, fromState: status, toState: status, details: p.details ?? null });
  }
  async notify(kind: NotificationKind, recipients: Iterable<string>, extra: Partial<NotificationEvent> = {}): Promise<void> {
    const unique = [...new Set(recipients)];
    if (unique.length === 0) return;
    const base = this.eventKey(kind);
    const s = this.openStep;
    const step = s ? { stageIndex: s.stageIndex, type: s.type, mode: s.mode, assignees: [...s.assignees], decided: [...s.decided] } : undefined;
    const { workspaceId, documentId, status, round } = this;
    const events = unique.map((recipientId) => ({ kind, key: `${base}:${recipientId}`, workspaceId, documentId, recipientId, status, round, step, ...extra }));
    const written = this.recorder.notifications(events);
    if (written) await written;
  }
  private async recordEvent(e: Parameters<typeof acts.recordEvent>[0]): Promise<void> {
    const written = this.recorder.event(e);
    if (written) await written;
  }

  // ---- who is asked ----

  /** Those who act for the document outside the approval round: submitter (expense) or bookkeepers (invoice). */
  ownersFor(): string[] {
    if (this.kind === 'expense') return [this.submitterId];
    return this.policy.bookkeepers.length > 0 ? this.policy.bookkeepers : [this.submitterId];
  }
  pendingAssignees(step: OpenStepView): string[] {
    if (step.type === 'coding' && step.assignees.length === 0) return this.policy.bookkeepers;
    return step.assignees.filter((u) => !step.decided.includes(u));
  }
  offersFor(step: OpenStepView): string[] {
    return [...new Set(this.stepOffers(step, Date.now()).map((o) => o.substituteId))];
  }
  /** The pending assignee a substitute is offered the step for. */
  principalOf(step: OpenStepView, sub: string, now = Date.now()): string | null {
    return this.stepOffers(step, now).find((o) => o.substituteId === sub)?.forUserId ?? null;
  }
  /** Offers only what the substitute may do (domain stepOffers). */
  private stepOffers(step: OpenStepView, now: number) {
    const { submitterId, policy } = this;
    return stepOffers({ step: { ...step, index: step.stageIndex }, pending: this.pendingAssignees(step), submitterId, substitutions: policy.substitutions, now, round: this.roundSoFar(), coordinatorsByRole: policy.coordinatorsNotApprovers ?? [] });
  }
  /**
   * Who decided in this round and who coordinates it, for the one-decision and
   * coordinator-never-final rules; undefined on histories from before them (patched).
   */
  roundSoFar(): RoundSoFar | undefined {
    if (!patched('one-person-one-vote')) return undefined;
    const coordinators = new Set(this.stages.filter((st) => st.type === 'coordinate').flatMap((st) => st.assignees));
    // A coordinate step reassigned to someone else makes them a coordinator of the round too.
    if (this.openStep?.type === 'coordinate') this.openStep.assignees.forEach((a) => coordinators.add(a));
    return { decisions: this.roundDecisions, coordinators: [...coordinators] };
  }
  async syncStep(stepStatus = 'open'): Promise<void> {
    const s = this.openStep;
    if (!s) return;
    const record = {
      documentId: this.documentId,
      round: s.round,
      stageIndex: s.stageIndex,
      type: s.type,
      mode: s.mode,
      assignees: s.assignees,
      offeredTo: stepStatus === 'open' ? s.offeredTo : [],
      decidedBy: [...s.decided],
      status: stepStatus,
    };
    const written = this.recorder.step(record);
    if (written) await written;
  }
}
