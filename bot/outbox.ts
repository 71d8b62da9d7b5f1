// Delivers the notification outbox: the workflow only records rows (one per recipient and
// event, in the transaction of its transition); this loop hands them to the notifier one
// recipient at a time, off the workflow's path, so a slow or failing Slack call never holds
// a transition or a click.
//
// - A row is claimed with a lease (claimedUntil) under FOR UPDATE SKIP LOCKED: two loops (two
//   workers, or a restarted one) never hold the same row; a loop that dies mid-delivery lets
//   its rows go again when the lease ends. Delivered rows (deliveredAt) are never taken again.
// - Rows for one person about one document go in the order they were written; everything else
//   goes in parallel (one unreachable or slow recipient holds only their own rows).
// - Transient failures are retried with exponential backoff, up to maxAttempts; a permanent
//   one (user_disabled, channel_not_found, …) fails the row at once. A failed row tells the
//   workspace's administrators "could not notify X about DOC-n: reason" (kind delivery_failed).
import type { DeliveryFailure, Notifier, OutboxSignal } from '../activities/deps';
import type { Db } from '../data/db';
import { newId } from '../data/ids';
import type { Prisma } from '../generated/prisma/client';
import type { NotificationEvent } from '../workflows/notifications';
import type { BotLog } from './context';
import { classifySlackFailure } from './delivery-errors';

export interface OutboxOptions {
  db: Db;
  notifier: Notifier;
  log?: BotLog;
  /** How often to look for rows nobody kicked about (other processes, backoff ends, restarts). */
  pollMs?: number;
  /** Rows claimed per round. */
  batchSize?: number;
  /** Documents delivered in parallel. */
  concurrency?: number;
  /** Attempts before a transiently failing row is given up. */
  maxAttempts?: number;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long a claim holds a row. */
  leaseMs?: number;
  /** One delivery longer than this counts as a transient failure. */
  attemptTimeoutMs?: number;
}

interface Claimed {
  id: string;
  workspaceId: string;
  documentId: string | null;
  recipientId: string;
  kind: string;
  payload: unknown;
  attempts: number;
  seq: bigint;
  claimedUntil: Date;
}

const silent: BotLog = { debug() {}, info() {}, warn() {}, error() {} };

export class OutboxDelivery implements OutboxSignal {
  private readonly o: Required<Omit<OutboxOptions, 'log'>> & { log: BotLog };
  private stopped = true;
  private kicked = false;
  private wake: (() => void) | null = null;
  private running: Promise<void> | null = null;
  /** The last delivery queued per recipient and document: the next one for them goes after it. */
  private readonly tails = new Map<string, Promise<void>>();
  /** Rows claimed and not finished (delivered, rescheduled or failed). */
  private queued = 0;
  /** Deliveries running now (Slack calls in flight), at most `concurrency`. */
  private active = 0;
  private readonly slotWaiters: (() => void)[] = [];

  constructor(opts: OutboxOptions) {
    this.o = {
      pollMs: 1000,
      batchSize: 100,
      concurrency: 8,
      maxAttempts: 6,
      baseBackoffMs: 1000,
      maxBackoffMs: 60_000,
      leaseMs: 60_000,
      attemptTimeoutMs: 30_000,
      log: silent,
      ...opts,
    } as OutboxDelivery['o'];
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.running = this.loop();
  }

  /** Claims nothing more and waits for the deliveries under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
    this.running = null;
    await Promise.all([...this.tails.values()]);
  }

  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.kicked = false;
      let claimed = 0;
      try {
        claimed = (await this.dispatchDue()).claimed;
      } catch (err) {
        // The database is away: try again at the next poll.
        this.o.log.warn({ err: String(err) }, 'outbox: could not read pending notifications');
      }
      if (this.stopped) break;
      // More may be due behind a full claim; a kick during the round means new rows.
      if ((claimed > 0 && this.queued < this.o.batchSize) || this.kicked) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.o.pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  /** One round, waited for to the end (tests, scripts): the number of rows claimed. */
  async deliverDue(): Promise<number> {
    const { claimed, done } = await this.dispatchDue();
    await done;
    return claimed;
  }

  /**
   * Claims what is due (as much as there is room for) and queues each row behind the earlier
   * ones for the same person and document; does not wait for Slack, so one slow or hanging
   * call never holds the rows for anyone else.
   */
  private async dispatchDue(): Promise<{ claimed: number; done: Promise<unknown> }> {
    const room = this.o.batchSize - this.queued;
    if (room <= 0) return { claimed: 0, done: Promise.resolve() };
    const rows = await this.claim(room);
    const tasks = rows.map((row) => {
      const key = `${row.documentId ?? row.id}|${row.recipientId}`;
      this.queued += 1;
      const task = (this.tails.get(key) ?? Promise.resolve())
        .then(() => this.withSlot(() => this.deliverOne(row)))
        .catch((err: unknown) => this.o.log.warn({ err: String(err), notification: row.id }, 'outbox: could not record a delivery'))
        .finally(() => {
          this.queued -= 1;
          if (this.tails.get(key) === task) this.tails.delete(key);
          // The claim was full: there is room again, look for more.
          if (this.queued === this.o.batchSize - 1) this.kick();
        });
      this.tails.set(key, task);
      return task;
    });
    return { claimed: rows.length, done: Promise.all(tasks) };
  }

  private async withSlot<T>(fn: () => Promise<T>): Promise<T> {
    while (this.active >= this.o.concurrency) await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
    this.active += 1;
    try {
      return await fn();
    } finally {
      this.active -= 1;
      this.slotWaiters.shift()?.();
    }
  }

  private async claim(limit: number): Promise<Claimed[]> {
    const now = new Date();
    const until = new Date(now.getTime() + this.o.leaseMs);
    return this.o.db.$queryRaw<Claimed[]>`
      UPDATE "Notification" AS n SET "claimedUntil" = ${until}, "attempts" = n."attempts" + 1
      FROM (
        SELECT id FROM "Notification"
        WHERE "deliveredAt" IS NULL AND "failedAt" IS NULL AND "nextAttemptAt" <= ${now}
          AND ("claimedUntil" IS NULL OR "claimedUntil" < ${now})
        ORDER BY seq LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ) AS due
      WHERE n.id = due.id
      RETURNING n.id, n."workspaceId", n."documentId", n."recipientId", n.kind, n.payload, n.attempts, n.seq, n."claimedUntil"
    `.then((rows) => rows.map((r) => ({ ...r, claimedUntil: until })).sort((a, b) => (a.seq < b.seq ? -1 : a.seq > b.seq ? 1 : 0)));
  }

  private async deliverOne(row: Claimed): Promise<void> {
    const { db, notifier } = this.o;
    // Waited too long behind a slow call: the claim has lapsed and the row may be another
    // loop's now; it is taken again in a later round.
    if (Date.now() > row.claimedUntil.getTime()) return;
    try {
      await withTimeout(notifier.deliver(row.payload as NotificationEvent), this.o.attemptTimeoutMs);
      await db.notification.update({ where: { id: row.id }, data: { deliveredAt: new Date(), claimedUntil: null, lastError: null } });
      return;
    } catch (err) {
      // Wrappers around the Slack notifier (tests, benches) may not pass classify on.
      const failure: DeliveryFailure = notifier.classify ? notifier.classify(err) : classifySlackFailure(err);
      const reason = failure.reason.slice(0, 500);
      if (failure.permanent || row.attempts >= this.o.maxAttempts) {
        await db.notification.update({ where: { id: row.id }, data: { failedAt: new Date(), claimedUntil: null, lastError: reason } });
        this.o.log.warn({ notification: row.id, kind: row.kind, recipient: row.recipientId, reason, attempts: row.attempts }, 'notification given up');
        if (row.kind !== 'delivery_failed') await this.tellAdmins(row, reason);
        return;
      }
      const backoff = Math.max(failure.retryAfterMs ?? 0, Math.min(this.o.maxBackoffMs, this.o.baseBackoffMs * 2 ** (row.attempts - 1)));
      await db.notification.update({ where: { id: row.id }, data: { nextAttemptAt: new Date(Date.now() + backoff), claimedUntil: null, lastError: reason } });
      this.o.log.info({ notification: row.id, kind: row.kind, reason, attempts: row.attempts, retryInMs: backoff }, 'notification will be retried');
    }
  }

  /** One "could not notify" per person, document and administrator, however many rows failed. */
  private async tellAdmins(row: Claimed, reason: string): Promise<void> {
    const event = row.payload as NotificationEvent;
    const admins = await this.o.db.user.findMany({ where: { workspaceId: row.workspaceId, roles: { has: 'admin' }, id: { not: row.recipientId } }, select: { id: true } });
    if (admins.length === 0) {
      this.o.log.error({ recipient: row.recipientId, document: row.documentId, reason }, 'could not notify a person and there is no other administrator to tell');
      return;
    }
    const now = new Date();
    await this.o.db.notification.createMany({
      data: admins.map((a) => {
        const alert: NotificationEvent = {
          kind: 'delivery_failed',
          key: `delivery_failed:${row.documentId ?? '-'}:${row.recipientId}:${a.id}`,
          workspaceId: row.workspaceId,
          documentId: row.documentId ?? event.documentId,
          recipientId: a.id,
          status: event.status,
          round: event.round,
          failedRecipientId: row.recipientId,
          error: reason,
          message: row.kind,
        };
        return { id: newId('ntf'), workspaceId: alert.workspaceId, documentId: row.documentId, recipientId: a.id, kind: alert.kind, payload: alert as unknown as Prisma.InputJsonValue, idempotencyKey: alert.key, nextAttemptAt: now };
      }),
      skipDuplicates: true,
    });
    this.kick();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`delivery took longer than ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
