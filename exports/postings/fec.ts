// The French "fichier des écritures comptables" (FEC, article A.47 A-1 of the Livre des
// procédures fiscales): 18 columns in this order, tab or | separated, dates YYYYMMDD, amounts
// with a decimal comma, one line per journal line, entries numbered in order.
import type { JournalEntry } from '../../domain/postings';

export const FEC_COLUMNS = [
  'JournalCode', 'JournalLib', 'EcritureNum', 'EcritureDate', 'CompteNum', 'CompteLib', 'CompAuxNum', 'CompAuxLib', 'PieceRef',
  'PieceDate', 'EcritureLib', 'Debit', 'Credit', 'EcritureLet', 'DateLet', 'ValidDate', 'Montantdevise', 'Idevise',
] as const;

export type FecSeparator = '\t' | '|';

const ymd = (iso: string) => iso.replaceAll('-', '');
const comma = (amount: string) => amount.replace('.', ',');

export function renderFec(entries: readonly JournalEntry[], sep: FecSeparator): string {
  // A separator or line break inside a value would shift every column after it.
  const clean = (v: string | null | undefined) => (v ?? '').replace(/[\t|\r\n]+/g, ' ').trim();
  const rows: string[] = [FEC_COLUMNS.join(sep)];
  for (const e of entries) {
    const foreign = e.doc.currency !== 'EUR';
    for (const l of e.lines) {
      rows.push(
        [
          'ACH', 'Achats', String(e.entryNo), ymd(l.date), l.account, l.accountLabel, l.auxCode, l.auxLabel, e.doc.invoiceNumber ?? e.doc.reference,
          ymd(e.doc.issueDate ?? e.doc.approvedOn), `${l.description} ${e.doc.reference}`, comma(l.debit), comma(l.credit), '', '', ymd(e.doc.approvedOn),
          foreign ? comma(l.debit !== '0.00' ? l.debit : l.credit) : '', foreign ? e.doc.currency : '',
        ]
          .map(clean)
          .join(sep),
      );
    }
  }
  return rows.join('\r\n') + '\r\n';
}

/** Re-reads a FEC text: [] when its header, columns, dates, amounts and balances are right. */
export function fecProblems(text: string, sep: FecSeparator): string[] {
  const problems: string[] = [];
  const rows = text.split(/\r?\n/).filter((r) => r !== '');
  if (rows[0] !== FEC_COLUMNS.join(sep)) problems.push('The FEC header is not the 18 columns in order.');
  const balance = new Map<string, number>();
  rows.slice(1).forEach((row, i) => {
    const f = row.split(sep);
    if (f.length !== 18) return void problems.push(`FEC line ${i + 2} has ${f.length} fields, not 18.`);
    if (!/^\d{8}$/.test(f[3]!) || !/^\d{8}$/.test(f[9]!) || !/^\d{8}$/.test(f[15]!)) problems.push(`FEC line ${i + 2}: a date is not YYYYMMDD.`);
    if (!/^-?\d+,\d{2}$/.test(f[11]!) || !/^-?\d+,\d{2}$/.test(f[12]!)) problems.push(`FEC line ${i + 2}: an amount is not written with a decimal comma.`);
    if (!f[4]) problems.push(`FEC line ${i + 2} has no account (CompteNum).`);
    const cents = (a: string) => Math.round(Number(a.replace(',', '.')) * 100);
    balance.set(f[2]!, (balance.get(f[2]!) ?? 0) + cents(f[11]!) - cents(f[12]!));
  });
  for (const [n, b] of balance) if (b !== 0) problems.push(`FEC entry ${n} does not balance.`);
  return problems;
}
