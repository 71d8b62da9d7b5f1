// One durable workflow per document: extraction → confirmation → (coding) → coordinator
// stages → approver stages → approved, with rejection back to the right person, withdraw,
// reassign, substitutes, reminders and escalation. Every request is re-authorized here,
// against roles, assignees and active substitutes, whatever the caller already checked.
import {
  allHandlersFinished,
  ActivityFailure,
  condition,
  patched,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import {
  authorizeDecision,
  canEditCoding,
  canEditFields,
  isUndecided,
  nextSubstitutionChange,
  STAGE_ROLE,
  substitutesOf,
  validateCoding,
  type Actor,
  type CodingLine,
  type DocumentStatus,
  type StageDef,
  type Substitution,
} from '../domain';
import {
  confirmUpdate,
  configChangedSignal,
  decideUpdate,
  editFieldsUpdate,
  reassignUpdate,
  rerouteUpdate,
  resubmitUpdate,
  saveCodingUpdate,
  stateQuery,
  withdrawUpdate,
  type CommandResult,
  type DocumentInput,
  type DocumentState,
  type EditableFields,
  type OpenStepView,
} from './contract';
import type { NotificationEvent, NotificationKind } from './notifications';
import { KIND_KEY, STATUS_KEY } from './search-attributes';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds' },
});
const extraction = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: ['ExtractionError'] },
});

type StageOutcome = 'done' | 'rejected' | 'withdrawn' | 'rerouted';

export async function documentWorkflow(input: DocumentInput): Promise<DocumentStatus> {
  const { documentId, workspaceId, submitterId } = input;
  let kind = input.kind;
  let status: DocumentStatus = 'extracting';
  let round = 0;
  let chainName: string | null = null;
  let stages: StageDef[] = [];
  let openStep: OpenStepView | null = null;
  let rejectReason: string | null = null;
  let codingLines: CodingLine[] = [];
  let totalAmount: string | null = null;
  let policy = await acts.loadPolicy(workspaceId);
  let involved = new Set<string>([submitterId]);

  // Flags the main loop waits on; handlers set them.
  let confirmed = false;
  let withdrawn = false;
  let resubmitted = false;
  let rerouteRequested = false;
  let stepDone = false;
  let stepRejected = false;
  let configDirty = false;

  // Handlers that call activities must not interleave their read-check-write sequences.
  let lock: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = lock.then(fn);
    lock = run.catch(() => undefined);
    return run;
  };
  // Same key twice → one effect, same answer (on top of Temporal's own update-id dedup).
  const answered = new Map<string, CommandResult>();
  const once = (key: string, fn: () => Promise<CommandResult>): Promise<CommandResult> =>
    exclusive(async () => {
      const prior = answered.get(key);
      if (prior) return prior;
      const result = await fn();
      answered.set(key, result);
      return result;
    });
  const refuse = (reason: string): CommandResult => ({ ok: false, reason });
  const ok = (message: string, onBehalfOf: string | null = null): CommandResult => ({ ok: true, status, message, onBehalfOf });

  const docView = () => ({ kind, status, submitterId, involvedUserIds: [...involved] });
  const loadActor = async (userId: string): Promise<Actor | null> => acts.loadActor({ workspaceId, userId });

  let eventSeq = 0;
  const eventKey = (what: string) => `${workflowInfo().workflowId}:${round}:${++eventSeq}:${what}`;

  async function transition(to: DocumentStatus, action: string, p: { key?: string; actorId?: string | null; onBehalfOfId?: string | null; details?: Record<string, unknown> } = {}) {
    const from = status;
    status = to;
    await acts.recordEvent({
      key: p.key ?? eventKey(action),
      workspaceId,
      documentId,
      actorId: p.actorId ?? null,
      onBehalfOfId: p.onBehalfOfId ?? null,
      action,
      fromState: from,
      toState: to,
      details: p.details ?? null,
      set: { status: to, round, rejectReason: to === 'rejected' ? rejectReason : null },
    });
    if (from !== to) upsertSearchAttributes([{ key: STATUS_KEY, value: to }] as never);
  }

  async function audit(action: string, p: { key: string; actorId: string | null; onBehalfOfId?: string | null; details?: Record<string, unknown> }) {
    await acts.recordEvent({ key: p.key, workspaceId, documentId, actorId: p.actorId, onBehalfOfId: p.onBehalfOfId ?? null, action, fromState: status, toState: status, details: p.details ?? null });
  }

  async function notify(kind: NotificationKind, recipients: Iterable<string>, extra: Partial<NotificationEvent> = {}) {
    const unique = [...new Set(recipients)];
    if (unique.length === 0) return;
    const base = eventKey(kind);
    const step = openStep
      ? { stageIndex: openStep.stageIndex, type: openStep.type, mode: openStep.mode, assignees: openStep.assignees, decided: openStep.decided }
      : undefined;
    await acts.notify(unique.map((recipientId) => ({ kind, key: `${base}:${recipientId}`, workspaceId, documentId, recipientId, status, round, step, ...extra })));
  }

  /** Those who act for the document outside the approval round: submitter (expense) or bookkeepers (invoice). */
  function ownersFor(): string[] {
    if (kind === 'expense') return [submitterId];
    return policy.bookkeepers.length > 0 ? policy.bookkeepers : [submitterId];
  }
  // Auditors stay independent of what they audit: read-only whatever other roles they hold.
  const AUDITOR_READ_ONLY = 'Auditors have read-only access and cannot change documents.';
  const isAuditor = (actor: Actor | null) => actor?.roles.includes('auditor') ?? false;

  async function mayActAsOwner(actor: Actor): Promise<boolean> {
    if (kind === 'expense') return actor.userId === submitterId;
    return actor.roles.includes('bookkeeper');
  }

  function pendingAssignees(step: OpenStepView): string[] {
    if (step.type === 'coding' && step.assignees.length === 0) return policy.bookkeepers;
    return step.assignees.filter((u) => !step.decided.includes(u));
  }
  function offersFor(step: OpenStepView, subs: Substitution[]): string[] {
    const now = Date.now();
    return [...new Set(pendingAssignees(step).flatMap((u) => substitutesOf(u, subs, now)))].filter((u) => u !== submitterId);
  }
  async function syncStep(stepStatus = 'open') {
    if (!openStep) return;
    await acts.recordStep({
      documentId,
      round: openStep.round,
      stageIndex: openStep.stageIndex,
      type: openStep.type,
      mode: openStep.mode,
      assignees: openStep.assignees,
      offeredTo: stepStatus === 'open' ? openStep.offeredTo : [],
      decidedBy: openStep.decided,
      status: stepStatus,
    });
  }

  /** Re-offers the open step after a change of substitutes; tells who gained or lost it. */
  async function refreshOffers() {
    if (!openStep) return;
    const before = openStep.offeredTo;
    const after = offersFor(openStep, policy.substitutions);
    if (before.join() === after.join()) return;
    openStep.offeredTo = after;
    await syncStep();
    const now = Date.now();
    const principalOf = (sub: string) => pendingAssignees(openStep!).find((a) => substitutesOf(a, policy.substitutions, now).includes(sub)) ?? null;
    for (const sub of after.filter((u) => !before.includes(u))) await notify('step_offered', [sub], { onBehalfOf: principalOf(sub) });
    await notify('step_withdrawn', before.filter((u) => !after.includes(u)));
  }

  // ---- queries and handlers ----

  setHandler(stateQuery, (): DocumentState => ({ documentId, status, kind, submitterId, round, chainName, stages, openStep, rejectReason }));

  setHandler(configChangedSignal, () => {
    configDirty = true;
  });

  setHandler(confirmUpdate, (req) =>
    once(req.key, async () => {
      if (status !== 'confirming') return refuse(`This document is ${status}; there is nothing to confirm.`);
      const actor = await loadActor(req.actorId);
      if (isAuditor(actor)) return refuse(AUDITOR_READ_ONLY);
      if (!actor || !(await mayActAsOwner(actor))) {
        return refuse(kind === 'expense' ? 'Only the submitter can confirm an expense report.' : 'Only a bookkeeper can confirm a purchase invoice.');
      }
      const kindChanged = req.kind !== undefined && req.kind !== kind;
      if (req.kind && req.kind !== kind) {
        if (!actor.roles.includes('bookkeeper')) return refuse('Only a bookkeeper can change the document kind.');
        kind = req.kind;
        upsertSearchAttributes([{ key: KIND_KEY, value: kind }] as never);
      }
      // A new kind alone must reach the document row too: the chain is chosen from it.
      if (req.fields || (kindChanged && patched('confirm-persists-kind'))) {
        const saved = await acts.saveFields({ documentId, workspaceId, actorId: actor.userId, key: `${req.key}:fields`, fields: req.fields ?? {}, kind });
        if (!saved.ok) return refuse(saved.reason);
        totalAmount = saved.totalAmount;
      }
      await audit('confirmed', { key: `${req.key}:confirmed`, actorId: actor.userId });
      confirmed = true;
      return ok('Confirmed: the document goes to its approval chain.');
    }),
  );

  setHandler(editFieldsUpdate, (req) =>
    once(req.key, async () => {
      const actor = await loadActor(req.actorId);
      if (!actor) return refuse('Unknown user.');
      if (isAuditor(actor)) return refuse(AUDITOR_READ_ONLY);
      const editable = status === 'confirming' || status === 'rejected' || status === 'coding';
      const allowed = (await mayActAsOwner(actor)) || canEditFields(actor, { ...docView(), status });
      if (!editable || !allowed) return refuse(editable ? 'You may not edit the fields of this document.' : `The fields cannot be edited while the document is ${status}.`);
      const saved = await acts.saveFields({ documentId, workspaceId, actorId: actor.userId, key: req.key, fields: req.fields, kind });
      if (!saved.ok) return refuse(saved.reason);
      totalAmount = saved.totalAmount;
      return ok('Fields saved.');
    }),
  );

  setHandler(saveCodingUpdate, (req) =>
    once(req.key, async () => {
      const actor = await loadActor(req.actorId);
      if (!actor) return refuse('Unknown user.');
      if (!['coding', 'in_review'].includes(status)) return refuse(`Coding cannot be changed while the document is ${status}.`);
      if (!canEditCoding(actor, { ...docView(), status })) return refuse('You may not edit the coding of this document.');
      if (actor.roles.includes('auditor')) return refuse('Auditors have read-only access.');
      const problems = validateCoding(req.lines, totalAmount ?? '0.00');
      if (problems.length > 0) return refuse(problems.join(' '));
      await acts.saveCoding({ documentId, workspaceId, actorId: actor.userId, key: req.key, lines: req.lines });
      codingLines = req.lines;
      return ok('Coding saved.');
    }),
  );

  setHandler(decideUpdate, (req) =>
    once(req.key, async () => {
      const step = openStep;
      if (!step || (status !== 'in_review' && status !== 'coding')) return refuse(`This document is ${status}; it is not waiting for a decision.`);
      if ((req.round !== undefined && req.round !== step.round) || (req.stageIndex !== undefined && req.stageIndex !== step.stageIndex)) {
        return refuse('That step is already closed; the document has moved on.');
      }
      const actor = await loadActor(req.actorId);
      if (!actor) return refuse('Unknown user: open the app once so Countersign knows you.');
      // While this request waited its turn the step may have been closed by another decision
      // (ANY stage), a rejection, a withdrawal or a re-route that the main loop has not acted
      // on yet: a decision counts only on a step that is still open.
      if (openStep !== step || stepDone || stepRejected || withdrawn || rerouteRequested) {
        return refuse('That step is already closed; the document has moved on.');
      }
      const auth = authorizeDecision({ step: { ...step, index: step.stageIndex }, actor, submitterId, substitutions: policy.substitutions, now: Date.now() });
      if (!auth.ok) return refuse(auth.reason);
      const principal = auth.onBehalfOf ?? actor.userId;
      if (req.action === 'reject') {
        const reason = req.reason?.trim();
        if (!reason) return refuse('A reason is required to reject.');
        rejectReason = reason;
        involved.add(actor.userId);
        await audit('rejected', { key: req.key, actorId: actor.userId, onBehalfOfId: auth.onBehalfOf, details: { stageIndex: step.stageIndex, stage: step.type, reason } });
        stepRejected = true;
        return ok('Rejected: the document goes back with your reason.', auth.onBehalfOf);
      }
      if (step.type === 'coding') {
        const problems = codingLines.length === 0 ? ['Add coding lines before sending the document to approval.'] : validateCoding(codingLines, totalAmount ?? '0.00');
        if (problems.length > 0) return refuse(problems.join(' '));
      }
      const action = step.type === 'coding' ? 'coded' : step.type === 'coordinate' ? 'agreed' : 'approved';
      if (!(step.type === 'coding' && step.assignees.length === 0)) step.decided.push(principal);
      involved.add(actor.userId);
      await audit(action, { key: req.key, actorId: actor.userId, onBehalfOfId: auth.onBehalfOf, details: { stageIndex: step.stageIndex, stage: step.type, mode: step.mode } });
      const complete = step.type === 'coding' || step.mode === 'any' || step.assignees.every((a) => step.decided.includes(a));
      if (complete) stepDone = true;
      else {
        // The principal has decided: their substitutes lose the offer (patched: new commands).
        if (patched('partial-decision-refreshes-offers')) await refreshOffers();
        await syncStep();
        // The others' messages show who has agreed so far.
        await notify('step_closed', [actor.userId], { actorId: actor.userId, actorOnBehalfOf: auth.onBehalfOf, action, message: 'partial' });
      }
      const label = step.type === 'coding' ? 'Sent to approval.' : step.type === 'coordinate' ? 'Agreed.' : 'Approved.';
      return ok(complete ? label : `${label} Waiting for the other assignees.`, auth.onBehalfOf);
    }),
  );

  setHandler(withdrawUpdate, (req) =>
    once(req.key, async () => {
      if (req.actorId !== submitterId) return refuse('Only the submitter can withdraw this document.');
      if (!isUndecided(status)) return refuse(`This document is already ${status}; it can no longer be withdrawn.`);
      // The final decision is in but the main loop has not recorded it yet: it is approved.
      if (stepDone && openStep !== null && openStep.stageIndex === stages.length - 1) {
        return refuse('This document has just been approved; it can no longer be withdrawn.');
      }
      await audit('withdraw_requested', { key: req.key, actorId: req.actorId, details: { reason: req.reason ?? null } });
      withdrawn = true;
      return { ok: true, status: 'withdrawn', message: 'Withdrawn.' };
    }),
  );

  setHandler(resubmitUpdate, (req) =>
    once(req.key, async () => {
      if (status !== 'rejected') return refuse(`This document is ${status}; only a rejected document can be resubmitted.`);
      const actor = await loadActor(req.actorId);
      if (isAuditor(actor)) return refuse(AUDITOR_READ_ONLY);
      if (!actor || !(await mayActAsOwner(actor))) {
        return refuse(kind === 'expense' ? 'Only the submitter can resubmit this expense report.' : 'Only a bookkeeper can resubmit this purchase invoice.');
      }
      if (req.fields) {
        const saved = await acts.saveFields({ documentId, workspaceId, actorId: actor.userId, key: `${req.key}:fields`, fields: req.fields, kind });
        if (!saved.ok) return refuse(saved.reason);
        totalAmount = saved.totalAmount;
      }
      await audit('resubmitted', { key: req.key, actorId: actor.userId });
      resubmitted = true;
      return ok('Resubmitted: the approval round starts again.');
    }),
  );

  setHandler(reassignUpdate, (req) =>
    once(req.key, async () => {
      const actor = await loadActor(req.actorId);
      if (isAuditor(actor)) return refuse(AUDITOR_READ_ONLY);
      if (!actor?.roles.includes('admin')) return refuse('Only an administrator can reassign a step.');
      const step = openStep;
      if (!step || step.stageIndex !== req.stageIndex) return refuse('That step is not open.');
      if (!step.assignees.includes(req.fromUserId) || step.decided.includes(req.fromUserId)) return refuse('That person is not a pending assignee of the step.');
      if (step.assignees.includes(req.toUserId)) return refuse('That person is already an assignee of the step.');
      if (req.toUserId === submitterId) return refuse('The submitter cannot be assigned to decide on their own document.');
      // The new assignee must be able to decide, or the step is stuck again (patched: older
      // histories reassigned without this look-up).
      if (patched('reassign-checks-target')) {
        const target = await loadActor(req.toUserId);
        if (!target) return refuse('That person is not known to Countersign yet.');
        if (target.roles.includes('auditor')) return refuse('Auditors have read-only access and cannot decide on documents.');
        const role = STAGE_ROLE[step.type];
        if (!target.roles.includes(role)) return refuse(`That person does not hold the ${role} role needed for this step.`);
        if (openStep !== step || stepDone || stepRejected) return refuse('That step is not open.');
      }
      step.assignees = step.assignees.map((a) => (a === req.fromUserId ? req.toUserId : a));
      step.offeredTo = offersFor(step, policy.substitutions);
      involved.add(req.toUserId);
      await audit('reassigned', { key: req.key, actorId: actor.userId, details: { stageIndex: step.stageIndex, from: req.fromUserId, to: req.toUserId } });
      await syncStep();
      await notify('step_assigned', [req.toUserId], { actorId: actor.userId });
      await notify('step_withdrawn', [req.fromUserId], { actorId: actor.userId });
      return ok('Reassigned.');
    }),
  );

  setHandler(rerouteUpdate, (req) =>
    once(req.key, async () => {
      const actor = await loadActor(req.actorId);
      if (isAuditor(actor)) return refuse(AUDITOR_READ_ONLY);
      if (!actor?.roles.includes('admin')) return refuse('Only an administrator can re-route a document.');
      if (!(status === 'in_review' || status === 'coding' || (status === 'confirming' && confirmed))) return refuse(`A document that is ${status} cannot be re-routed.`);
      await audit('reroute_requested', { key: req.key, actorId: actor.userId });
      rerouteRequested = true;
      return ok('The document restarts on the chain now in force.');
    }),
  );

  // ---- the document's life ----

  async function finish(final: DocumentStatus, action: string, p: { actorId?: string | null } = {}): Promise<DocumentStatus> {
    openStep = null;
    await transition(final, action, { actorId: p.actorId ?? null });
    const told = kind === 'invoice' ? [submitterId, ...policy.bookkeepers] : [submitterId];
    await notify('status_changed', told, { actorId: p.actorId ?? null, message: final });
    await condition(allHandlersFinished);
    return final;
  }

  upsertSearchAttributes([
    { key: STATUS_KEY, value: status },
    { key: KIND_KEY, value: kind },
  ] as never);

  let extractionProblem: string | null = null;
  if (!input.skipExtraction) {
    try {
      const r = await extraction.runExtraction({ documentId });
      totalAmount = r.totalAmount;
    } catch (err) {
      // The activity's own sentence ("This PDF is damaged…") is the cause of the ActivityFailure.
      const cause = err instanceof ActivityFailure && err.cause ? err.cause : err;
      extractionProblem = cause instanceof Error ? cause.message : String(cause);
      await audit('extraction_failed', { key: eventKey('extraction_failed'), actorId: null, details: { error: extractionProblem } });
    }
  } else {
    totalAmount = (await acts.loadDocumentTotals({ documentId })).totalAmount;
  }
  await transition('confirming', 'extracted');
  // The people confirming see why the fields are empty when the file could not be read.
  await notify('confirm_request', ownersFor(), extractionProblem ? { message: extractionProblem } : {});
  await condition(() => confirmed || withdrawn);
  if (withdrawn) return finish('withdrawn', 'withdrawn', { actorId: submitterId });

  for (;;) {
    // A round starts on the chain in force now; the snapshot stays with the document
    // (resubmission keeps it; an administrator may re-route explicitly).
    round += 1;
    const snapshot = await acts.snapshotChain({ documentId, workspaceId, round, key: eventKey('snapshot') });
    if (!snapshot) {
      status = 'confirming';
      confirmed = false;
      await notify('no_chain', [...policy.admins, submitterId]);
      await condition(() => confirmed || withdrawn);
      if (withdrawn) return finish('withdrawn', 'withdrawn', { actorId: submitterId });
      continue;
    }
    chainName = snapshot.chainName;
    stages = snapshot.stages;
    rerouteRequested = false;

    let outcome: StageOutcome = 'done';
    for (;;) {
      for (let i = 0; i < stages.length; i++) {
        outcome = await runStage(i, stages[i]!);
        if (outcome !== 'done') break;
      }
      if (outcome === 'done') return finish('approved', 'approved');
      if (outcome === 'withdrawn') return finish('withdrawn', 'withdrawn', { actorId: submitterId });
      if (outcome === 'rerouted') break;
      // Rejected: back to the bookkeeper (invoice) or the submitter (expense) until resubmitted.
      await notify('status_changed', ownersFor().concat(submitterId), { reason: rejectReason, message: 'rejected' });
      resubmitted = false;
      await condition(() => resubmitted || withdrawn);
      if (withdrawn) return finish('withdrawn', 'withdrawn', { actorId: submitterId });
      round += 1;
      rejectReason = null;
    }
  }

  async function runStage(stageIndex: number, stage: StageDef): Promise<StageOutcome> {
    if (configDirty) {
      configDirty = false;
      policy = await acts.loadPolicy(workspaceId);
    }
    stepDone = false;
    stepRejected = false;
    const openedAt = Date.now();
    openStep = { round, stageIndex, type: stage.type, mode: stage.mode, assignees: [...stage.assignees], decided: [], offeredTo: [], openedAt };
    openStep.offeredTo = offersFor(openStep, policy.substitutions);
    stage.assignees.forEach((a) => involved.add(a));
    const stepStatus: DocumentStatus = stage.type === 'coding' ? 'coding' : 'in_review';
    await transition(stepStatus, `step_opened`, { details: { stageIndex, stage: stage.type, mode: stage.mode, assignees: stage.assignees } });
    await syncStep();
    await notify('step_assigned', pendingAssignees(openStep));
    for (const sub of openStep.offeredTo) {
      const now = Date.now();
      await notify('step_offered', [sub], { onBehalfOf: pendingAssignees(openStep).find((a) => substitutesOf(a, policy.substitutions, now).includes(sub)) ?? null });
    }

    let reminded = false;
    let escalated = false;
    for (;;) {
      const now = Date.now();
      const reminderAt = openedAt + policy.settings.reminderAfterMs;
      const escalateAt = openedAt + policy.settings.escalateAfterMs;
      const wakeups = [nextSubstitutionChange(policy.substitutions, now)];
      if (!reminded) wakeups.push(reminderAt);
      if (!escalated) wakeups.push(escalateAt);
      const next = Math.min(...wakeups.filter((w): w is number => w !== null));
      const woke = () => stepDone || stepRejected || withdrawn || rerouteRequested || configDirty;
      if (Number.isFinite(next)) await condition(woke, Math.max(next - now, 1));
      else await condition(woke);

      if (withdrawn || stepRejected || stepDone || rerouteRequested) {
        const closed = stepDone ? 'done' : stepRejected ? 'rejected' : withdrawn ? 'withdrawn' : 'rerouted';
        await syncStep(closed);
        await notify('step_closed', [...openStep.assignees, ...openStep.offeredTo, ...(openStep.type === 'coding' ? policy.bookkeepers : [])], { message: closed });
        if (stepRejected) {
          openStep = null;
          await transition('rejected', 'returned', { details: { stageIndex, reason: rejectReason } });
          return 'rejected';
        }
        openStep = null;
        return stepDone ? 'done' : withdrawn ? 'withdrawn' : 'rerouted';
      }
      if (configDirty) {
        configDirty = false;
        policy = await acts.loadPolicy(workspaceId);
      }
      await refreshOffers();
      const t = Date.now();
      if (!reminded && t >= reminderAt) {
        reminded = true;
        await notify('reminder', [...pendingAssignees(openStep), ...openStep.offeredTo]);
        await audit('reminder_sent', { key: eventKey('reminder_audit'), actorId: null, details: { stageIndex, to: pendingAssignees(openStep) } });
      }
      if (!escalated && t >= escalateAt) {
        escalated = true;
        const to = policy.settings.escalationUserId ? [policy.settings.escalationUserId] : policy.admins;
        await notify('escalation', to);
        await audit('escalated', { key: eventKey('escalation_audit'), actorId: null, details: { stageIndex, to } });
      }
    }
  }
}
