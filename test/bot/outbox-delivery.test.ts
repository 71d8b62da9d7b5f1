// The notification outbox's delivery loop against a real PostgreSQL: per-recipient delivery,
// bounded retries with backoff for transient failures, no retry for permanent ones, a "could
// not notify" to the administrators, and each row delivered once even with two loops (two
// workers, or a restarted one) on the same table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryFailure, Notifier } from '../../activities';
import { recordNotifications } from '../../activities/notify';
import { OutboxDelivery } from '../../bot/outbox';
import { seedWorkspace, type Seeded } from '../../scripts/lib/seed';
import type { NotificationEvent } from '../../workflows/notifications';
import { createTestDatabase, type TestDatabase } from '../support/database';

let t: TestDatabase;
let s: Seeded;
let n = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  s = await seedWorkspace(t.db, 'W-outbox');
});
afterAll(async () => t?.drop());

const FAST = { pollMs: 20, baseBackoffMs: 10, maxBackoffMs: 40, leaseMs: 60_000 };

function event(recipientId: string, kind: NotificationEvent['kind'] = 'step_assigned', documentId = `doc_outbox_${++n}`): NotificationEvent {
  return { kind, key: `${documentId}:${kind}:${recipientId}:${n}`, workspaceId: s.workspaceId, documentId, recipientId, status: 'in_review', round: 1 };
}

/** Counts deliveries per key; `fail` decides, per call, whether (and how) one fails. */
class CountingNotifier implements Notifier {
  readonly calls = new Map<string, number>();
  constructor(private readonly fail: (e: NotificationEvent, attempt: number) => { permanent: boolean; reason: string } | null = () => null) {}
  async deliver(e: NotificationEvent): Promise<void> {
    const attempt = (this.calls.get(e.key) ?? 0) + 1;
    this.calls.set(e.key, attempt);
    const f = this.fail(e, attempt);
    if (f) throw Object.assign(new Error(f.reason), { failure: f });
  }
  classify(err: unknown): DeliveryFailure {
    return (err as { failure?: DeliveryFailure }).failure ?? { permanent: false, reason: String(err) };
  }
}

async function until<T>(check: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const row = (key: string) => t.db.notification.findUniqueOrThrow({ where: { idempotencyKey: key } });

async function withLoop<T>(loop: OutboxDelivery, fn: () => Promise<T>): Promise<T> {
  loop.start();
  try {
    return await fn();
  } finally {
    await loop.stop();
  }
}

describe('outbox delivery', () => {
  it('retries a transient failure with backoff, then delivers it once', async () => {
    const e = event(s.id.appr1);
    const notifier = new CountingNotifier((_e, attempt) => (attempt <= 2 ? { permanent: false, reason: 'internal_error' } : null));
    await recordNotifications(t.db, [e]);
    await withLoop(new OutboxDelivery({ db: t.db, notifier, ...FAST }), async () => {
      const r = await until(async () => {
        const x = await row(e.key);
        return x.deliveredAt ? x : null;
      }, 'the row to be delivered');
      expect(r.attempts).toBe(3);
      expect(r.failedAt).toBeNull();
      expect(r.lastError).toBeNull();
    });
    expect(notifier.calls.get(e.key)).toBe(3);
  });

  it('does not retry a permanent failure; the others are still told, and administrators hear who could not be', async () => {
    const gone = event(s.id.appr1);
    const other = { ...event(s.id.appr2), documentId: gone.documentId, key: `${gone.key}:other` };
    const notifier = new CountingNotifier((e) => (e.recipientId === s.id.appr1 ? { permanent: true, reason: 'user_disabled' } : null));
    await recordNotifications(t.db, [gone, other]);
    await withLoop(new OutboxDelivery({ db: t.db, notifier, ...FAST }), async () => {
      const failed = await until(async () => {
        const x = await row(gone.key);
        return x.failedAt ? x : null;
      }, 'the row to fail');
      expect(failed).toMatchObject({ attempts: 1, lastError: 'user_disabled', deliveredAt: null });
      expect((await until(async () => (await row(other.key)).deliveredAt, 'the other recipient'))).toBeInstanceOf(Date);
      const alert = await until(async () => t.db.notification.findFirst({ where: { kind: 'delivery_failed', documentId: gone.documentId, deliveredAt: { not: null } } }), 'the administrators to be told');
      expect(alert.recipientId).toBe(s.id.admin);
      expect(alert.payload).toMatchObject({ kind: 'delivery_failed', failedRecipientId: s.id.appr1, error: 'user_disabled', documentId: gone.documentId });
    });
    expect(notifier.calls.get(gone.key)).toBe(1);
  });

  it('gives a transiently failing row up after maxAttempts and tells the administrators', async () => {
    const e = event(s.id.cfo);
    const notifier = new CountingNotifier((x) => (x.kind === 'delivery_failed' ? null : { permanent: false, reason: 'ECONNRESET' }));
    await recordNotifications(t.db, [e]);
    await withLoop(new OutboxDelivery({ db: t.db, notifier, ...FAST, maxAttempts: 3 }), async () => {
      const r = await until(async () => {
        const x = await row(e.key);
        return x.failedAt ? x : null;
      }, 'the row to be given up');
      expect(r).toMatchObject({ attempts: 3, lastError: 'ECONNRESET' });
      await until(async () => t.db.notification.findFirst({ where: { kind: 'delivery_failed', documentId: e.documentId, deliveredAt: { not: null } } }), 'the alert');
    });
    expect(notifier.calls.get(e.key)).toBe(3);
  });

  it('delivers each row exactly once with two loops on the table, and never again after a restart', async () => {
    const events = Array.from({ length: 120 }, (_, i) => event([s.id.appr1, s.id.appr2, s.id.cfo][i % 3]!));
    await recordNotifications(t.db, events);
    const notifier = new CountingNotifier();
    const a = new OutboxDelivery({ db: t.db, notifier, ...FAST, batchSize: 7 });
    const b = new OutboxDelivery({ db: t.db, notifier, ...FAST, batchSize: 7 });
    await withLoop(a, () =>
      withLoop(b, () => until(async () => (await t.db.notification.count({ where: { idempotencyKey: { in: events.map((e) => e.key) }, deliveredAt: null } })) === 0, 'every row delivered')),
    );
    expect(events.map((e) => notifier.calls.get(e.key))).toEqual(events.map(() => 1));
    // A restarted worker's loop finds nothing of these to deliver.
    const restarted = new OutboxDelivery({ db: t.db, notifier, ...FAST });
    expect(await restarted.deliverDue()).toBe(0);
    expect(events.map((e) => notifier.calls.get(e.key))).toEqual(events.map(() => 1));
  });

  it('takes back a row whose claim lapsed (a loop that died mid-delivery)', async () => {
    const e = event(s.id.appr2);
    await recordNotifications(t.db, [e]);
    // A loop claimed it and died: the lease is in the past.
    await t.db.notification.update({ where: { idempotencyKey: e.key }, data: { claimedUntil: new Date(Date.now() - 1000), attempts: 1 } });
    const notifier = new CountingNotifier();
    expect(await new OutboxDelivery({ db: t.db, notifier, ...FAST }).deliverDue()).toBeGreaterThanOrEqual(1);
    expect((await row(e.key)).deliveredAt).toBeInstanceOf(Date);
    expect(notifier.calls.get(e.key)).toBe(1);
  });
});
