// The tests' text PDFs come from the same helper as the scripts' (scripts/lib/receipt-pdf.ts).
export { invoicePdf, textPdf } from '../../../scripts/lib/receipt-pdf';
