// Small text PDFs (pdfkit) the real extraction reads in milliseconds.
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
