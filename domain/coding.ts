/**
 * Coding lines: how a document's total is split over GL accounts, VAT codes
 * and dimensions. The split must add up to the total to the cent, otherwise
 * the bookkeeping export would not balance.
 */
import { addAmounts, compareAmounts, isDecimalString, subtractAmounts } from './money';

export interface CodingLine {
  account: string;
  vatCode: string;
  costCentre: string | null;
  project: string | null;
  object?: string | null;
  amount: string;
  description?: string | null;
}

/** Returns human-readable problems; [] when the coding is complete and balances. */
export function validateCoding(lines: CodingLine[], totalAmount: string): string[] {
  const errors: string[] = [];
  if (!isDecimalString(totalAmount)) return [`The document total "${totalAmount}" is not a valid amount.`];
  if (lines.length === 0) return ['Add at least one coding line.'];

  lines.forEach((line, i) => {
    const n = i + 1;
    if (line.account.trim() === '') errors.push(`Line ${n}: the account is missing.`);
    if (line.vatCode.trim() === '') errors.push(`Line ${n}: the VAT code is missing.`);
    if (!isDecimalString(line.amount)) errors.push(`Line ${n}: "${line.amount}" is not a valid amount.`);
    else if (/\.\d{3,}$/.test(line.amount)) errors.push(`Line ${n}: ${line.amount} has more than two decimals.`);
  });
  if (errors.length > 0) return errors;

  const sum = addAmounts(...lines.map((l) => l.amount));
  const cmp = compareAmounts(sum, totalAmount);
  if (cmp !== 0) {
    const diff = cmp < 0 ? subtractAmounts(totalAmount, sum) : subtractAmounts(sum, totalAmount);
    const total = addAmounts(totalAmount);
    errors.push(
      `The coding lines add up to ${sum}, which is ${diff} ${cmp < 0 ? 'less' : 'more'} than the document total ${total}.`,
    );
  }
  return errors;
}
