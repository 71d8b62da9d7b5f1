/**
 * Journal entries for the ledger from approved, coded documents: each coding line's net amount
 * debited to its expense account, its VAT (computed from the line's VAT code rate, out of the
 * gross) debited to the VAT account, and the document's total credited to the supplier (an
 * invoice) or the employee (an expense). Every entry balances to the cent by construction, and
 * `postingProblems` checks it again before any file is written.
 */
import { D } from './decimal';
import { isDecimalString } from './money';

export interface PostingCodingLine {
  account: string;
  accountLabel: string | null;
  vatCode: string;
  /** Percent, e.g. "22" or "9.5"; null or "0" when the code carries no VAT. */
  vatRate: string | null;
  costCentre: string | null;
  project: string | null;
  /** Gross: the coding splits the document's total. */
  amount: string;
  description: string | null;
}

export interface PostingDocument {
  id: string;
  reference: string;
  kind: 'invoice' | 'expense';
  supplierName: string | null;
  supplierCode: string | null;
  invoiceNumber: string | null;
  issueDate: string | null;
  dueDate: string | null;
  /** YYYY-MM-DD: when the document was approved. */
  approvedOn: string;
  currency: string;
  totalAmount: string;
  /** The submitter, credited for an expense. */
  employeeName: string | null;
  employeeCode: string | null;
  fileLink: string | null;
  /** Where the supplier (or employee) is paid, when known. */
  iban?: string | null;
  lines: PostingCodingLine[];
}

export interface PostingAccounts {
  /** Supplier payables, credited for invoices (e.g. 401 in France, 2110 in Estonia). */
  payable: string;
  /** Employees' expense claims, credited for expenses (e.g. 421). */
  employee: string;
  /** Deductible VAT on purchases, debited (e.g. 44566, 1510). */
  vat: string;
}

export const DEFAULT_POSTING_ACCOUNTS: PostingAccounts = { payable: '401', employee: '421', vat: '44566' };

export interface JournalLine {
  documentId: string;
  reference: string;
  /** 1-based number of the entry (one per document) in the export. */
  entryNo: number;
  date: string;
  account: string;
  accountLabel: string;
  /** The supplier's or employee's code on the credit line. */
  auxCode: string | null;
  auxLabel: string | null;
  description: string;
  debit: string;
  credit: string;
  vatCode: string | null;
  costCentre: string | null;
  project: string | null;
}

export interface JournalEntry {
  doc: PostingDocument;
  entryNo: number;
  lines: JournalLine[];
  /** Per coding line: net and VAT (for formats that post lines, not entries). */
  split: { line: PostingCodingLine; net: string; vat: string }[];
}

const fixed = (d: InstanceType<typeof D>) => d.toFixed(2);

/** VAT inside a gross amount at `rate` percent, rounded half-up to the cent. */
export function vatOfGross(gross: string, rate: string | null): string {
  if (!rate || new D(rate).isZero()) return '0.00';
  const g = new D(gross);
  return fixed(g.times(rate).dividedBy(new D(rate).plus(100)).toDecimalPlaces(2, D.ROUND_HALF_UP));
}

/** The rate a VAT code stands for: its stored rate, else "22 %" in its label, else the digits ending its code ("VAT22"). */
export function rateOfVatCode(code: { code: string; label: string; vatRate: string | null }): string | null {
  if (code.vatRate !== null) return code.vatRate;
  const inLabel = /(\d{1,2}(?:[.,]\d{1,3})?)\s?%/.exec(code.label);
  if (inLabel) return inLabel[1]!.replace(',', '.');
  const inCode = /(\d{1,2}(?:\.\d{1,3})?)$/.exec(code.code);
  return inCode ? inCode[1]! : null;
}

export function journalEntry(doc: PostingDocument, entryNo: number, accounts: PostingAccounts): JournalEntry {
  const date = doc.issueDate ?? doc.approvedOn;
  const what = [doc.supplierName ?? doc.employeeName, doc.invoiceNumber].filter(Boolean).join(' ') || doc.reference;
  const base = { documentId: doc.id, reference: doc.reference, entryNo, date };
  const split = doc.lines.map((line) => {
    const vat = vatOfGross(line.amount, line.vatRate);
    return { line, vat, net: fixed(new D(line.amount).minus(vat)) };
  });
  const lines: JournalLine[] = [];
  for (const { line, net } of split) {
    lines.push({ ...base, account: line.account, accountLabel: line.accountLabel ?? line.account, auxCode: null, auxLabel: null, description: line.description || what, debit: net, credit: '0.00', vatCode: line.vatCode, costCentre: line.costCentre, project: line.project });
  }
  // VAT: one debit line per VAT code, so the ledger sees each rate.
  const vatByCode = new Map<string, InstanceType<typeof D>>();
  for (const { line, vat } of split) if (!new D(vat).isZero()) vatByCode.set(line.vatCode, (vatByCode.get(line.vatCode) ?? new D(0)).plus(vat));
  for (const [vatCode, vat] of vatByCode) {
    lines.push({ ...base, account: accounts.vat, accountLabel: `VAT ${vatCode}`, auxCode: null, auxLabel: null, description: `VAT ${vatCode} ${what}`, debit: fixed(vat), credit: '0.00', vatCode, costCentre: null, project: null });
  }
  const invoice = doc.kind === 'invoice';
  lines.push({
    ...base,
    account: invoice ? accounts.payable : accounts.employee,
    accountLabel: invoice ? 'Suppliers' : 'Employees',
    auxCode: invoice ? doc.supplierCode : doc.employeeCode,
    auxLabel: invoice ? doc.supplierName : doc.employeeName,
    description: what,
    debit: '0.00',
    credit: fixed(new D(doc.totalAmount)),
    vatCode: null,
    costCentre: null,
    project: null,
  });
  return { doc, entryNo, lines, split };
}

/** Problems that keep a document out of the ledger (it is not exported, nor marked). */
export function documentPostingProblem(doc: PostingDocument): string | null {
  if (doc.lines.length === 0) return `${doc.reference} has no coding lines.`;
  if (!isDecimalString(doc.totalAmount)) return `${doc.reference} has no total.`;
  const sum = doc.lines.reduce((s, l) => s.plus(l.amount), new D(0));
  if (!sum.equals(doc.totalAmount)) return `${doc.reference}: its coding adds up to ${fixed(sum)}, not its total ${doc.totalAmount}.`;
  return null;
}

/** [] when every entry balances (debits = credits, each line one-sided and not negative). */
export function postingProblems(entries: readonly JournalEntry[]): string[] {
  const problems: string[] = [];
  for (const e of entries) {
    let debit = new D(0);
    let credit = new D(0);
    for (const l of e.lines) {
      if (!l.account) problems.push(`${e.doc.reference}: a journal line has no account.`);
      debit = debit.plus(l.debit);
      credit = credit.plus(l.credit);
    }
    if (!debit.equals(credit)) problems.push(`${e.doc.reference}: debits ${fixed(debit)} ≠ credits ${fixed(credit)}.`);
  }
  return problems;
}
