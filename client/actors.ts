// Loading the person behind a request, for the checks every administrative call makes.
import type { Actor } from '../domain';
import type { Db } from '../data/db';
import { toActor } from '../data/mappers';

export async function loadActor(db: Db, workspaceId: string, userId: string): Promise<Actor | null> {
  const u = await db.user.findFirst({ where: { id: userId, workspaceId } });
  return u ? toActor(u) : null;
}

export const ADMIN_ONLY = 'Only an administrator can do that.';

/** An administrator who is not also an auditor: auditors change nothing, whatever else they hold. */
export async function isAdmin(db: Db, workspaceId: string, userId: string): Promise<boolean> {
  const roles = (await loadActor(db, workspaceId, userId))?.roles ?? [];
  return roles.includes('admin') && !roles.includes('auditor');
}
