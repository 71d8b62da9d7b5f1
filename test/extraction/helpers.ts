import PDFDocument from 'pdfkit';

/** Builds a PDF in memory; `draw` adds content to each page. */
export function makePdf(pages: number, opts: ConstructorParameters<typeof PDFDocument>[0] = {}, draw?: (doc: PDFKit.PDFDocument, page: number) => void): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', autoFirstPage: false, ...opts });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (let i = 1; i <= pages; i++) {
    doc.addPage();
    if (draw) draw(doc, i);
    else doc.fontSize(12).text(`Page ${i} of a very long annex with enough words to count as text.`, 50, 50);
  }
  doc.end();
  return done;
}
