/**
 * The fields a person confirms or corrects: normalisation of what they typed, and the rules
 * a document's fields must meet (total and currency before it goes to its chain, net + VAT
 * = total, due date not before the issue date). Pure, so the bot's modal, the engine's
 * activities and any script apply the same rules with the same sentences.
 */
import { isIsoDate } from './dates';
import { addAmounts, amountsEqual, isValidCurrency, parseAmount } from './money';

/** Fields a person may confirm or correct. Amounts are decimal strings; dates YYYY-MM-DD. */
export interface EditableFields {
  supplierName?: string | null;
  supplierRegNo?: string | null;
  supplierVatNo?: string | null;
  invoiceNumber?: string | null;
  issueDate?: string | null;
  dueDate?: string | null;
  currency?: string | null;
  netAmount?: string | null;
  vatAmount?: string | null;
  totalAmount?: string | null;
  vatRate?: string | null;
  iban?: string | null;
  costCentre?: string | null;
  description?: string | null;
}

const AMOUNT_FIELDS = ['netAmount', 'vatAmount', 'totalAmount'] as const;
const DATE_FIELDS = ['issueDate', 'dueDate'] as const;
const TEXT_LIMIT = 500;

export const FIELD_LABELS: Record<keyof EditableFields, string> = {
  supplierName: 'Supplier',
  supplierRegNo: 'Registration no.',
  supplierVatNo: 'VAT no.',
  invoiceNumber: 'Invoice no.',
  issueDate: 'Issue date',
  dueDate: 'Due date',
  currency: 'Currency',
  netAmount: 'Net amount',
  vatAmount: 'VAT amount',
  totalAmount: 'Total',
  vatRate: 'VAT rate',
  iban: 'IBAN',
  costCentre: 'Cost centre',
  description: 'Description',
};

export type FieldProblems = Partial<Record<keyof EditableFields, string>>;

/** Trims, parses and normalises each given field; a problem per field that cannot be read. */
export function normaliseFields(input: EditableFields): { fields: EditableFields; problems: FieldProblems } {
  const fields: EditableFields = {};
  const problems: FieldProblems = {};
  for (const [k, raw] of Object.entries(input) as [keyof EditableFields, string | null | undefined][]) {
    if (!(k in FIELD_LABELS) || raw === undefined) continue;
    const v = raw === null ? null : String(raw).trim();
    if (v === null || v === '') {
      fields[k] = null;
      continue;
    }
    if (v.length > TEXT_LIMIT) problems[k] = `${FIELD_LABELS[k]} is longer than ${TEXT_LIMIT} characters.`;
    else if ((AMOUNT_FIELDS as readonly string[]).includes(k)) {
      const a = parseAmount(v);
      if (a === null) problems[k] = `${FIELD_LABELS[k]} "${v}" is not an amount (e.g. 1234.50).`;
      else fields[k] = a;
    } else if (k === 'vatRate') {
      const a = parseAmount(v.replace('%', ''));
      if (a === null) problems[k] = `VAT rate "${v}" is not a percentage (e.g. 20 or 5.5).`;
      else fields[k] = a;
    } else if ((DATE_FIELDS as readonly string[]).includes(k)) {
      if (!isIsoDate(v)) problems[k] = `${FIELD_LABELS[k]} "${v}" is not a date (YYYY-MM-DD).`;
      else fields[k] = v;
    } else if (k === 'currency') {
      const c = v.toUpperCase();
      if (!isValidCurrency(c)) problems[k] = `Currency "${v}" is not an ISO 4217 code (e.g. EUR).`;
      else fields[k] = c;
    } else if (k === 'iban') fields[k] = v.replace(/\s+/g, '').toUpperCase();
    else fields[k] = v;
  }
  return { fields, problems };
}

/** Rules between normalised fields, whichever of them were just changed: net + VAT = total, due ≥ issue. */
export function consistencyProblems(f: EditableFields): FieldProblems {
  const problems: FieldProblems = {};
  if (f.issueDate && f.dueDate && f.dueDate < f.issueDate) problems.dueDate = `The due date is before the issue date (${f.issueDate}).`;
  if (f.netAmount && f.vatAmount && f.totalAmount && !amountsEqual(addAmounts(f.netAmount, f.vatAmount), f.totalAmount)) {
    problems.totalAmount = `Net ${f.netAmount} + VAT ${f.vatAmount} = ${addAmounts(f.netAmount, f.vatAmount)}, not ${f.totalAmount}.`;
  }
  return problems;
}

/** What a document needs before it goes to its chain: a total and a currency. */
export function completenessProblems(f: EditableFields): FieldProblems {
  const problems: FieldProblems = {};
  if (!f.totalAmount) problems.totalAmount = 'The total is required.';
  if (!f.currency) problems.currency = 'The currency is required (e.g. EUR).';
  return problems;
}

/**
 * Every problem of a form: unreadable fields first, then the missing ones (when the document
 * is being confirmed), then the rules between fields, at most one per field.
 */
export function fieldProblems(f: EditableFields, unreadable: FieldProblems, p: { complete: boolean }): FieldProblems {
  return { ...consistencyProblems(f), ...(p.complete ? completenessProblems(f) : {}), ...unreadable };
}

/** Problems of the document's fields once a change is applied: the rules between fields only where the change touches them. */
export function changeProblems(merged: EditableFields, changed: EditableFields, p: { complete: boolean }): FieldProblems {
  const touched = (...keys: (keyof EditableFields)[]) => keys.some((k) => k in changed);
  const between = consistencyProblems(merged);
  return {
    ...(touched('netAmount', 'vatAmount', 'totalAmount') && between.totalAmount ? { totalAmount: between.totalAmount } : {}),
    ...(touched('issueDate', 'dueDate') && between.dueDate ? { dueDate: between.dueDate } : {}),
    ...(p.complete ? completenessProblems(merged) : {}),
  };
}

/** The first problem as one sentence, or null when the fields are fine. */
export function firstProblem(problems: FieldProblems): string | null {
  return Object.values(problems).find((v) => v !== undefined) ?? null;
}
