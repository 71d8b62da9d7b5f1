// Workspaces and people. Users are created on first contact with the employee role; their
// internal id is derived from the workspace and Slack id, so creating twice is harmless.
import { createHash } from 'node:crypto';
import type { Role } from '../domain';
import type { Db } from '../data/db';
import type { User } from '../generated/prisma/client';

export function userIdFor(workspaceId: string, slackId: string): string {
  return `usr_${createHash('sha256').update(`${workspaceId}\0${slackId}`).digest('hex').slice(0, 20)}`;
}

export async function ensureWorkspace(db: Db, p: { id: string; name?: string; timeZone?: string }): Promise<void> {
  await db.workspace.upsert({ where: { id: p.id }, create: { id: p.id, name: p.name ?? p.id, timeZone: p.timeZone ?? 'UTC' }, update: {} });
}

export async function ensureUser(
  db: Db,
  p: { workspaceId: string; slackId: string; name?: string; timeZone?: string | null; tzOffsetMinutes?: number; roles?: Role[] },
): Promise<User> {
  const id = userIdFor(p.workspaceId, p.slackId);
  return db.user.upsert({
    where: { id },
    create: {
      id,
      workspaceId: p.workspaceId,
      slackId: p.slackId,
      name: p.name ?? p.slackId,
      timeZone: p.timeZone ?? null,
      tzOffsetMinutes: p.tzOffsetMinutes ?? 0,
      roles: [...new Set<Role>(['employee', ...(p.roles ?? [])])],
    },
    update: {
      ...(p.name ? { name: p.name } : {}),
      ...(p.timeZone !== undefined ? { timeZone: p.timeZone } : {}),
      ...(p.tzOffsetMinutes !== undefined ? { tzOffsetMinutes: p.tzOffsetMinutes } : {}),
    },
  });
}

/** The first administrators (COUNTERSIGN_ADMINS, or the installing user): added, never removed here. */
export async function bootstrapAdmins(db: Db, workspaceId: string, slackIds: string[]): Promise<void> {
  for (const slackId of slackIds) {
    const u = await ensureUser(db, { workspaceId, slackId });
    if (!u.roles.includes('admin')) await db.user.update({ where: { id: u.id }, data: { roles: { push: 'admin' } } });
  }
}
