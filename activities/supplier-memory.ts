// Learning from corrections (domain/supplierMemory.ts) against the database: a person's
// correction of a supplier field is stored per supplier key; the extraction activity offers it
// on that supplier's next document.
import { lessons, recall, REMEMBERED_FIELDS, supplierKeys, type LearnedField, type RememberedField, type SupplierIdentity } from '../domain/supplierMemory';
import type { Db } from '../data/db';

/** What remembering needs: the database or a transaction the correction is written in. */
type CorrectionsStore = Pick<Db, 'supplierCorrection'>;
import { newId } from '../data/ids';

/** Confidence of a value a person has already confirmed for this supplier. */
export const LEARNED_CONFIDENCE = 0.98;

export async function rememberCorrections(
  db: CorrectionsStore,
  p: { workspaceId: string; documentId: string; actorId: string; before: SupplierIdentity; changes: Record<string, { from: string | null; to: string | null }> },
): Promise<number> {
  const taught = lessons(p.before, p.changes);
  for (const l of taught) {
    await db.supplierCorrection.upsert({
      where: { workspaceId_key_field: { workspaceId: p.workspaceId, key: l.key, field: l.field } },
      create: { id: newId('sc'), workspaceId: p.workspaceId, key: l.key, field: l.field, value: l.value, documentId: p.documentId, actorId: p.actorId },
      update: { value: l.value, documentId: p.documentId, actorId: p.actorId },
    });
  }
  return taught.length;
}

type Fields = SupplierIdentity & { currency?: string | null; confidence: Record<string, number> };

/**
 * The extracted fields with what people taught about this supplier applied: corrected values
 * replace read ones, and their confidence is raised. `learned` says, per field, where it came from.
 */
export async function applyCorrections<T extends Fields>(db: Db, workspaceId: string, fields: T): Promise<{ fields: T; learned: Partial<Record<RememberedField, LearnedField & { read: string | null }>> }> {
  const memories = await db.supplierCorrection.findMany({
    where: { workspaceId, key: { in: supplierKeys(fields).map((k) => k.key) } },
    select: { key: true, field: true, value: true, documentId: true },
  });
  const found = recall(fields, memories);
  const out: T = { ...fields, confidence: { ...fields.confidence } };
  const learned: Partial<Record<RememberedField, LearnedField & { read: string | null }>> = {};
  for (const f of REMEMBERED_FIELDS) {
    const hit = found[f];
    if (!hit) continue;
    learned[f] = { ...hit, read: fields[f] ?? null };
    (out as Record<string, unknown>)[f] = hit.value;
    out.confidence[f] = Math.max(out.confidence[f] ?? 0, LEARNED_CONFIDENCE);
  }
  return { fields: out, learned };
}
