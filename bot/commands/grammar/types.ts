// The typed commands of `/countersign`, what the grammar produces and the bot carries out.
import type { ChainConditions, StageDef } from '../../../domain/chains';
import type { DocumentStatus } from '../../../domain/documents';
import type { Role } from '../../../domain/roles';

export const CODE_TYPES = ['account', 'vat', 'cost-centre', 'project'] as const;
export type CodeType = (typeof CODE_TYPES)[number];
export type ExportKind = 'audit' | 'documents';
export type ExportFormat = 'csv' | 'xlsx';

export type ParsedCommand =
  | { cmd: 'help' }
  | { cmd: 'role.add' | 'role.remove'; userId: string; role: Role | 'coding-right' }
  | { cmd: 'roles'; userId: string | null }
  | { cmd: 'chain.set'; name: string; conditions: ChainConditions; stages: StageDef[] }
  | { cmd: 'chain.default' | 'chain.show' | 'chain.remove'; name: string }
  | { cmd: 'chain.list' }
  /** forUserId 'me' means the user who typed the command. Dates are 'YYYY-MM-DD', both included. */
  | { cmd: 'substitute.add'; substituteId: string; forUserId: string | 'me'; from: string; to: string }
  | { cmd: 'substitutes' }
  | { cmd: 'substitute.remove'; id: string }
  /** No field set: show the settings. escalationUserId null: back to the administrators. */
  | { cmd: 'settings'; reminderAfterMs?: number; escalateAfterMs?: number; escalationUserId?: string | null }
  | { cmd: 'codes.add'; type: CodeType; code: string; label: string }
  | { cmd: 'codes.list'; type: CodeType | null }
  | { cmd: 'status'; documentId: string }
  /** status null: every status. */
  | { cmd: 'export'; what: ExportKind; from: string; to: string; format: ExportFormat; status: DocumentStatus[] | null }
  /** A payment batch and its files (payment managers), or the payments made (others). Dates optional. */
  | { cmd: 'export.payments'; from: string | null; to: string | null; format: PaymentsFormat }
  /** Approved documents' journal entries for the ledger; again: include those already exported. */
  | { cmd: 'export.postings'; from: string; to: string; format: PostingsFormatArg; again: boolean }
  /** SUPPLIER: a VAT id, registration number, IBAN or name. */
  | { cmd: 'rule.set'; supplier: string; lines: RuleLineArg[] }
  | { cmd: 'rule.remove' | 'rule.show'; supplier: string }
  | { cmd: 'rule.list' }
  /** Without apply: a preview of what would change. */
  | { cmd: 'codes.import'; fileId: string; apply: boolean }
  | { cmd: 'codes.retire' | 'codes.restore'; type: CodeType; code: string }
  /** account null: show the debtor account. */
  | { cmd: 'payments.account'; account: { name: string; iban: string; bic: string | null } | null }
  /** A batch's files again (after a failed upload); batch as typed (7, PB-7). */
  | { cmd: 'payments.batchFile'; batch: string; format: 'both' | 'csv' | 'xml' }
  /** document as typed (DOC-12, 12 or an id). */
  | { cmd: 'payments.notDuplicate'; document: string };

export type PostingsFormatArg = 'csv' | 'xlsx' | 'fec' | 'fec-pipe' | 'xero' | 'ee';
export interface RuleLineArg {
  account: string;
  vatCode: string;
  costCentre: string | null;
  project: string | null;
  /** Percent of the total, e.g. "60" (the lines add up to 100). */
  percent: string | null;
}

export type PaymentsFormat = 'both' | 'csv' | 'xml' | 'xlsx';

export interface CommandError {
  error: string;
  usage: string;
}

export type ParseResult = ParsedCommand | CommandError;

export function isCommandError(r: ParseResult): r is CommandError {
  return 'error' in r;
}
