/**
 * The fields read from an invoice or receipt (docs/product.md, "Extraction"): what extraction
 * finds, and what a document keeps once people have confirmed or corrected them. Amounts are
 * exact decimal strings, dates YYYY-MM-DD; null where the document does not say.
 */
export interface InvoiceFields {
  supplierName: string | null;
  supplierRegNo: string | null;
  supplierVatNo: string | null;
  invoiceNumber: string | null;
  issueDate: string | null;
  dueDate: string | null;
  currency: string | null;
  netAmount: string | null;
  vatAmount: string | null;
  totalAmount: string | null;
  vatRate: string | null;
  iban: string | null;
}
