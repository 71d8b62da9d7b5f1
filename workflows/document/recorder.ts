// How a document's effects (audit events, step records, notifications) reach the database.
// Since patch 'one-commit-per-transition' they are buffered and written by ONE `commit` activity
// in one transaction when the process next waits (`until`) or a message answers: one round
// trip per transition. Older histories keep one activity per effect, awaited where it is made.
//
// Each method returns the activity's promise (unbuffered) or nothing (buffered), never a
// promise of its own: the caller's awaits stay exactly those recorded histories replay.
import { condition } from '@temporalio/workflow';
import type { CommitRecord, EventRecord, StepRecord } from '../../activities/records';
import type { NotificationEvent } from '../notifications';
import { acts } from './activities';

export class Recorder {
  private pending: CommitRecord = { events: [], steps: [], notifications: [] };
  private flushing: Promise<void> = Promise.resolve();

  /** `folded`: the history runs under patch 'one-commit-per-transition'. */
  constructor(readonly folded: boolean) {}

  event(e: EventRecord): Promise<void> | undefined {
    if (!this.folded) return acts.recordEvent(e);
    this.pending.events.push(e);
    return undefined;
  }
  step(record: StepRecord): Promise<void> | undefined {
    if (!this.folded) return acts.recordStep(record);
    // Copies: the buffered record must not change with the step before it is written.
    this.pending.steps.push({ ...record, assignees: [...record.assignees], offeredTo: [...record.offeredTo], decidedBy: [...record.decidedBy] });
    return undefined;
  }
  notifications(events: NotificationEvent[]): Promise<void> | undefined {
    if (!this.folded) return acts.notify(events);
    this.pending.notifications.push(...events);
    return undefined;
  }

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
  until(fn: () => boolean, timeoutMs?: number): Promise<void | boolean> {
    const wait = (): Promise<void | boolean> => (timeoutMs === undefined ? condition(fn) : condition(fn, timeoutMs));
    // Unpatched histories: exactly the old commands, with no extra await in between.
    if (!this.folded) return wait();
    return this.flush().then<void | boolean>(wait);
  }
}
