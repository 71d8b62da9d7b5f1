/**
 * Learning from corrections, template-free: what a person corrected on one document of a
 * supplier is offered on that supplier's next document. Suppliers are recognised by their
 * strongest identifier first (VAT id, registration number, IBAN), by normalised name last.
 */
import { supplierKey } from './duplicates';

/** The fields that belong to the supplier rather than to one invoice. */
export const REMEMBERED_FIELDS = ['supplierName', 'supplierRegNo', 'supplierVatNo', 'iban', 'currency'] as const;
export type RememberedField = (typeof REMEMBERED_FIELDS)[number];

export interface SupplierIdentity {
  supplierName?: string | null;
  supplierRegNo?: string | null;
  supplierVatNo?: string | null;
  iban?: string | null;
}

export type MatchedBy = 'VAT id' | 'registration number' | 'IBAN' | 'name';

const compact = (s: string) => s.replace(/[^0-9A-Za-z]/g, '').toUpperCase();

/** Lookup keys, strongest first: `vat:EE100123456`, `reg:12345678`, `iban:…`, `name:acme`. */
export function supplierKeys(who: SupplierIdentity): { key: string; by: MatchedBy }[] {
  const keys: { key: string; by: MatchedBy }[] = [];
  const add = (prefix: string, by: MatchedBy, v: string) => {
    if (v) keys.push({ key: `${prefix}:${v}`, by });
  };
  if (who.supplierVatNo) add('vat', 'VAT id', compact(who.supplierVatNo));
  if (who.supplierRegNo) add('reg', 'registration number', compact(who.supplierRegNo));
  if (who.iban) add('iban', 'IBAN', compact(who.iban));
  if (who.supplierName) add('name', 'name', supplierKey(who.supplierName));
  return keys;
}

export interface Remembered {
  key: string;
  field: string;
  value: string | null;
  documentId: string;
}

export interface LearnedField {
  value: string | null;
  matchedBy: MatchedBy;
  /** The document whose correction taught it. */
  fromDocumentId: string;
}

/**
 * For each remembered field, the value taught under the strongest key this document matches.
 * `memories` may come in any order; within one key the caller keeps only the latest per field.
 */
export function recall(who: SupplierIdentity, memories: Remembered[]): Partial<Record<RememberedField, LearnedField>> {
  const out: Partial<Record<RememberedField, LearnedField>> = {};
  const keys = supplierKeys(who);
  // A name is trusted only when the document shows no identifier: a document whose VAT id,
  // registration number or IBAN is unknown to the memory is another supplier's, whatever its name.
  const usable = keys.some((k) => k.by !== 'name') ? keys.filter((k) => k.by !== 'name') : keys;
  for (const { key, by } of usable) {
    for (const m of memories) {
      const field = m.field as RememberedField;
      if (m.key !== key || !REMEMBERED_FIELDS.includes(field) || out[field]) continue;
      out[field] = { value: m.value, matchedBy: by, fromDocumentId: m.documentId };
    }
  }
  return out;
}

/**
 * What a correction teaches: each corrected supplier field, under the keys of the supplier as
 * it was read (the next document will be read the same way) and as corrected.
 */
export function lessons(before: SupplierIdentity, changes: Record<string, { from: string | null; to: string | null }>): { key: string; field: RememberedField; value: string | null }[] {
  const fields = REMEMBERED_FIELDS.filter((f) => changes[f]);
  if (fields.length === 0) return [];
  const after: SupplierIdentity = { ...before };
  for (const f of fields) if (f !== 'currency') after[f] = changes[f]!.to;
  const keys = [...new Set([...supplierKeys(before), ...supplierKeys(after)].map((k) => k.key))];
  return keys.flatMap((key) => fields.map((field) => ({ key, field, value: changes[field]!.to })));
}
