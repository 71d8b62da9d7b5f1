// The workflow's extraction step with the real extractor: fields and confidence stored on the
// document, a second upload of the same invoice flagged as a duplicate, and an unreadable file
// that still leaves the document usable (people type the fields) with the reason audited.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useExtractionHarness } from './support/extraction-harness';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/extraction');
const t = useExtractionHarness();
const upload = t.upload;

describe('extraction step', () => {
  it('stores the extracted fields with their confidence, and flags the same invoice uploaded again', async () => {
    const bytes = readFileSync(path.join(FIXTURES, 'en-invoice-uk.pdf'));
    const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'en-invoice-uk.expected.json'), 'utf8'));

    const first = await upload('en-invoice-uk.pdf', bytes, 'F-UK-1');
    expect(first.status).toBe('confirming');
    expect(first.invoiceNumber).toBe(expected.invoiceNumber);
    expect(first.totalAmount?.toFixed(2)).toBe(expected.totalAmount);
    expect(first.currency).toBe(expected.currency);
    expect(first.iban).toBe(expected.iban);
    expect((first.extraction as { confidence: Record<string, number> }).confidence.totalAmount).toBeGreaterThan(0.5);
    expect(first.duplicateOf).toBeNull();

    const again = await upload('copy.pdf', bytes, 'F-UK-2');
    expect(again.duplicateOf).toBe(first.id);
  });

  it('keeps a document whose file cannot be read, with the reason in its history', async () => {
    const doc = await upload('broken.pdf', Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntruncated'), 'F-BROKEN');
    expect(doc.status).toBe('confirming');
    expect(doc.totalAmount).toBeNull();
    const failed = await t.h.db.auditEvent.findFirstOrThrow({ where: { documentId: doc.id, action: 'extraction_failed' } });
    const reason = (failed.details as { error: string }).error;
    expect(reason).toMatch(/PDF/i);
    expect(reason).not.toMatch(/ActivityFailure/);
    const told = await t.h.notifier.waitFor((e) => e.documentId === doc.id && e.kind === 'confirm_request');
    expect(told.message).toBe(reason);
  });
});
