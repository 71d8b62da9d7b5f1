import type { ParsedFields } from './parse/fields';
import type { LineItem } from './parse/lineItems';

/** How the fields were read: a structured e-invoice (exact), a PDF text layer, or OCR. */
export type ReadBy = 'einvoice' | 'text' | 'ocr';

/** A line as outside scorers and the coding form want it: `netAmount` beside the parser's `amount`. */
export interface ExtractedLine extends LineItem {
  netAmount: string | null;
}

/** What the extractor returns: the parsed fields (see parse/fields.ts), how they were read, and from how many pages. */
export interface ExtractedFields extends ParsedFields {
  source: ReadBy;
  /** Pages of the PDF or image read; 0 for a plain XML e-invoice. */
  pages: number;
  /** The seller's VAT id as written (the truth files' key); `supplierVatNo` carries the same for the app. */
  supplierVatId: string | null;
  buyerName: string | null;
  lines: ExtractedLine[];
  /** Present only for credit notes. */
  documentType?: 'credit_note';
  paymentReference?: string | null;
  vatBreakdown?: VatBreakdown[];
  /** Further invoices of the same file (an Estonian E_Invoice may hold several). */
  otherInvoices?: Omit<ExtractedFields, 'otherInvoices'>[];
}

export interface VatBreakdown {
  rate: string | null;
  category: string | null;
  taxableAmount: string | null;
  vatAmount: string | null;
}
