// Xero's bills import (Business → Bills to pay → Import): its CSV template's columns, one row
// per coding line, amounts tax exclusive with the tax amount beside them, dates DD/MM/YYYY.
import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import type { JournalEntry } from '../../domain/postings';

export const XERO_COLUMNS = [
  '*ContactName', 'EmailAddress', 'POAddressLine1', 'POAddressLine2', 'POAddressLine3', 'POAddressLine4', 'POCity', 'PORegion', 'POPostalCode', 'POCountry',
  '*InvoiceNumber', '*InvoiceDate', '*DueDate', 'Total', 'InventoryItemCode', 'Description', '*Quantity', '*UnitAmount', '*AccountCode', '*TaxType', 'TaxAmount',
  'TrackingName1', 'TrackingOption1', 'TrackingName2', 'TrackingOption2', 'Currency',
] as const;

const dmy = (iso: string) => iso.split('-').reverse().join('/');

export function renderXero(entries: readonly JournalEntry[]): string {
  const rows: string[][] = [];
  for (const { doc, split } of entries) {
    const date = doc.issueDate ?? doc.approvedOn;
    for (const { line, net, vat } of split) {
      const description = [line.description || doc.supplierName || doc.reference, `(${doc.reference}${doc.fileLink ? ` ${doc.fileLink}` : ''})`].join(' ');
      rows.push([
        (doc.kind === 'invoice' ? doc.supplierName : doc.employeeName) ?? doc.reference, '', '', '', '', '', '', '', '', '',
        doc.invoiceNumber ?? doc.reference, dmy(date), dmy(doc.dueDate ?? date), doc.totalAmount, '', description, '1', net, line.account, line.vatCode, vat,
        line.costCentre ? 'Cost centre' : '', line.costCentre ?? '', line.project ? 'Project' : '', line.project ?? '', doc.currency,
      ]);
    }
  }
  return stringify([[...XERO_COLUMNS], ...rows], { record_delimiter: 'windows' });
}

export function xeroProblems(text: string): string[] {
  const rows = parse(text, { bom: true }) as string[][];
  const problems: string[] = [];
  if (JSON.stringify(rows[0]) !== JSON.stringify(XERO_COLUMNS)) problems.push('The Xero header is not the bills template.');
  const required = XERO_COLUMNS.map((c, i) => (c.startsWith('*') ? i : -1)).filter((i) => i >= 0);
  rows.slice(1).forEach((r, n) => {
    for (const i of required) if (!r[i]) problems.push(`Xero row ${n + 2}: ${XERO_COLUMNS[i]} is empty.`);
    if (!/^\d{2}\/\d{2}\/\d{4}$/.test(r[11] ?? '')) problems.push(`Xero row ${n + 2}: the invoice date is not DD/MM/YYYY.`);
  });
  return problems;
}
