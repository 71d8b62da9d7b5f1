// Loading the person behind a request, for the checks every administrative call makes.
import type { Actor } from '../domain';
import { mayDo, type Permission, type WorkspaceAction } from '../domain/permissions/workspace';
import type { Db } from '../data/db';
import { toActor } from '../data/mappers';

export async function loadActor(db: Db, workspaceId: string, userId: string): Promise<Actor | null> {
  const u = await db.user.findFirst({ where: { id: userId, workspaceId } });
  return u ? toActor(u) : null;
}

/** What domain/permissions/workspace.ts says of the person behind a request (an unknown id holds no roles). */
export async function permission(db: Db, workspaceId: string, userId: string, action: WorkspaceAction): Promise<Permission> {
  return mayDo(await loadActor(db, workspaceId, userId), action);
}
