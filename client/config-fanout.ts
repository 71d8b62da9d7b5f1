// Telling open documents that the workspace's configuration changed, without costing
// O(open documents) work in one burst. The signal is an optimisation: documents read the
// substitutions at decision time, the configuration when a step opens and whenever a waiting
// step wakes (at the latest every CONFIG_POLL_MS), so a lost or late signal delays an offer
// or a reminder, never lets a revoked substitute decide.
//
// Who is told depends on what changed:
// - a substitution for A: only documents whose open step waits on A (a step that opens later
//   reads the substitutions itself);
// - bookkeepers: documents waiting on bookkeepers (confirming, coding);
// - settings: documents with a waiting step (their reminder and escalation timers).
// The signals go out in batches of `batchSize`, at most one batch per `batchIntervalMs`.
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Db } from '../data/db';
import { configChangedSignal, documentWorkflowId } from '../workflows/contract';

export type ConfigChange = { kind: 'substitution'; forUserId: string } | { kind: 'bookkeepers' } | { kind: 'settings' } | { kind: 'all' };

export interface FanOutOptions {
  batchSize: number;
  batchIntervalMs: number;
  /** Bound on each batch's signals: an unreachable engine fails the batch, not the caller. */
  batchDeadlineMs: number;
}

export const DEFAULT_FANOUT: FanOutOptions = { batchSize: 100, batchIntervalMs: 250, batchDeadlineMs: 5_000 };

export interface FanOutReport {
  /** Documents selected for the signal. */
  documents: number;
  signalled: number;
  /** Signals that could not be sent (the engine was not reachable); those documents catch up when they wake. */
  failed: number;
  /** Highest number of signals sent within one second. */
  peakPerSecond: number;
  elapsedMs: number;
}

export interface FanOut {
  documents: number;
  done: Promise<FanOutReport>;
}

const WAITING = ['confirming', 'coding', 'in_review'] as const;

/** The ids of the open documents a change concerns. */
export async function documentsConcerned(db: Db, workspaceId: string, change: ConfigChange): Promise<string[]> {
  if (change.kind === 'substitution') {
    // The open steps that wait on A (named), or on any bookkeeper when A is one (an unnamed coding step).
    const bookkeeper = await db.user.count({ where: { id: change.forUserId, workspaceId, roles: { has: 'bookkeeper' } } });
    const steps = await db.step.findMany({
      where: {
        status: 'open',
        document: { workspaceId, status: { in: ['coding', 'in_review'] } },
        OR: [{ assignees: { has: change.forUserId } }, ...(bookkeeper > 0 ? [{ type: 'coding', assignees: { isEmpty: true } }] : [])],
      },
      select: { documentId: true },
    });
    return [...new Set(steps.map((s) => s.documentId))];
  }
  const status = change.kind === 'settings' ? ['coding', 'in_review'] : change.kind === 'bookkeepers' ? ['extracting', 'confirming', 'coding'] : [...WAITING, 'extracting', 'rejected'];
  const docs = await db.document.findMany({ where: { workspaceId, status: { in: status as never } }, select: { id: true }, orderBy: { seq: 'asc' } });
  return docs.map((d) => d.id);
}

/** Signals the documents in bounded, spaced batches; the returned promise never rejects. */
export function signalInBatches(temporal: Client, ids: string[], opts: FanOutOptions = DEFAULT_FANOUT): Promise<FanOutReport> {
  const started = Date.now();
  const perSecond = new Map<number, number>();
  let signalled = 0;
  let failed = 0;
  const run = async () => {
    for (let i = 0; i < ids.length; i += opts.batchSize) {
      const batchStart = Date.now();
      const batch = ids.slice(i, i + opts.batchSize);
      const results = await temporal.connection
        .withDeadline(batchStart + opts.batchDeadlineMs, () =>
          Promise.allSettled(
            batch.map((id) =>
              temporal.workflow
                .getHandle(documentWorkflowId(id))
                .signal(configChangedSignal)
                .catch((err: unknown) => {
                  // A document that has just finished needs nothing more.
                  if (!(err instanceof WorkflowNotFoundError)) throw err;
                }),
            ),
          ),
        )
        .catch(() => batch.map(() => ({ status: 'rejected' as const })));
      const ok = results.filter((r) => r.status === 'fulfilled').length;
      signalled += ok;
      failed += batch.length - ok;
      const second = Math.floor((Date.now() - started) / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + ok);
      // An unreachable engine fails every batch alike: stop instead of waiting out each deadline.
      if (ok === 0 && batch.length > 0) {
        failed += Math.max(0, ids.length - i - batch.length);
        break;
      }
      const wait = opts.batchIntervalMs - (Date.now() - batchStart);
      if (i + opts.batchSize < ids.length && wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    return { documents: ids.length, signalled, failed, peakPerSecond: Math.max(0, ...perSecond.values()), elapsedMs: Date.now() - started };
  };
  return run();
}
