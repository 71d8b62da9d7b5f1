// Small text PDFs (pdfkit) that the real extraction reads in milliseconds: for tests, the chaos
// run and the live-flow scripts. Amounts are exact decimals, split 24 % VAT as invoices state it.
import Decimal from 'decimal.js';
import PDFDocument from 'pdfkit';

export function textPdf(lines: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (const l of lines) doc.text(l);
    doc.end();
  });
}

export function invoicePdf(p: { supplier: string; number: string; net: string; vat: string; total: string; date?: string }): Promise<Buffer> {
  return textPdf([
    p.supplier,
    'INVOICE',
    `Invoice number: ${p.number}`,
    `Invoice date: ${p.date ?? '2025-03-14'}`,
    'Due date: 2025-04-13',
    '',
    `Net amount: ${p.net} EUR`,
    `VAT 24%: ${p.vat} EUR`,
    `Total: ${p.total} EUR`,
  ]);
}

/** An invoice PDF of this total, its net and VAT derived at 24 % (rounded half up to cents). */
export function receiptPdf(p: { supplier: string; number: string; total: string }): Promise<Buffer> {
  const total = new Decimal(p.total);
  const net = total.div('1.24').toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return invoicePdf({ supplier: p.supplier, number: p.number, net: net.toFixed(2), vat: total.minus(net).toFixed(2), total: total.toFixed(2) });
}
