// "B substitutes for A from … to …". Recorded by an administrator, or by A themself; every
// running document of the workspace is told, so pending steps are offered at once.
import type { Db } from '../data/db';
import { newId } from '../data/ids';
import { toSubstitution } from '../data/mappers';
import type { Substitution } from '../domain';
import { ADMIN_ONLY } from '../domain/permissions/workspace';
import { permission } from './actors';
import type { Engine } from './engine';
import { done, refused, type Outcome } from './result';
import { auditConfig } from './workspace-audit';

export async function addSubstitution(
  db: Db,
  engine: Pick<Engine, 'configChanged'>,
  p: { workspaceId: string; actorId: string; substituteId: string; forUserId: string; startsAt: number; endsAt: number },
): Promise<Outcome<Substitution>> {
  if (p.actorId !== p.forUserId) {
    const may = await permission(db, p.workspaceId, p.actorId, 'configure');
    if (!may.ok) return refused(may.reason === ADMIN_ONLY ? 'You can record a substitute for yourself only; an administrator can do it for anyone.' : may.reason);
  }
  if (p.substituteId === p.forUserId) return refused('Nobody can substitute for themself.');
  if (!(p.endsAt > p.startsAt)) return refused('The period must end after it starts.');
  const users = await db.user.count({ where: { workspaceId: p.workspaceId, id: { in: [p.substituteId, p.forUserId] } } });
  if (users !== 2) return refused('Both people must be known to Countersign.');
  const substitute = await db.user.findUniqueOrThrow({ where: { id: p.substituteId }, select: { roles: true } });
  if (substitute.roles.includes('auditor')) return refused('An auditor cannot be a substitute: auditors have read-only access.');
  const row = await db.substitution.create({
    data: { id: newId('sub'), workspaceId: p.workspaceId, substituteId: p.substituteId, forUserId: p.forUserId, startsAt: new Date(p.startsAt), endsAt: new Date(p.endsAt), createdById: p.actorId },
  });
  await auditConfig(db, { workspaceId: p.workspaceId, actorId: p.actorId, action: 'substitute_added', details: { id: row.id, substituteId: p.substituteId, forUserId: p.forUserId, startsAt: row.startsAt.toISOString(), endsAt: row.endsAt.toISOString() } });
  await engine.configChanged(p.workspaceId);
  return done(toSubstitution(row), 'Substitute recorded.');
}

export async function removeSubstitution(db: Db, engine: Pick<Engine, 'configChanged'>, p: { workspaceId: string; actorId: string; id: string }): Promise<Outcome> {
  const row = await db.substitution.findFirst({ where: { id: p.id, workspaceId: p.workspaceId, removedAt: null } });
  if (!row) return refused(`There is no substitution ${p.id}.`);
  if (row.forUserId !== p.actorId) {
    const may = await permission(db, p.workspaceId, p.actorId, 'configure');
    if (!may.ok) return refused(may.reason === ADMIN_ONLY ? 'You can remove only your own substitutes.' : may.reason);
  }
  await db.substitution.update({ where: { id: row.id }, data: { removedAt: new Date() } });
  await auditConfig(db, { workspaceId: p.workspaceId, actorId: p.actorId, action: 'substitute_removed', details: { id: row.id } });
  await engine.configChanged(p.workspaceId);
  return done(undefined, 'Substitution removed.');
}

/** Current and future substitutions. */
export async function listSubstitutions(db: Db, workspaceId: string, now = new Date()): Promise<Substitution[]> {
  const rows = await db.substitution.findMany({ where: { workspaceId, removedAt: null, endsAt: { gt: now } }, orderBy: { startsAt: 'asc' } });
  return rows.map(toSubstitution);
}
