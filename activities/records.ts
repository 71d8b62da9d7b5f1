// Writes the workflow's transitions: the document row's projection and the append-only audit
// log, in one transaction, once per idempotency key (activity retries are harmless). `commit`
// writes everything one transition produced (audit rows, the document's projection, the step
// record, the notification outbox) in ONE transaction and one activity: one round trip.
import type { DocumentStatus } from '../domain';
import type { Prisma } from '../generated/prisma/client';
import type { NotificationEvent } from '../workflows/notifications';
import type { ActivityDeps } from './deps';
import { ApplicationFailure } from '@temporalio/common';
import { isUniqueViolation } from '../data/db';
import { recordNotifications } from './notify';

/** Prisma's "record to update not found": the document row is gone, no retry brings it back. */
function failForGood(err: unknown): never {
  if (typeof err === 'object' && err !== null && (err as { code?: string }).code === 'P2025') {
    throw ApplicationFailure.create({ type: 'RecordMissing', message: err instanceof Error ? err.message : String(err), nonRetryable: true });
  }
  throw err;
}

export interface EventRecord {
  key: string;
  workspaceId: string;
  documentId: string;
  actorId: string | null;
  onBehalfOfId: string | null;
  action: string;
  fromState: string | null;
  toState: string | null;
  details: Record<string, unknown> | null;
  /** Projection changes on the document that go with this event. */
  set?: { status?: DocumentStatus; round?: number; rejectReason?: string | null };
}

export interface StepRecord {
  documentId: string;
  round: number;
  stageIndex: number;
  type: string;
  mode: string;
  assignees: string[];
  offeredTo: string[];
  decidedBy: string[];
  status: string;
}

/** What one transition of the workflow wrote, in the order it wrote it. */
export interface CommitRecord {
  events: EventRecord[];
  steps: StepRecord[];
  notifications: NotificationEvent[];
}

type Tx = Prisma.TransactionClient;

function auditRow(e: EventRecord) {
  return {
    idempotencyKey: e.key,
    workspaceId: e.workspaceId,
    documentId: e.documentId,
    actorId: e.actorId,
    onBehalfOfId: e.onBehalfOfId,
    action: e.action,
    fromState: e.fromState,
    toState: e.toState,
    details: (e.details ?? undefined) as Prisma.InputJsonValue | undefined,
  };
}

/** The document row's changes for these events, applied in order as one update. */
async function project(tx: Tx, events: EventRecord[]): Promise<void> {
  const byDoc = new Map<string, Record<string, unknown>>();
  for (const e of events) {
    const set = e.set ?? {};
    if (Object.keys(set).length === 0 && e.actorId === null) continue;
    const data = byDoc.get(e.documentId) ?? {};
    Object.assign(data, set, e.actorId ? { updatedById: e.actorId } : {}, set.status === 'approved' || set.status === 'withdrawn' ? { decidedAt: new Date() } : {});
    byDoc.set(e.documentId, data);
  }
  for (const [id, data] of byDoc) await tx.document.update({ where: { id }, data });
}

async function upsertStep(tx: Pick<Tx, 'step'>, s: StepRecord): Promise<void> {
  const closed = s.status !== 'open';
  await tx.step.upsert({
    where: { documentId_round_stageIndex: { documentId: s.documentId, round: s.round, stageIndex: s.stageIndex } },
    create: { id: `${s.documentId}:${s.round}:${s.stageIndex}`, ...s, closedAt: closed ? new Date() : null },
    update: { assignees: s.assignees, offeredTo: s.offeredTo, decidedBy: s.decidedBy, status: s.status, closedAt: closed ? new Date() : null },
  });
}

export function recordActivities({ db, outbox }: ActivityDeps) {
  return {
    /** One transition's writes in one transaction; a retry after a commit writes nothing twice. */
    async commit(c: CommitRecord): Promise<void> {
      const write = () =>
        db.$transaction(async (tx) => {
          const keys = c.events.map((e) => e.key);
          const seen = new Set(keys.length === 0 ? [] : (await tx.auditEvent.findMany({ where: { idempotencyKey: { in: keys } }, select: { idempotencyKey: true } })).map((r) => r.idempotencyKey));
          const fresh = c.events.filter((e) => !seen.has(e.key));
          if (fresh.length > 0) {
            await tx.auditEvent.createMany({ data: fresh.map(auditRow) });
            await project(tx, fresh);
          }
          // The last record of a step is the one that counts.
          const steps = new Map(c.steps.map((s) => [`${s.documentId}:${s.round}:${s.stageIndex}`, s]));
          for (const s of steps.values()) await upsertStep(tx, s);
          await recordNotifications(tx, c.notifications);
        });
      try {
        await write();
      } catch (err) {
        // A concurrent attempt of the same activity won: this one finds its rows and skips them.
        if (!isUniqueViolation(err)) failForGood(err);
        await write().catch(failForGood);
      }
      if (c.notifications.length > 0) outbox?.kick();
    },

    async recordEvent(e: EventRecord): Promise<void> {
      try {
        await db.$transaction(async (tx) => {
          const seen = await tx.auditEvent.findUnique({ where: { idempotencyKey: e.key }, select: { id: true } });
          if (seen) return;
          await tx.auditEvent.create({ data: auditRow(e) });
          const set = e.set ?? {};
          const touchesDoc = Object.keys(set).length > 0 || e.actorId !== null;
          if (touchesDoc) {
            await tx.document.update({
              where: { id: e.documentId },
              data: {
                ...set,
                ...(e.actorId ? { updatedById: e.actorId } : {}),
                ...(set.status === 'approved' || set.status === 'withdrawn' ? { decidedAt: new Date() } : {}),
              },
            });
          }
        });
      } catch (err) {
        // A concurrent attempt of the same activity won the insert: the event is recorded.
        if (!isUniqueViolation(err)) failForGood(err);
      }
    },

    async recordStep(s: StepRecord): Promise<void> {
      await upsertStep(db, s);
    },
  };
}
