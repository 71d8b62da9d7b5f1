import { describe, expect, it } from 'vitest';
import { DOCUMENT_STATUSES, isDocumentKind, isDocumentStatus, isUndecided } from '../../domain/documents';

describe('documents', () => {
  it('recognises kinds and statuses', () => {
    expect(isDocumentKind('invoice')).toBe(true);
    expect(isDocumentKind('receipt')).toBe(false);
    expect(isDocumentStatus('in_review')).toBe(true);
    expect(isDocumentStatus('in-review')).toBe(false);
  });
  it('undecided means it can still be withdrawn', () => {
    const undecided = DOCUMENT_STATUSES.filter(isUndecided);
    expect(undecided).toEqual(['extracting', 'confirming', 'coding', 'in_review', 'rejected']);
  });
});
