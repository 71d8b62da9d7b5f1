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

/**
 * One writer per status. The document workflow owns the process, extracting … approved,
 * rejected and withdrawn (and the CountersignStatus search attribute that mirrors them);
 * the approved transition is its last write. Payments own what follows an approval: only
 * an approved document whose workflow has ended becomes paid, in the database. A finished
 * workflow cannot be changed (Temporal keeps closed executions as they were), so for a paid
 * document the search attribute keeps saying approved, the process's final word, while
 * `Engine.state()` and the database say paid.
 */
export type StatusOwner = 'workflow' | 'payments';

export function statusOwner(status: DocumentStatus): StatusOwner {
  return status === 'paid' ? 'payments' : 'workflow';
}
