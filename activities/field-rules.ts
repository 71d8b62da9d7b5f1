// Validation and normalisation of the fields a person confirms or corrects. Returns the
// exact problem for a modal, and the normalised values for the database.
import { isIsoDate, isValidCurrency, parseAmount } from '../domain';
import type { EditableFields } from '../workflows/contract';

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
