// Rows → domain shapes. Decimals leave the database as exact strings, never floats.
import type { Actor, ChainDef, Role, StageDef, Substitution } from '../domain';
import type { InvoiceFields } from '../domain/invoice-fields';
import type { Chain, Document, Substitution as SubstitutionRow, User } from '../generated/prisma/client';

type DecimalLike = { toFixed(dp: number): string } | null | undefined;

export function decimalString(d: DecimalLike, dp = 2): string | null {
  return d == null ? null : d.toFixed(dp);
}

/** A document's invoice fields (extracted, confirmed or corrected), amounts as exact strings. */
export interface DocumentFields extends InvoiceFields {
  costCentre: string | null;
  description: string | null;
}

type FieldColumns = Pick<Document, keyof DocumentFields>;

export function documentFields(d: FieldColumns): DocumentFields {
  return {
    supplierName: d.supplierName,
    supplierVatNo: d.supplierVatNo,
    supplierRegNo: d.supplierRegNo,
    invoiceNumber: d.invoiceNumber,
    issueDate: d.issueDate,
    dueDate: d.dueDate,
    currency: d.currency,
    netAmount: decimalString(d.netAmount),
    vatAmount: decimalString(d.vatAmount),
    totalAmount: decimalString(d.totalAmount),
    vatRate: decimalString(d.vatRate),
    iban: d.iban,
    costCentre: d.costCentre,
    description: d.description,
  };
}

export function toActor(u: Pick<User, 'id' | 'roles' | 'codingRight'>): Actor {
  return { userId: u.id, roles: u.roles as Role[], codingRight: u.codingRight };
}

export function toChainDef(c: Chain): ChainDef {
  return {
    name: c.name,
    isDefault: c.isDefault,
    conditions: {
      ...(c.kind ? { kind: c.kind } : {}),
      ...(c.minAmount != null ? { minAmount: decimalString(c.minAmount)! } : {}),
      ...(c.maxAmount != null ? { maxAmount: decimalString(c.maxAmount)! } : {}),
      ...(c.costCentre ? { costCentre: c.costCentre } : {}),
      ...(c.supplier ? { supplier: c.supplier } : {}),
    },
    stages: c.stages as unknown as StageDef[],
  };
}

export function toSubstitution(s: SubstitutionRow): Substitution {
  return { id: s.id, substituteId: s.substituteId, forUserId: s.forUserId, startsAt: s.startsAt.getTime(), endsAt: s.endsAt.getTime() };
}
