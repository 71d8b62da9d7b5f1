// What the coding form opens with: the administrators' rule for the supplier, else the split
// of the supplier's last approved document, else (an e-invoice) one line per VAT rate. The
// supplier is recognised by VAT id, registration number, IBAN, then name (domain/supplierMemory).
import type { Db } from '../data/db';
import { newId } from '../data/ids';
import type { Prisma } from '../generated/prisma/client';
import { applyShares, sharesOf, suggestCodingByVatRate, vatCodeForRate, type CodingShare, type CodingSuggestion, type VatRateShare } from '../domain/coding-suggestion';
import { codeProblems } from '../domain/coding-codes';
import { supplierKeys, type SupplierIdentity } from '../domain/supplierMemory';
import { decimalString } from '../data/mappers';
import { permission } from './actors';
import { documentReference } from './engine';
import { done, refused, type Outcome } from './result';
import { auditConfig } from './workspace-audit';

/** A supplier as an administrator types it: an IBAN, a VAT id, a registration number, or a name. */
export function supplierKeyOf(text: string): { key: string; by: string } {
  const compact = text.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  const who: SupplierIdentity = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(compact)
    ? { iban: compact }
    : /^[A-Z]{2}[0-9A-Z]{2,13}$/.test(compact) && /\d{2}/.test(compact)
      ? { supplierVatNo: compact }
      : /^\d{5,}$/.test(compact)
        ? { supplierRegNo: compact }
        : { supplierName: text };
  return supplierKeys(who)[0]!;
}

export async function setCodingRule(db: Db, p: { workspaceId: string; actorId: string; supplier: string; lines: CodingShare[] }): Promise<Outcome> {
  const may = await permission(db, p.workspaceId, p.actorId, 'configure');
  if (!may.ok) return refused(may.reason);
  const listed = await db.codeListEntry.findMany({ where: { workspaceId: p.workspaceId }, select: { type: true, code: true, retiredAt: true } });
  const problems = codeProblems(
    p.lines.map((l) => ({ ...l, amount: '0' })),
    listed.map((c) => ({ type: c.type, code: c.code, retired: c.retiredAt !== null })),
  );
  if (problems.length > 0) return refused(problems.join(' '));
  const { key, by } = supplierKeyOf(p.supplier);
  const lines = p.lines as unknown as Prisma.InputJsonValue;
  await db.supplierCodingRule.upsert({
    where: { workspaceId_key: { workspaceId: p.workspaceId, key } },
    create: { id: newId('rule'), workspaceId: p.workspaceId, key, supplier: p.supplier, lines, createdById: p.actorId },
    update: { supplier: p.supplier, lines, createdById: p.actorId },
  });
  await auditConfig(db, { workspaceId: p.workspaceId, actorId: p.actorId, action: 'coding_rule_set', details: { supplier: p.supplier, key, lines } });
  return done(undefined, `Coding rule for ${p.supplier} (by ${by}) saved: ${describeShares(p.lines)}.`);
}

export async function removeCodingRule(db: Db, p: { workspaceId: string; actorId: string; supplier: string }): Promise<Outcome> {
  const may = await permission(db, p.workspaceId, p.actorId, 'configure');
  if (!may.ok) return refused(may.reason);
  const { key } = supplierKeyOf(p.supplier);
  const r = await db.supplierCodingRule.deleteMany({ where: { workspaceId: p.workspaceId, key } });
  if (r.count === 0) return refused(`There is no coding rule for ${p.supplier}.`);
  await auditConfig(db, { workspaceId: p.workspaceId, actorId: p.actorId, action: 'coding_rule_removed', details: { supplier: p.supplier, key } });
  return done(undefined, `Coding rule for ${p.supplier} removed.`);
}

export async function listCodingRules(db: Db, workspaceId: string) {
  const rows = await db.supplierCodingRule.findMany({ where: { workspaceId }, orderBy: { supplier: 'asc' } });
  return rows.map((r) => ({ supplier: r.supplier, key: r.key, lines: r.lines as unknown as CodingShare[] }));
}

export function describeShares(lines: readonly CodingShare[]): string {
  return lines.map((l) => `${l.percent}% ${l.account} ${l.vatCode}${l.costCentre ? ` cc=${l.costCentre}` : ''}${l.project ? ` project=${l.project}` : ''}`).join(' ; ');
}

export interface SuggestFor extends SupplierIdentity {
  id: string;
  workspaceId: string;
  totalAmount: string | null;
  vatBreakdown?: readonly VatRateShare[];
}

/** The suggestion for a document, or null when nothing is known about its supplier. */
export async function suggestCoding(db: Db, doc: SuggestFor, opts: { maxLines?: number } = {}): Promise<CodingSuggestion | null> {
  if (!doc.totalAmount) return null;
  const all = supplierKeys(doc);
  // As for remembered fields: a name is trusted only when the document shows no identifier.
  const keys = all.some((k) => k.by !== 'name') ? all.filter((k) => k.by !== 'name') : all;
  if (keys.length > 0) {
    const rules = await db.supplierCodingRule.findMany({ where: { workspaceId: doc.workspaceId, key: { in: all.map((k) => k.key) } } });
    // A rule named by the administrator counts under any of the document's keys, strongest first.
    for (const k of all) {
      const rule = rules.find((r) => r.key === k.key);
      if (rule) return { lines: applyShares(rule.lines as unknown as CodingShare[], doc.totalAmount), source: { kind: 'rule', supplier: rule.supplier, matchedBy: k.by } };
    }
    const past = await lastApproved(db, doc, keys);
    if (past) return past;
  }
  const codes = await db.codeListEntry.findMany({ where: { workspaceId: doc.workspaceId, type: 'vat', retiredAt: null }, select: { code: true, label: true } });
  const byRate = suggestCodingByVatRate(doc.vatBreakdown ?? [], doc.totalAmount, opts.maxLines ?? 50);
  if (byRate.length > 0) {
    return { lines: byRate.map((l) => ({ account: '', vatCode: vatCodeForRate(l.vatRate, codes) ?? '', costCentre: null, project: null, amount: l.amount })), source: { kind: 'einvoice' } };
  }
  return null;
}

async function lastApproved(db: Db, doc: SuggestFor, keys: { key: string; by: string }[]): Promise<CodingSuggestion | null> {
  const or: Prisma.DocumentWhereInput[] = [];
  if (doc.supplierVatNo) or.push({ supplierVatNo: { equals: doc.supplierVatNo, mode: 'insensitive' } });
  if (doc.supplierRegNo) or.push({ supplierRegNo: doc.supplierRegNo });
  if (doc.iban) or.push({ iban: doc.iban });
  if (doc.supplierName && keys.every((k) => k.by === 'name')) or.push({ supplierName: { equals: doc.supplierName.trim(), mode: 'insensitive' } });
  if (or.length === 0) return null;
  const candidates = await db.document.findMany({
    where: { workspaceId: doc.workspaceId, id: { not: doc.id }, status: { in: ['approved', 'paid'] }, codingLines: { some: {} }, OR: or },
    include: { codingLines: { orderBy: { position: 'asc' } } },
    orderBy: [{ decidedAt: 'desc' }, { seq: 'desc' }],
    take: 20,
  });
  for (const k of keys) {
    const hit = candidates.find((c) => supplierKeys(c).some((ck) => ck.key === k.key));
    if (!hit || !hit.totalAmount) continue;
    const shares = sharesOf(hit.codingLines.map((l) => ({ ...l, amount: decimalString(l.amount)! })), decimalString(hit.totalAmount)!);
    return { lines: applyShares(shares, doc.totalAmount!), source: { kind: 'history', reference: documentReference(hit), matchedBy: k.by } };
  }
  return null;
}
