// The slice of the extractor's result the engine stores (see extraction/index.ts).
export interface ExtractedFieldsLike {
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
  lines?: unknown[];
  confidence?: Record<string, number>;
  warnings?: string[];
  language?: string | null;
  source?: string;
  pages?: number;
}
