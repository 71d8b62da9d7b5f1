// Reminder and escalation delays and the escalation user, per workspace.
import { validateSettings, type EngineSettings } from '../domain';
import type { Db } from '../data/db';
import { permission } from './actors';
import type { Engine } from './engine';
import { done, refused, type Outcome } from './result';
import { auditConfig } from './workspace-audit';

export async function getSettings(db: Db, workspaceId: string): Promise<EngineSettings> {
  const w = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
  return { reminderAfterMs: w.reminderAfterSeconds * 1000, escalateAfterMs: w.escalateAfterSeconds * 1000, escalationUserId: w.escalationUserId };
}

/** The settings for a person: administrators and auditors (they name who escalations go to). */
export async function readSettings(db: Db, p: { workspaceId: string; viewerId: string }): Promise<Outcome<EngineSettings>> {
  const may = await permission(db, p.workspaceId, p.viewerId, 'read configuration');
  if (!may.ok) return refused(may.reason);
  return done(await getSettings(db, p.workspaceId), 'Settings.');
}

export async function updateSettings(
  db: Db,
  engine: Pick<Engine, 'startConfigFanOut'>,
  p: { workspaceId: string; actorId: string; changes: Partial<EngineSettings> },
): Promise<Outcome<EngineSettings>> {
  const may = await permission(db, p.workspaceId, p.actorId, 'configure');
  if (!may.ok) return refused(may.reason);
  const next = { ...(await getSettings(db, p.workspaceId)), ...p.changes };
  const problems = validateSettings(next);
  if (problems.length > 0) return refused(problems.join(' '));
  await db.workspace.update({
    where: { id: p.workspaceId },
    data: { reminderAfterSeconds: Math.round(next.reminderAfterMs / 1000), escalateAfterSeconds: Math.round(next.escalateAfterMs / 1000), escalationUserId: next.escalationUserId },
  });
  await auditConfig(db, { workspaceId: p.workspaceId, actorId: p.actorId, action: 'settings_changed', details: { ...next } });
  // Waiting steps are told in bounded batches in the background; one whose signal is lost
  // reads the settings when it next wakes.
  const fan = await engine.startConfigFanOut(p.workspaceId, { kind: 'settings' }).catch(() => null);
  return done(next, fan && fan.documents > 0 ? `Settings saved; ${fan.documents} waiting document${fan.documents === 1 ? '' : 's'} take them up now.` : 'Settings saved.');
}
