// Reading and checking what people typed in the modals. Problems go back into the modal,
// next to the field (response_action: errors), never as a crash or a silent refusal.
import { fieldProblems, normaliseFields, parseAmount, validateCoding, type CodingLine } from '../domain';
import type { EditableFields } from '../workflows/contract';
import { CODING_LINES, FIELD_BLOCKS } from './views/modals';

type StateValues = Record<string, Record<string, { value?: string | null; selected_date?: string | null; selected_option?: { value: string } | null }>>;

function valueOf(values: StateValues, blockId: string): string | null {
  const el = values[blockId]?.v;
  if (!el) return null;
  const v = el.selected_option?.value ?? el.selected_date ?? el.value ?? null;
  return v === null || v.trim() === '' ? null : v.trim();
}

export function readFields(values: StateValues): { fields: EditableFields; errors: Record<string, string> | null } {
  const raw: EditableFields = {};
  for (const b of FIELD_BLOCKS) raw[b] = valueOf(values, b);
  const { fields, problems } = normaliseFields(raw);
  // The engine applies the same rules (domain/fields.ts); here they land next to the field.
  const errors = fieldProblems(fields, problems, { complete: true }) as Record<string, string>;
  return { fields, errors: Object.keys(errors).length > 0 ? errors : null };
}

export function readCoding(values: StateValues, totalAmount: string | null): { lines: CodingLine[]; errors: Record<string, string> | null } {
  const errors: Record<string, string> = {};
  const lines: CodingLine[] = [];
  let lastAmountBlock = 'l1_amount';
  for (let i = 1; i <= CODING_LINES; i++) {
    const account = valueOf(values, `l${i}_account`);
    const vatCode = valueOf(values, `l${i}_vat`);
    const costCentre = valueOf(values, `l${i}_cc`);
    const project = valueOf(values, `l${i}_project`);
    const amountText = valueOf(values, `l${i}_amount`);
    if (!account && !vatCode && !costCentre && !project && !amountText) continue;
    if (!account) errors[`l${i}_account`] = `Line ${i} needs an account.`;
    if (!vatCode) errors[`l${i}_vat`] = `Line ${i} needs a VAT code.`;
    const amount = amountText ? parseAmount(amountText) : null;
    if (!amountText) errors[`l${i}_amount`] = `Line ${i} needs an amount.`;
    else if (amount === null) errors[`l${i}_amount`] = `"${amountText}" is not an amount (e.g. 120.50).`;
    lastAmountBlock = `l${i}_amount`;
    if (account && vatCode && amount) lines.push({ account, vatCode, costCentre, project, amount });
  }
  if (Object.keys(errors).length === 0) {
    if (lines.length === 0) errors.l1_amount = 'Fill in at least one line.';
    else if (!totalAmount) errors.l1_amount = 'The document has no total yet: edit its fields first.';
    else {
      const problems = validateCoding(lines, totalAmount);
      if (problems.length > 0) errors[lastAmountBlock] = problems.join(' ');
    }
  }
  return { lines, errors: Object.keys(errors).length > 0 ? errors : null };
}
