// Granting and removing roles (and the coding right). There is always at least one
// administrator: removing the last one is refused.
import type { Role } from '../domain';
import type { Db } from '../data/db';
import { permission } from './actors';
import type { Engine } from './engine';
import { done, refused, type Outcome } from './result';
import { auditConfig } from './workspace-audit';

export type Grant = Role | 'coding-right';

/**
 * Open documents that wait on bookkeepers (confirming, coding) are told of a change of
 * bookkeepers, in the background: new ones are asked, removed ones lose the step. Other
 * roles need no signal: every action re-reads the actor's roles.
 */
async function tellDocuments(engine: Pick<Engine, 'startConfigFanOut'> | undefined, workspaceId: string, role: Grant): Promise<void> {
  if (!engine || role !== 'bookkeeper') return;
  await engine.startConfigFanOut(workspaceId, { kind: 'bookkeepers' }).catch(() => undefined);
}

export async function addRole(db: Db, p: { workspaceId: string; actorId: string; userId: string; role: Grant }, engine?: Pick<Engine, 'startConfigFanOut'>): Promise<Outcome> {
  const may = await permission(db, p.workspaceId, p.actorId, 'configure');
  if (!may.ok) return refused(may.reason);
  const u = await db.user.findFirst({ where: { id: p.userId, workspaceId: p.workspaceId } });
  if (!u) return refused('That person is not known to Countersign yet.');
  if (p.role === 'coding-right') {
    if (u.codingRight) return done(undefined, `${u.name} already has the coding right.`);
    await db.user.update({ where: { id: u.id }, data: { codingRight: true } });
  } else {
    if (u.roles.includes(p.role)) return done(undefined, `${u.name} is already ${p.role}.`);
    await db.user.update({ where: { id: u.id }, data: { roles: { push: p.role } } });
  }
  await auditConfig(db, { workspaceId: p.workspaceId, actorId: p.actorId, action: 'role_added', details: { userId: u.id, role: p.role } });
  await tellDocuments(engine, p.workspaceId, p.role);
  return done(undefined, `${u.name} is now ${p.role}.`);
}

export async function removeRole(db: Db, p: { workspaceId: string; actorId: string; userId: string; role: Grant }, engine?: Pick<Engine, 'startConfigFanOut'>): Promise<Outcome> {
  const may = await permission(db, p.workspaceId, p.actorId, 'configure');
  if (!may.ok) return refused(may.reason);
  const outcome = await db.$transaction(async (tx): Promise<Outcome> => {
    const u = await tx.user.findFirst({ where: { id: p.userId, workspaceId: p.workspaceId } });
    if (!u) return refused('That person is not known to Countersign yet.');
    if (p.role === 'coding-right') {
      await tx.user.update({ where: { id: u.id }, data: { codingRight: false } });
    } else {
      if (!u.roles.includes(p.role)) return refused(`${u.name} does not have the ${p.role} role.`);
      if (p.role === 'admin') {
        // Lock the admins so two concurrent removals cannot both pass the "not the last" check.
        const admins = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE "workspaceId" = ${p.workspaceId} AND 'admin' = ANY(roles) FOR UPDATE`;
        if (admins.length <= 1) return refused('There must always be at least one administrator: add another one first.');
      }
      await tx.user.update({ where: { id: u.id }, data: { roles: u.roles.filter((r) => r !== p.role) } });
    }
    await auditConfig(tx as never, { workspaceId: p.workspaceId, actorId: p.actorId, action: 'role_removed', details: { userId: u.id, role: p.role } });
    return done(undefined, `${u.name} is no longer ${p.role}.`);
  });
  if (outcome.ok) await tellDocuments(engine, p.workspaceId, p.role);
  return outcome;
}

export async function listRoles(db: Db, p: { workspaceId: string; userId?: string }) {
  return db.user.findMany({
    where: { workspaceId: p.workspaceId, ...(p.userId ? { id: p.userId } : {}) },
    select: { id: true, slackId: true, name: true, roles: true, codingRight: true },
    orderBy: { name: 'asc' },
  });
}
