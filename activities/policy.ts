// Who is who in a workspace, as the workflow needs it for every authorization: roles,
// substitutions, settings, administrators and bookkeepers.
import { DEFAULT_SETTINGS, type Actor, type EngineSettings, type Substitution } from '../domain';
import type { ActivityDeps } from './deps';
import { toActor, toSubstitution } from '../data/mappers';

export interface Policy {
  settings: EngineSettings;
  substitutions: Substitution[];
  admins: string[];
  bookkeepers: string[];
  /** Holders of the coordinator role who are not approvers: never offered a final approval. Absent in older histories. */
  coordinatorsNotApprovers?: string[];
}

export function policyActivities({ db }: ActivityDeps) {
  return {
    async loadActor(p: { workspaceId: string; userId: string }): Promise<Actor | null> {
      const u = await db.user.findFirst({ where: { id: p.userId, workspaceId: p.workspaceId } });
      return u ? toActor(u) : null;
    },

    /**
     * Who decides, with the substitutions in force now: a decision is authorized against the
     * database at decision time, so a revoked substitute is refused even when the document
     * never heard of the revocation (the configChanged signal is only an optimisation).
     */
    async loadDecider(p: { workspaceId: string; userId: string }): Promise<{ actor: Actor | null; substitutions: Substitution[] }> {
      const [u, subs] = await Promise.all([
        db.user.findFirst({ where: { id: p.userId, workspaceId: p.workspaceId } }),
        db.substitution.findMany({ where: { workspaceId: p.workspaceId, removedAt: null, endsAt: { gt: new Date() } }, orderBy: { startsAt: 'asc' } }),
      ]);
      return { actor: u ? toActor(u) : null, substitutions: subs.map(toSubstitution) };
    },

    async loadPolicy(workspaceId: string): Promise<Policy> {
      const [ws, subs, admins, bookkeepers, coordinators] = await Promise.all([
        db.workspace.findUnique({ where: { id: workspaceId } }),
        // Past periods never matter again; future ones give the workflow its next timer.
        db.substitution.findMany({ where: { workspaceId, removedAt: null, endsAt: { gt: new Date() } }, orderBy: { startsAt: 'asc' } }),
        db.user.findMany({ where: { workspaceId, roles: { has: 'admin' } }, select: { id: true }, orderBy: { id: 'asc' } }),
        db.user.findMany({ where: { workspaceId, roles: { has: 'bookkeeper' } }, select: { id: true }, orderBy: { id: 'asc' } }),
        db.user.findMany({ where: { workspaceId, roles: { has: 'coordinator' }, NOT: { roles: { has: 'approver' } } }, select: { id: true }, orderBy: { id: 'asc' } }),
      ]);
      const settings: EngineSettings = ws
        ? { reminderAfterMs: ws.reminderAfterSeconds * 1000, escalateAfterMs: ws.escalateAfterSeconds * 1000, escalationUserId: ws.escalationUserId }
        : { ...DEFAULT_SETTINGS };
      return { settings, substitutions: subs.map(toSubstitution), admins: admins.map((a) => a.id), bookkeepers: bookkeepers.map((b) => b.id), coordinatorsNotApprovers: coordinators.map((c) => c.id) };
    },
  };
}
