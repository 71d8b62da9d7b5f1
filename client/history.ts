// A document's history for people: who created it and when, who changed it last and when, and
// every event of the audit log as one sentence ("Ann approved on behalf of Bob", "Total changed
// from 100.00 to 120.00"). The same sentences go into the audit export.
import type { Db } from '../data/db';
import { describeEvent, fieldChanges, mentionedUserIds, shown, type NameOf } from './history-sentences';
import { documentDetail } from './queries';
import { done, refused, type Outcome } from './result';

export { describeEvent, fieldChanges, mentionedUserIds, type AuditEventLike, type NameOf } from './history-sentences';


export interface HistoryEntry {
  /** The audit event id (a field correction gives one entry per field, all with the event's id). */
  eventId: string;
  at: Date;
  actorId: string | null;
  /** null for what Countersign did by itself (reminders, the final transition…). */
  actorName: string | null;
  onBehalfOfId: string | null;
  onBehalfOfName: string | null;
  action: string;
  fromState: string | null;
  toState: string | null;
  /** One human sentence. */
  text: string;
  /** Field corrections: which field, old and new value. */
  field?: string;
  from?: string | null;
  to?: string | null;
}

export interface PersonRef {
  id: string;
  name: string;
}

export interface DocumentHistory {
  documentId: string;
  reference: string;
  kind: string;
  status: string;
  createdBy: PersonRef;
  createdAt: Date;
  /** The last person who acted on the document (system events do not count), and when. */
  lastChangedBy: PersonRef;
  lastChangedAt: Date;
  entries: HistoryEntry[];
}

export async function userNames(db: Db, workspaceId: string, userIds: Iterable<string>): Promise<Map<string, string>> {
  const wanted = [...new Set(userIds)];
  if (wanted.length === 0) return new Map();
  const users = await db.user.findMany({ where: { workspaceId, id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

export function nameLookup(names: Map<string, string>): NameOf {
  return (id) => (id ? (names.get(id) ?? id) : 'nobody');
}

/** Who acted in an event, and for whom, by id and by name. */
export function eventPeople(e: { actorId: string | null; onBehalfOfId: string | null }, nameOf: NameOf) {
  return {
    actorId: e.actorId,
    actorName: e.actorId ? nameOf(e.actorId) : null,
    onBehalfOfId: e.onBehalfOfId,
    onBehalfOfName: e.onBehalfOfId ? nameOf(e.onBehalfOfId) : null,
  };
}

/** Everyone of the workspace, read once: names for actors and for the people events mention. */
export async function workspaceNames(db: Db, workspaceId: string): Promise<NameOf> {
  const users = await db.user.findMany({ where: { workspaceId }, select: { id: true, name: true } });
  return nameLookup(new Map(users.map((u) => [u.id, u.name])));
}

/**
 * The history of one document as the viewer may see it (same visibility as the document
 * itself: an auditor or administrator sees every document), or a refusal.
 */
export async function documentHistory(db: Db, workspaceId: string, documentId: string, viewerId: string): Promise<Outcome<DocumentHistory>> {
  const detail = await documentDetail(db, workspaceId, documentId, viewerId);
  if (!detail.ok) return refused(detail.reason);
  const doc = detail.document;
  const events = detail.history;
  const names = nameLookup(await userNames(db, workspaceId, [doc.createdById, ...events.flatMap(mentionedUserIds)]));
  const entries: HistoryEntry[] = [];
  for (const e of events) {
    const base = {
      eventId: e.id.toString(),
      at: e.at,
      ...eventPeople(e, names),
      action: e.action,
      fromState: e.fromState,
      toState: e.toState,
    };
    if (e.action === 'fields_changed' && fieldChanges(e.details).length > 0) {
      for (const c of fieldChanges(e.details)) {
        entries.push({ ...base, text: `${c.label} changed from ${shown(c.from)} to ${shown(c.to)}`, field: c.field, from: c.from, to: c.to });
      }
    } else {
      entries.push({ ...base, text: describeEvent(e, names).join('; ') });
    }
  }
  const lastHuman = [...events].reverse().find((e) => e.actorId !== null);
  return done(
    {
      documentId: doc.id,
      reference: detail.reference,
      kind: doc.kind,
      status: doc.status,
      createdBy: { id: doc.createdById, name: names(doc.createdById) },
      createdAt: doc.createdAt,
      lastChangedBy: lastHuman ? { id: lastHuman.actorId!, name: names(lastHuman.actorId) } : { id: doc.createdById, name: names(doc.createdById) },
      lastChangedAt: lastHuman ? lastHuman.at : doc.createdAt,
      entries,
    },
    `History of ${detail.reference}: ${entries.length} entries.`,
  );
}
