// The notifications seam: every event is recorded in the outbox (one row per recipient and
// event, once per key) and the process's delivery loop is told; delivery to Slack happens
// there, per recipient and off the workflow's path (bot/outbox.ts). This activity never
// waits on Slack.
import type { Prisma } from '../generated/prisma/client';
import type { NotificationEvent } from '../workflows/notifications';
import type { ActivityDeps } from './deps';
import { newId } from '../data/ids';

type Writer = Pick<ActivityDeps['db'], 'notification'>;

/** Outbox rows for these events; a repeated key (an activity retry) is skipped. */
export async function recordNotifications(db: Writer, events: NotificationEvent[]): Promise<void> {
  if (events.length === 0) return;
  const now = new Date();
  await db.notification.createMany({
    data: events.map((e) => ({
      id: newId('ntf'),
      workspaceId: e.workspaceId,
      documentId: e.documentId,
      recipientId: e.recipientId,
      kind: e.kind,
      payload: e as unknown as Prisma.InputJsonValue,
      idempotencyKey: e.key,
      nextAttemptAt: now,
    })),
    skipDuplicates: true,
  });
}

export function notifyActivities({ db, outbox }: ActivityDeps) {
  return {
    async notify(events: NotificationEvent[]): Promise<void> {
      if (events.length === 0) return;
      await recordNotifications(db, events);
      outbox?.kick();
    },
  };
}
