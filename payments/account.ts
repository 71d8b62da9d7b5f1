// The account batches are paid from (the SEPA file's debtor), set by an administrator.
import type { Db } from '../data/db';
import { ibanProblem, isValidBic, normalizeIban } from '../domain/iban';
import { permission } from '../client/actors';
import { done, refused, type Outcome } from '../client/result';
import { auditConfig } from '../client/workspace-audit';

export const NO_DEBTOR_ACCOUNT = 'The workspace has no debtor account yet: an administrator must set the account payments are made from (name and IBAN) first.';

export interface DebtorAccount {
  name: string;
  iban: string;
  bic: string | null;
}

export async function getDebtorAccount(db: Db, workspaceId: string): Promise<DebtorAccount | null> {
  const w = await db.workspace.findUnique({ where: { id: workspaceId }, select: { debtorName: true, debtorIban: true, debtorBic: true } });
  return w?.debtorName && w.debtorIban ? { name: w.debtorName, iban: w.debtorIban, bic: w.debtorBic } : null;
}

/** The account batches are paid from: the SEPA file's debtor. Administrators only. */
export async function setDebtorAccount(db: Db, p: { workspaceId: string; actorId: string; name: string; iban: string; bic?: string | null }): Promise<Outcome<DebtorAccount>> {
  const may = await permission(db, p.workspaceId, p.actorId, 'set the debtor account');
  if (!may.ok) return refused(may.reason);
  const name = p.name.trim();
  if (!name) return refused('The account holder name is required.');
  if (name.length > 70) return refused('The account holder name may have at most 70 characters (SEPA).');
  const iban = normalizeIban(p.iban);
  const problem = ibanProblem(iban);
  if (problem) return refused(problem);
  const bic = p.bic?.trim() ? p.bic.trim().toUpperCase() : null;
  if (bic && !isValidBic(bic)) return refused(`BIC ${bic} is not a valid BIC (8 or 11 characters, e.g. HABAEE2X).`);
  await db.workspace.update({ where: { id: p.workspaceId }, data: { debtorName: name, debtorIban: iban, debtorBic: bic } });
  await auditConfig(db, { workspaceId: p.workspaceId, actorId: p.actorId, action: 'debtor_account_set', details: { debtorName: name, debtorIban: iban, debtorBic: bic } });
  return done({ name, iban, bic }, `Payments will be made from ${iban} (${name}).`);
}
