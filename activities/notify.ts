// The notifications seam: every event is recorded (an outbox with one row per recipient and
// event), then handed to the notifier; a delivery failure makes Temporal retry only the rows
// not yet delivered.
import type { Prisma } from '../generated/prisma/client';
import type { NotificationEvent } from '../workflows/notifications';
import type { ActivityDeps } from './deps';
import { newId } from '../data/ids';

export function notifyActivities({ db, notifier }: ActivityDeps) {
  return {
    async notify(events: NotificationEvent[]): Promise<void> {
      if (events.length === 0) return;
      await db.notification.createMany({
        data: events.map((e) => ({
          id: newId('ntf'),
          workspaceId: e.workspaceId,
          documentId: e.documentId,
          recipientId: e.recipientId,
          kind: e.kind,
          payload: e as unknown as Prisma.InputJsonValue,
          idempotencyKey: e.key,
        })),
        skipDuplicates: true,
      });
      if (!notifier) return;
      const pending = await db.notification.findMany({ where: { idempotencyKey: { in: events.map((e) => e.key) }, deliveredAt: null } });
      for (const row of pending) {
        await notifier.deliver(row.payload as unknown as NotificationEvent);
        await db.notification.update({ where: { id: row.id }, data: { deliveredAt: new Date() } });
      }
    },
  };
}
