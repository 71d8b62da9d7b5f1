// "B substitutes for A from … to …". Recorded by an administrator, or by A themself. The row
// is the truth (decisions read it); the open documents whose step waits on A are told, so the
// step is offered at once (client/config-fanout.ts).
import type { Db } from '../data/db';
import { newId } from '../data/ids';
import { toSubstitution } from '../data/mappers';
import type { Substitution } from '../domain';
import { ADMIN_ONLY } from '../domain/permissions/workspace';
import { permission } from './actors';
import type { FanOutReport } from './config-fanout';
import type { Engine } from './engine';
import { done, refused, type Outcome } from './result';
import { auditConfig } from './workspace-audit';
import { CONFIG_POLL_MS } from '../workflows/contract';

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
  // The same substitution twice (a retry, a double submit) is one row: concurrent requests for
  // the same person are serialised by a transaction-scoped advisory lock.
  const { row, created } = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`substitution:${p.workspaceId}:${p.forUserId}`}))`;
    const same = await tx.substitution.findFirst({
      where: { workspaceId: p.workspaceId, substituteId: p.substituteId, forUserId: p.forUserId, startsAt: new Date(p.startsAt), endsAt: new Date(p.endsAt), removedAt: null },
    });
    if (same) return { row: same, created: false };
    const made = await tx.substitution.create({
      data: { id: newId('sub'), workspaceId: p.workspaceId, substituteId: p.substituteId, forUserId: p.forUserId, startsAt: new Date(p.startsAt), endsAt: new Date(p.endsAt), createdById: p.actorId },
    });
    await auditConfig(tx as never, { workspaceId: p.workspaceId, actorId: p.actorId, action: 'substitute_added', details: { id: made.id, substituteId: p.substituteId, forUserId: p.forUserId, startsAt: made.startsAt.toISOString(), endsAt: made.endsAt.toISOString() } });
    return { row: made, created: true };
  });
  // Told again on a repeat too: the first attempt may not have reached the documents.
  const told = await engine.configChanged(p.workspaceId, { kind: 'substitution', forUserId: p.forUserId });
  return done(toSubstitution(row), (created ? 'Substitute recorded.' : 'That substitute was already recorded.') + lateNote(told));
}

/**
 * The row is saved whatever happens to the signals; decisions already read it. Documents the
 * engine could not tell now pick it up when their step next wakes.
 */
function lateNote(told: FanOutReport): string {
  if (told.failed === 0) return '';
  return ` It is saved and decisions use it already, but the approval engine is not reachable right now: ${told.failed} open document${told.failed === 1 ? '' : 's'} will show the change when they next wake (within ${Math.round(CONFIG_POLL_MS / 3_600_000)} hours).`;
}

export async function removeSubstitution(db: Db, engine: Pick<Engine, 'configChanged'>, p: { workspaceId: string; actorId: string; id: string }): Promise<Outcome> {
  const row = await db.substitution.findFirst({ where: { id: p.id, workspaceId: p.workspaceId, removedAt: null } });
  if (!row) return refused(`There is no substitution ${p.id}.`);
  if (row.forUserId !== p.actorId) {
    const may = await permission(db, p.workspaceId, p.actorId, 'configure');
    if (!may.ok) return refused(may.reason === ADMIN_ONLY ? 'You can remove only your own substitutes.' : may.reason);
  }
  // Removed at once for every decision (they read the substitutions); the signal only takes the offers back.
  const removed = await db.substitution.updateMany({ where: { id: row.id, removedAt: null }, data: { removedAt: new Date() } });
  if (removed.count > 0) await auditConfig(db, { workspaceId: p.workspaceId, actorId: p.actorId, action: 'substitute_removed', details: { id: row.id } });
  const told = await engine.configChanged(p.workspaceId, { kind: 'substitution', forUserId: row.forUserId });
  return done(undefined, 'Substitution removed.' + lateNote(told));
}

/** Current and future substitutions. */
export async function listSubstitutions(db: Db, workspaceId: string, now = new Date()): Promise<Substitution[]> {
  const rows = await db.substitution.findMany({ where: { workspaceId, removedAt: null, endsAt: { gt: now } }, orderBy: { startsAt: 'asc' } });
  return rows.map(toSubstitution);
}
