// Configuration changes (roles, chains, substitutes, settings, codes) are audit events too,
// with no document.
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../generated/prisma/client';
import type { Db } from '../data/db';

export async function auditConfig(db: Db, p: { workspaceId: string; actorId: string; action: string; details: Record<string, unknown> }): Promise<void> {
  await db.auditEvent.create({
    data: {
      idempotencyKey: `cfg:${randomUUID()}`,
      workspaceId: p.workspaceId,
      actorId: p.actorId,
      action: p.action,
      details: p.details as Prisma.InputJsonValue,
    },
  });
}
