// Field corrections and coding lines: stored with an audit event listing old → new values.
import { changeProblems, firstProblem, routingChangeRefusal, type CodingLine, type DocumentKind } from '../domain';
import type { Prisma } from '../generated/prisma/client';
import type { EditableFields } from '../workflows/contract';
import type { ActivityDeps } from './deps';
import { normaliseFields } from '../domain/fields';
import { newId } from '../data/ids';
import { decimalString, documentFields } from '../data/mappers';
import { recordActivities } from './records';
import { rememberCorrections } from './supplier-memory';

type EditRef = { documentId: string; workspaceId: string; actorId: string; key: string };

export type SaveFieldsResult = { ok: true; totalAmount: string | null } | { ok: false; reason: string };

export function fieldActivities(deps: ActivityDeps) {
  const { db } = deps;
  const { recordEvent } = recordActivities(deps);
  /** An edit by a person (never on someone's behalf) that leaves the status as it is. */
  const recordEdit = (p: EditRef, status: string, action: string, details: Record<string, unknown>) =>
    recordEvent({ key: p.key, workspaceId: p.workspaceId, documentId: p.documentId, actorId: p.actorId, onBehalfOfId: null, action, fromState: status, toState: status, details });
  return {
    async loadDocumentTotals(p: { documentId: string }): Promise<{ totalAmount: string | null }> {
      const d = await db.document.findUniqueOrThrow({ where: { id: p.documentId }, select: { totalAmount: true } });
      return { totalAmount: decimalString(d.totalAmount) };
    },

    /**
     * Stores corrected fields after the rules of domain/fields.ts: each field readable; the
     * fields a change touches consistent with the stored ones (net + VAT = total, due ≥
     * issue); with `complete`, a total and a currency (a document going to its chain); with
     * `routingFixed` (its round started), no change to the fields its chain was chosen by.
     */
    async saveFields(p: { documentId: string; workspaceId: string; actorId: string; key: string; fields: EditableFields; kind: DocumentKind; complete?: boolean; routingFixed?: boolean }): Promise<SaveFieldsResult> {
      const { fields, problems } = normaliseFields(p.fields);
      const first = firstProblem(problems);
      if (first) return { ok: false, reason: first };
      const doc = await db.document.findUniqueOrThrow({ where: { id: p.documentId } });
      const rule = firstProblem(changeProblems({ ...documentFields(doc), ...fields }, fields, { complete: p.complete === true }));
      if (rule) return { ok: false, reason: rule };
      const changes: Record<string, { from: string | null; to: string | null }> = {};
      for (const [k, to] of Object.entries(fields) as [keyof EditableFields, string | null][]) {
        const cur = (doc as Record<string, unknown>)[k];
        // Decimals compare as 2-decimal strings, the form normaliseFields gives.
        const from = cur == null ? null : typeof cur === 'object' && 'toFixed' in cur ? decimalString(cur as never) : String(cur);
        if (from !== to) changes[k] = { from, to };
      }
      const routing = p.routingFixed ? routingChangeRefusal(Object.keys(changes)) : null;
      if (routing) return { ok: false, reason: routing };
      if (Object.keys(changes).length > 0 || doc.kind !== p.kind) {
        await db.document.update({ where: { id: p.documentId }, data: { ...(fields as Prisma.DocumentUpdateInput), kind: p.kind, updatedById: p.actorId } });
        await recordEdit(p, doc.status, 'fields_changed', { changes, ...(doc.kind !== p.kind ? { kind: { from: doc.kind, to: p.kind } } : {}) });
        // A correction of what extraction read is remembered for the supplier's next document.
        if (doc.extraction !== null) await rememberCorrections(db, { workspaceId: p.workspaceId, documentId: p.documentId, actorId: p.actorId, before: doc, changes });
      }
      const after = await db.document.findUniqueOrThrow({ where: { id: p.documentId }, select: { totalAmount: true } });
      return { ok: true, totalAmount: decimalString(after.totalAmount) };
    },

    async saveCoding(p: { documentId: string; workspaceId: string; actorId: string; key: string; lines: CodingLine[] }): Promise<void> {
      const doc = await db.document.findUniqueOrThrow({ where: { id: p.documentId }, include: { codingLines: { orderBy: { position: 'asc' } } } });
      const before = doc.codingLines.map((l) => ({ account: l.account, vatCode: l.vatCode, costCentre: l.costCentre, project: l.project, amount: decimalString(l.amount) }));
      await db.$transaction([
        db.codingLine.deleteMany({ where: { documentId: p.documentId } }),
        db.codingLine.createMany({
          data: p.lines.map((l, i) => ({
            id: newId('cl'),
            documentId: p.documentId,
            position: i,
            account: l.account,
            vatCode: l.vatCode,
            costCentre: l.costCentre ?? null,
            project: l.project ?? null,
            object: l.object ?? null,
            amount: l.amount,
            description: l.description ?? null,
          })),
        }),
      ]);
      await recordEdit(p, doc.status, 'coding_changed', { before, after: p.lines });
    },
  };
}
