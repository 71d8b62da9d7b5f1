// What one document's process knows and the effects every phase and message shares: its
// state (status, round, chain, open step, flags the phases wait on), recording a transition
// or an audit event, telling people, keeping the open step's offers to substitutes current,
// and running messages one at a time and once per idempotency key.
//
// Since patch 'one-commit-per-transition' the recording effects (transition, audit, syncStep,
// notify) are buffered and written by ONE `commit` activity in one database transaction when
// the process next waits (`until`) or a message answers (`once`): one round trip per
// transition instead of one per effect. Older histories keep one activity per effect.
import { condition, patched, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { CommitRecord } from '../../activities/records';
import { substitutesOf, type Actor, type CodingLine, type DocumentStatus, type DocumentView, type StageDef } from '../../domain';
import type { CommandResult, DocumentInput, DocumentState as DocumentStateView, OpenStepView } from '../contract';
import type { NotificationEvent, NotificationKind } from '../notifications';
import { STATUS_KEY } from '../search-attributes';
import { acts, type Policy } from './activities';

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
  /** One commit per transition (patched): effects wait in `pending` until the next wait or answer. */
  private readonly folded: boolean;
  private pending: CommitRecord = { events: [], steps: [], notifications: [] };
  private flushing: Promise<void> = Promise.resolve();

  constructor(input: DocumentInput, policyLoaded: Promise<Policy>) {
    this.folded = patched('one-commit-per-transition');
    this.documentId = input.documentId;
    this.workspaceId = input.workspaceId;
    this.submitterId = input.submitterId;
    this.kind = input.kind;
    this.involved = new Set([input.submitterId]);
    // Messages are accepted from the first moment (handlers are registered before the first
    // await) but run only once the policy they authorize against is there.
    this.ready = policyLoaded.then((p) => {
      this.policy = p;
    });
    this.lock = this.ready;
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
        if (this.folded) await this.flush();
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

  // ---- recording ----

  /** Writes the buffered effects in one activity, after any earlier flush (they stay in order). */
  flush(): Promise<void> {
    const batch = this.pending;
    if (batch.events.length + batch.steps.length + batch.notifications.length === 0) return this.flushing;
    this.pending = { events: [], steps: [], notifications: [] };
    const run = this.flushing.catch(() => undefined).then(() => acts.commit(batch));
    this.flushing = run;
    return run;
  }
  /** `condition`, once what the process recorded is stored: nobody waits on an unwritten transition. */
  until(fn: () => boolean): Promise<void>;
  until(fn: () => boolean, timeoutMs: number): Promise<boolean>;
  until(fn: () => boolean, timeoutMs?: number): Promise<void | boolean> {
    const wait = (): Promise<void | boolean> => (timeoutMs === undefined ? condition(fn) : condition(fn, timeoutMs));
    // Unpatched histories: exactly the old commands, with no extra await in between.
    if (!this.folded) return wait();
    return this.flush().then<void | boolean>(wait);
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
    if (this.folded) this.pending.notifications.push(...events);
    else await acts.notify(events);
  }
  private async recordEvent(e: Parameters<typeof acts.recordEvent>[0]): Promise<void> {
    if (this.folded) this.pending.events.push(e);
    else await acts.recordEvent(e);
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
    const now = Date.now();
    const subs = this.policy.substitutions;
    return [...new Set(this.pendingAssignees(step).flatMap((u) => substitutesOf(u, subs, now)))].filter((u) => u !== this.submitterId);
  }
  /** The pending assignee a substitute is offered the step for. */
  principalOf(step: OpenStepView, sub: string, now = Date.now()): string | null {
    return this.pendingAssignees(step).find((a) => substitutesOf(a, this.policy.substitutions, now).includes(sub)) ?? null;
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
      // Copies: the buffered record must not change with the step before it is written.
      decidedBy: [...s.decided],
      status: stepStatus,
    };
    if (this.folded) this.pending.steps.push({ ...record, assignees: [...record.assignees], offeredTo: [...record.offeredTo] });
    else await acts.recordStep(record);
  }
  /** Re-offers the open step after a change of substitutes; tells who gained or lost it. */
  async refreshOffers(): Promise<void> {
    const step = this.openStep;
    if (!step) return;
    const before = step.offeredTo;
    const after = this.offersFor(step);
    if (before.join() === after.join()) return;
    step.offeredTo = after;
    await this.syncStep();
    const now = Date.now();
    for (const sub of after.filter((u) => !before.includes(u))) await this.notify('step_offered', [sub], { onBehalfOf: this.principalOf(step, sub, now) });
    await this.notify('step_withdrawn', before.filter((u) => !after.includes(u)));
  }
  async reloadPolicyIfChanged(): Promise<void> {
    if (!this.configDirty) return;
    this.configDirty = false;
    this.policy = await acts.loadPolicy(this.workspaceId);
  }
}
