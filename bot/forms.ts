// Reading and checking what people typed in the modals. Problems go back into the modal,
// next to the field (response_action: errors), never as a crash or a silent refusal.
import { fieldProblems, normaliseFields, parseAmount, validateCoding, type CodingLine } from '../domain';
import type { EditableFields } from '../workflows/contract';
import { FIELD_BLOCKS } from './views/modals';
import { CODING_MAX_LINES, type CodeLists, type RawLine } from './views/coding-modal';
import { D } from '../domain/decimal';
import { rateOfVatCode, vatOfGross } from '../domain/postings';

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

/** The lines as typed (for "Add line" and "Update totals", which keep what was typed). */
export function rawCodingLines(values: StateValues): RawLine[] {
  const lines: RawLine[] = [];
  for (let i = 1; i <= CODING_MAX_LINES; i++) {
    if (!values[`l${i}_amount`] && !values[`l${i}_account`]) break;
    lines.push({ account: valueOf(values, `l${i}_account`), vatCode: valueOf(values, `l${i}_vat`), costCentre: valueOf(values, `l${i}_cc`), project: valueOf(values, `l${i}_project`), amount: valueOf(values, `l${i}_amount`) });
  }
  // Trailing empty lines are not kept: the form shows one empty line after the last filled one.
  while (lines.length > 0 && Object.values(lines[lines.length - 1]!).every((v) => !v)) lines.pop();
  return lines;
}

const PERCENT = /^(\d{1,3}(?:[.,]\d{1,4})?)\s?%$/;

/** An amount typed as "25%": that share of the total, to the cent. */
function percentOf(text: string, total: string | null): string | null {
  const m = PERCENT.exec(text.trim());
  if (!m || !total) return null;
  const pct = new D(m[1]!.replace(',', '.'));
  if (pct.isZero() || pct.greaterThan(100)) return null;
  return new D(total).times(pct).dividedBy(100).toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2);
}

export function readCoding(values: StateValues, totalAmount: string | null): { lines: CodingLine[]; errors: Record<string, string> | null } {
  const errors: Record<string, string> = {};
  const lines: CodingLine[] = [];
  let lastAmountBlock = 'l1_amount';
  const percentLines: number[] = [];
  let percentSum = new D(0);
  for (let i = 1; i <= CODING_MAX_LINES; i++) {
    const account = valueOf(values, `l${i}_account`);
    const vatCode = valueOf(values, `l${i}_vat`);
    const costCentre = valueOf(values, `l${i}_cc`);
    const project = valueOf(values, `l${i}_project`);
    const amountText = valueOf(values, `l${i}_amount`);
    if (!account && !vatCode && !costCentre && !project && !amountText) continue;
    if (!account) errors[`l${i}_account`] = `Line ${i} needs an account.`;
    if (!vatCode) errors[`l${i}_vat`] = `Line ${i} needs a VAT code.`;
    const isPercent = amountText ? PERCENT.test(amountText) : false;
    const amount = amountText ? (isPercent ? percentOf(amountText, totalAmount) : parseAmount(amountText)) : null;
    if (!amountText) errors[`l${i}_amount`] = `Line ${i} needs an amount.`;
    else if (amount === null) errors[`l${i}_amount`] = isPercent ? `"${amountText}" needs a total to take a share of (between 0 and 100 %).` : `"${amountText}" is not an amount (e.g. 120.50) or a percentage (e.g. 25%).`;
    lastAmountBlock = `l${i}_amount`;
    if (account && vatCode && amount) {
      if (isPercent) {
        percentLines.push(lines.length);
        percentSum = percentSum.plus(PERCENT.exec(amountText!.trim())![1]!.replace(',', '.'));
      }
      lines.push({ account, vatCode, costCentre, project, amount });
    }
  }
  // Percentages that add up to 100 % always balance: the last one takes the rounding cent.
  if (totalAmount && percentLines.length === lines.length && lines.length > 0 && percentSum.equals(100)) {
    const others = lines.slice(0, -1).reduce((s, l) => s.plus(l.amount), new D(0));
    lines[lines.length - 1]!.amount = new D(totalAmount).minus(others).toFixed(2);
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

/** "Update totals": the running difference to the total, and each line's VAT from its code's rate. */
export function codingSummary(lines: RawLine[], totalAmount: string | null, vat: CodeLists['vat']): string {
  if (!totalAmount) return 'The document has no total yet.';
  const out: string[] = [];
  let sum = new D(0);
  lines.forEach((l, i) => {
    if (!l.amount) return;
    const amount = PERCENT.test(l.amount) ? percentOf(l.amount, totalAmount) : parseAmount(l.amount);
    if (amount === null) return void out.push(`Line ${i + 1}: "${l.amount}" is not an amount.`);
    sum = sum.plus(amount);
    const code = vat.find((c) => c.code === l.vatCode);
    const rate = l.vatCode ? rateOfVatCode({ code: l.vatCode, label: code?.label ?? '', vatRate: code?.rate ?? null }) : null;
    out.push(`Line ${i + 1}: ${amount}${rate !== null ? `, of which VAT ${vatOfGross(amount, rate)} (${l.vatCode}, ${new D(rate).toString()} %)` : ''}`);
  });
  const diff = new D(totalAmount).minus(sum);
  out.push(diff.isZero() ? `*Lines: ${sum.toFixed(2)} = total ${new D(totalAmount).toFixed(2)}* ✅` : `*Lines: ${sum.toFixed(2)} of ${new D(totalAmount).toFixed(2)}: ${diff.abs().toFixed(2)} ${diff.isPositive() ? 'still to code' : 'too much'}*`);
  return out.join('\n');
}
