// Who may take data out of Countersign. Exports are reads: administrators and auditors get the
// audit log and the document list; payment managers also get payment files and reports.
import type { Actor, Role } from '../domain';
import type { Db } from '../data/db';
import { loadActor } from '../client/actors';

export const EXPORT_ROLES: readonly Role[] = ['admin', 'auditor'];
export const PAYMENT_EXPORT_ROLES: readonly Role[] = ['admin', 'auditor', 'payment_manager'];

export const EXPORT_REFUSED = 'Only an administrator or an auditor can export data.';
export const PAYMENT_EXPORT_REFUSED = 'Only a payment manager, an administrator or an auditor can export payments.';

export async function actorWithAnyRole(db: Db, workspaceId: string, actorId: string, roles: readonly Role[]): Promise<Actor | null> {
  const actor = await loadActor(db, workspaceId, actorId);
  return actor && actor.roles.some((r) => roles.includes(r)) ? actor : null;
}
