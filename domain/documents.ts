/** Document kinds and lifecycle states shared by the workflow and the bot. */
export type DocumentKind = 'invoice' | 'expense';
export const DOCUMENT_KINDS: readonly DocumentKind[] = ['invoice', 'expense'];

export type DocumentStatus =
  | 'extracting'
  | 'confirming'
  | 'coding'
  | 'in_review'
  | 'approved'
  | 'rejected'
  | 'withdrawn'
  | 'paid';

export const DOCUMENT_STATUSES: readonly DocumentStatus[] = [
  'extracting',
  'confirming',
  'coding',
  'in_review',
  'approved',
  'rejected',
  'withdrawn',
  'paid',
];

export function isDocumentKind(text: string): text is DocumentKind {
  return (DOCUMENT_KINDS as readonly string[]).includes(text);
}

export function isDocumentStatus(text: string): text is DocumentStatus {
  return (DOCUMENT_STATUSES as readonly string[]).includes(text);
}

/**
 * "Not yet decided": the document can still be withdrawn by its submitter.
 * 'rejected' counts as undecided because it goes back for correction and
 * resubmission (docs/product.md), so the submitter may still give up on it.
 */
export function isUndecided(status: DocumentStatus): boolean {
  return status === 'extracting' || status === 'confirming' || status === 'coding' || status === 'in_review' || status === 'rejected';
}
