// What people ask of the engine: what waits for me (also as a substitute), my submissions,
// and one document with its history, each within the asker's visibility (docs/product.md).
import { type DocumentKind, type DocumentStatus } from '../domain';
import { maySeeDocument } from '../domain/permissions/workspace';
import type { Db } from '../data/db';
import { decimalString } from '../data/mappers';
import { loadActor } from './actors';
import { documentReference } from './engine';

export interface DocumentSummary {
  documentId: string;
  reference: string;
  kind: DocumentKind;
  status: DocumentStatus;
  submitterId: string;
  supplierName: string | null;
  invoiceNumber: string | null;
  totalAmount: string | null;
  currency: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface WaitingItem extends DocumentSummary {
  /** What the person is asked to do. */
  task: 'confirm' | 'coding' | 'coordinate' | 'approve' | 'resubmit';
  round: number | null;
  stageIndex: number | null;
  /** Set when the step is offered to them as a substitute. */
  onBehalfOf: string[];
}

type DocRow = Awaited<ReturnType<Db['document']['findFirstOrThrow']>>;

function summary(d: DocRow): DocumentSummary {
  return {
    documentId: d.id,
    reference: documentReference(d),
    kind: d.kind,
    status: d.status,
    submitterId: d.submitterId,
    supplierName: d.supplierName,
    invoiceNumber: d.invoiceNumber,
    totalAmount: decimalString(d.totalAmount),
    currency: d.currency,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

export async function waitingFor(db: Db, workspaceId: string, userId: string): Promise<WaitingItem[]> {
  const actor = await loadActor(db, workspaceId, userId);
  if (!actor) return [];
  const isBookkeeper = actor.roles.includes('bookkeeper');
  const steps = await db.step.findMany({
    where: {
      status: 'open',
      document: { workspaceId },
      OR: [{ assignees: { has: userId } }, { offeredTo: { has: userId } }, ...(isBookkeeper ? [{ type: 'coding', assignees: { isEmpty: true } }] : [])],
    },
    include: { document: true },
    orderBy: { openedAt: 'asc' },
  });
  const decidedRounds = await roundsDecidedBy(db, userId, steps.filter((s) => s.type !== 'coding'));
  const items: WaitingItem[] = [];
  for (const s of steps) {
    if (s.decidedBy.includes(userId)) continue;
    // One person, one decision per round (domain/permissions/decide.ts): a later stage that
    // names them again is not theirs to decide; coding is no decision in that sense.
    if (s.type !== 'coding' && decidedRounds.has(`${s.documentId}:${s.round}`)) continue;
    if (s.document.submitterId === userId && s.type !== 'coding') continue;
    const mine = s.assignees.includes(userId) || (s.type === 'coding' && s.assignees.length === 0);
    const onBehalfOf = mine ? [] : await principalsOffering(db, workspaceId, userId, s.assignees.filter((a) => !s.decidedBy.includes(a)));
    // Offered, but everyone they stand in for has decided meanwhile: nothing left for them.
    if (!mine && onBehalfOf.length === 0) continue;
    items.push({ ...summary(s.document), task: s.type as WaitingItem['task'], round: s.round, stageIndex: s.stageIndex, onBehalfOf });
  }
  // Documents waiting for confirmation or resubmission by this person.
  const owned = await db.document.findMany({
    where: {
      workspaceId,
      status: { in: ['confirming', 'rejected'] },
      OR: [{ kind: 'expense', submitterId: userId }, ...(isBookkeeper ? [{ kind: 'invoice' as const }] : [])],
    },
    orderBy: { updatedAt: 'asc' },
  });
  for (const d of owned) items.push({ ...summary(d), task: d.status === 'confirming' ? 'confirm' : 'resubmit', round: null, stageIndex: null, onBehalfOf: [] });
  return items;
}

/**
 * `documentId:round` for every round in which the person decided a non-coding step, for
 * themself or on behalf of someone they substitute for (the engine's rule: domain
 * `decidedInRound`). A step records its principals only, so a substitute's own vote is found
 * in the audit log: an agreement or approval they gave after the round's first step opened.
 */
async function roundsDecidedBy(db: Db, userId: string, open: { documentId: string; round: number }[]): Promise<Set<string>> {
  if (open.length === 0) return new Set();
  const documentIds = [...new Set(open.map((s) => s.documentId))];
  const [asPrincipal, roundSteps, votes] = await Promise.all([
    db.step.findMany({ where: { documentId: { in: documentIds }, type: { not: 'coding' }, decidedBy: { has: userId } }, select: { documentId: true, round: true } }),
    db.step.findMany({ where: { documentId: { in: documentIds }, round: { in: [...new Set(open.map((s) => s.round))] } }, select: { documentId: true, round: true, openedAt: true } }),
    db.auditEvent.findMany({
      where: { documentId: { in: documentIds }, action: { in: ['agreed', 'approved'] }, OR: [{ actorId: userId }, { onBehalfOfId: userId }] },
      select: { documentId: true, at: true },
    }),
  ]);
  const out = new Set(asPrincipal.map((d) => `${d.documentId}:${d.round}`));
  const roundStart = new Map<string, number>();
  for (const st of roundSteps) {
    const key = `${st.documentId}:${st.round}`;
    roundStart.set(key, Math.min(roundStart.get(key) ?? Infinity, st.openedAt.getTime()));
  }
  for (const { documentId, round } of open) {
    const start = roundStart.get(`${documentId}:${round}`);
    if (start !== undefined && votes.some((v) => v.documentId === documentId && v.at.getTime() >= start)) out.add(`${documentId}:${round}`);
  }
  return out;
}

async function principalsOffering(db: Db, workspaceId: string, substituteId: string, pending: string[]): Promise<string[]> {
  const now = new Date();
  const subs = await db.substitution.findMany({
    where: { workspaceId, substituteId, forUserId: { in: pending }, removedAt: null, startsAt: { lte: now }, endsAt: { gt: now } },
    select: { forUserId: true },
  });
  return [...new Set(subs.map((s) => s.forUserId))];
}

export async function mySubmissions(db: Db, workspaceId: string, userId: string, limit = 20): Promise<DocumentSummary[]> {
  const docs = await db.document.findMany({ where: { workspaceId, submitterId: userId }, orderBy: { createdAt: 'desc' }, take: limit });
  return docs.map(summary);
}

/** Everyone who is or was involved in a document's rounds: they keep seeing it. */
export async function involvedUsers(db: Db, documentId: string): Promise<string[]> {
  const [steps, actors] = await Promise.all([
    db.step.findMany({ where: { documentId }, select: { assignees: true, offeredTo: true, decidedBy: true } }),
    db.auditEvent.findMany({ where: { documentId, actorId: { not: null } }, select: { actorId: true }, distinct: ['actorId'] }),
  ]);
  return [...new Set([...steps.flatMap((s) => [...s.assignees, ...s.offeredTo, ...s.decidedBy]), ...actors.map((a) => a.actorId!)])];
}

export type DocumentDetail = Awaited<ReturnType<typeof loadDetail>>;

async function loadDetail(db: Db, documentId: string) {
  return db.document.findUnique({
    where: { id: documentId },
    include: { codingLines: { orderBy: { position: 'asc' } }, steps: { orderBy: [{ round: 'asc' }, { stageIndex: 'asc' }] } },
  });
}

/**
 * Whether the viewer may see the document (domain/permissions): asked before anything of it is
 * shown — a form, a modal — not only when a change is submitted. Another workspace's or an
 * unknown document reads as "No such document."
 */
export async function mayViewDocument(db: Db, workspaceId: string, viewerId: string, documentId: string): Promise<{ ok: true } | { ok: false; reason: string }> {
  const [viewer, doc] = await Promise.all([loadActor(db, workspaceId, viewerId), db.document.findUnique({ where: { id: documentId }, select: { workspaceId: true, kind: true, status: true, submitterId: true } })]);
  if (!viewer || !doc || doc.workspaceId !== workspaceId) return { ok: false, reason: 'No such document.' };
  return maySeeDocument(viewer, { kind: doc.kind, status: doc.status, submitterId: doc.submitterId, involvedUserIds: await involvedUsers(db, documentId) });
}

/** One document with its history, or a refusal when the viewer may not see it. */
export async function documentDetail(db: Db, workspaceId: string, documentId: string, viewerId: string) {
  const viewer = await loadActor(db, workspaceId, viewerId);
  const doc = await loadDetail(db, documentId);
  if (!viewer || !doc || doc.workspaceId !== workspaceId) return { ok: false as const, reason: 'No such document.' };
  const involved = await involvedUsers(db, documentId);
  const seen = maySeeDocument(viewer, { kind: doc.kind, status: doc.status, submitterId: doc.submitterId, involvedUserIds: involved });
  if (!seen.ok) return { ok: false as const, reason: seen.reason };
  const history = await db.auditEvent.findMany({ where: { documentId }, orderBy: { id: 'asc' } });
  return { ok: true as const, document: doc, reference: documentReference(doc), history };
}

/** Finds a document by its reference (DOC-12, #12 or 12) or id. */
export async function findDocumentId(db: Db, workspaceId: string, ref: string): Promise<string | null> {
  const m = /^(?:DOC-|#)?(\d+)$/i.exec(ref.trim());
  const doc = m
    ? await db.document.findFirst({ where: { workspaceId, number: Number(m[1]) }, select: { id: true } })
    : await db.document.findFirst({ where: { workspaceId, id: ref.trim() }, select: { id: true } });
  return doc?.id ?? null;
}
