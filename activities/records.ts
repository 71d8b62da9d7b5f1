// Writes the workflow's transitions: the document row's projection and the append-only audit
// log, in one transaction, once per idempotency key (activity retries are harmless).
import type { DocumentStatus } from '../domain';
import type { Prisma } from '../generated/prisma/client';
import type { ActivityDeps } from './deps';
import { isUniqueViolation } from '../data/db';

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

export function recordActivities({ db }: ActivityDeps) {
  return {
    async recordEvent(e: EventRecord): Promise<void> {
      try {
        await db.$transaction(async (tx) => {
          const seen = await tx.auditEvent.findUnique({ where: { idempotencyKey: e.key }, select: { id: true } });
          if (seen) return;
          await tx.auditEvent.create({
            data: {
              idempotencyKey: e.key,
              workspaceId: e.workspaceId,
              documentId: e.documentId,
              actorId: e.actorId,
              onBehalfOfId: e.onBehalfOfId,
              action: e.action,
              fromState: e.fromState,
              toState: e.toState,
              details: (e.details ?? undefined) as Prisma.InputJsonValue | undefined,
            },
          });
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
        if (!isUniqueViolation(err)) throw err;
      }
    },

    async recordStep(s: StepRecord): Promise<void> {
      const closed = s.status !== 'open';
      await db.step.upsert({
        where: { documentId_round_stageIndex: { documentId: s.documentId, round: s.round, stageIndex: s.stageIndex } },
        create: { id: `${s.documentId}:${s.round}:${s.stageIndex}`, ...s, closedAt: closed ? new Date() : null },
        update: { assignees: s.assignees, offeredTo: s.offeredTo, decidedBy: s.decidedBy, status: s.status, closedAt: closed ? new Date() : null },
      });
    },
  };
}
