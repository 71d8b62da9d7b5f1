// Field corrections and coding lines: stored with an audit event listing old → new values, in
// one transaction per change, once per idempotency key. A retried activity therefore either
// finds its event (and changes nothing) or does the whole change again from what is stored:
// never a changed document with no event, never a "before" taken from a half-done attempt.
import { changeProblems, firstProblem, routingChangeRefusal, type CodingLine, type DocumentKind } from '../domain';
import type { Prisma } from '../generated/prisma/client';
import type { EditableFields } from '../workflows/contract';
import type { ActivityDeps } from './deps';
import { normaliseFields } from '../domain/fields';
import { normalizeInvoiceKey } from '../domain/duplicates';
import { isUniqueViolation } from '../data/db';
import { findDuplicate } from '../data/duplicates';
import { newId } from '../data/ids';
import { decimalString, documentFields } from '../data/mappers';
import { rememberCorrections } from './supplier-memory';
import { codingCodeProblems } from './coding-codes';

type EditRef = { documentId: string; workspaceId: string; actorId: string; key: string };
type Tx = Prisma.TransactionClient;

/** Older histories recorded no result (undefined): the workflow reads that as saved. */
export type SaveCodingResult = { ok: true } | { ok: false; reason: string };

export type SaveFieldsResult = { ok: true; totalAmount: string | null } | { ok: false; reason: string };

/** The fields the duplicate key is made of: a change to any of them looks for duplicates again. */
const KEY_FIELDS = ['supplierName', 'supplierVatNo', 'invoiceNumber'] as const;

/** An edit by a person (never on someone's behalf) that leaves the status as it is. */
async function recordEdit(tx: Tx, p: EditRef, status: string, action: string, details: Record<string, unknown>): Promise<void> {
  await tx.auditEvent.create({
    data: { idempotencyKey: p.key, workspaceId: p.workspaceId, documentId: p.documentId, actorId: p.actorId, onBehalfOfId: null, action, fromState: status, toState: status, details: details as Prisma.InputJsonValue },
  });
}

const alreadyDone = async (tx: Tx, key: string) => (await tx.auditEvent.findUnique({ where: { idempotencyKey: key }, select: { id: true } })) !== null;

export function fieldActivities(deps: ActivityDeps) {
  const { db } = deps;
  /** Runs a change once: a concurrent attempt that won the event's insert means it is done. */
  async function once<T>(fn: (tx: Tx) => Promise<T>, done: () => Promise<T>): Promise<T> {
    try {
      return await db.$transaction(fn);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return done();
    }
  }
  const totals = async (documentId: string) => {
    const d = await db.document.findUniqueOrThrow({ where: { id: documentId }, select: { totalAmount: true } });
    return { ok: true as const, totalAmount: decimalString(d.totalAmount) };
  };
  return {
    async loadDocumentTotals(p: { documentId: string }): Promise<{ totalAmount: string | null }> {
      const { totalAmount } = await totals(p.documentId);
      return { totalAmount };
    },

    /**
     * Stores corrected fields after the rules of domain/fields.ts: each field readable; the
     * fields a change touches consistent with the stored ones (net + VAT = total, due ≥
     * issue); with `complete`, a total and a currency (a document going to its chain); with
     * `routingFixed` (its round started), no change to the fields its chain was chosen by. A
     * change to the supplier or invoice number recomputes the duplicate key and flag.
     */
    async saveFields(p: { documentId: string; workspaceId: string; actorId: string; key: string; fields: EditableFields; kind: DocumentKind; complete?: boolean; routingFixed?: boolean }): Promise<SaveFieldsResult> {
      const { fields, problems } = normaliseFields(p.fields);
      const first = firstProblem(problems);
      if (first) return { ok: false, reason: first };
      return once<SaveFieldsResult>(async (tx) => {
        const doc = await tx.document.findUniqueOrThrow({ where: { id: p.documentId } });
        if (await alreadyDone(tx, p.key)) return { ok: true, totalAmount: decimalString(doc.totalAmount) };
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
        if (Object.keys(changes).length === 0 && doc.kind === p.kind) return { ok: true, totalAmount: decimalString(doc.totalAmount) };
        const data: Prisma.DocumentUpdateInput = { ...(fields as Prisma.DocumentUpdateInput), kind: p.kind, updatedById: p.actorId };
        const details: Record<string, unknown> = { changes, ...(doc.kind !== p.kind ? { kind: { from: doc.kind, to: p.kind } } : {}) };
        if (KEY_FIELDS.some((k) => k in changes)) {
          const merged = { ...documentFields(doc), ...fields };
          const invoiceKey = normalizeInvoiceKey(merged.supplierName, merged.supplierVatNo, merged.invoiceNumber);
          const duplicateOf = await findDuplicate(tx, doc, invoiceKey, { earlierOnly: false });
          Object.assign(data, { invoiceKey, duplicateOf });
          if (duplicateOf !== doc.duplicateOf) details.duplicateOf = { from: doc.duplicateOf, to: duplicateOf };
        }
        const after = await tx.document.update({ where: { id: p.documentId }, data, select: { totalAmount: true } });
        await recordEdit(tx, p, doc.status, 'fields_changed', details);
        // A correction of what extraction read is remembered for the supplier's next document.
        if (doc.extraction !== null) await rememberCorrections(tx, { workspaceId: p.workspaceId, documentId: p.documentId, actorId: p.actorId, before: doc, changes });
        return { ok: true, totalAmount: decimalString(after.totalAmount) };
      }, () => totals(p.documentId));
    },

    /** Refuses codes that are not on the workspace's lists (or retired) before storing. */
    async saveCoding(p: { documentId: string; workspaceId: string; actorId: string; key: string; lines: CodingLine[] }): Promise<SaveCodingResult> {
      const codes = await codingCodeProblems(db, p);
      if (codes.length > 0) return { ok: false, reason: codes.join(' ') };
      return once<SaveCodingResult>(async (tx) => {
        if (await alreadyDone(tx, p.key)) return { ok: true };
        const doc = await tx.document.findUniqueOrThrow({ where: { id: p.documentId }, include: { codingLines: { orderBy: { position: 'asc' } } } });
        const before = doc.codingLines.map((l) => ({ account: l.account, vatCode: l.vatCode, costCentre: l.costCentre, project: l.project, amount: decimalString(l.amount) }));
        await tx.codingLine.deleteMany({ where: { documentId: p.documentId } });
        await tx.codingLine.createMany({
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
        });
        await tx.document.update({ where: { id: p.documentId }, data: { updatedById: p.actorId } });
        await recordEdit(tx, p, doc.status, 'coding_changed', { before, after: p.lines });
        return { ok: true };
      }, async () => ({ ok: true }));
    },
  };
}
