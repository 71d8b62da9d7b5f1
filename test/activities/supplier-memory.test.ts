// Learning from corrections on real services: a person corrects the supplier name of one
// invoice; the next invoice of that supplier (same VAT id) arrives with the corrected name,
// raised confidence and a note of where the name came from. Another supplier is untouched.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePdf } from '../extraction/helpers';
import { useExtractionHarness } from './support/extraction-harness';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/extraction');
const t = useExtractionHarness();
const upload = t.upload;

/** A second, shorter invoice of the same supplier: its header prints the name differently. */
const laterInvoice = () =>
  makePdf(1, {}, (doc) => {
    const lines = ['Kessler GmbH', 'Industriestraße 12', '70565 Stuttgart', 'VAT ID: DE136695976', '', 'Invoice', 'Invoice number: RE-90017', 'Issue date: 2026-11-10', '', 'Service hours 2 x 60,00', 'Total amount 120,00 EUR'];
    lines.forEach((l, i) => doc.fontSize(11).text(l, 50, 50 + i * 18));
  });

type Learned = Record<string, { value: string; matchedBy: string; fromDocumentId: string; read: string | null }>;

describe('learning from corrections', () => {
  it("gives the next invoice of a supplier (same VAT id) the name a person corrected on an earlier one", async () => {
    const first = await upload('en-invoice-de-gmbh.pdf', readFileSync(path.join(FIXTURES, 'en-invoice-de-gmbh.pdf')), 'LEARN-1');
    expect(first.supplierVatNo).toBe('DE136695976');
    const corrected = 'Kessler Maschinenbau GmbH & Co. KG';
    const r = await t.h.engine.editFields(first.id, { actorId: t.s.id.book, key: 'learn-edit-1', fields: { supplierName: corrected } });
    expect(r.ok).toBe(true);

    const second = await upload('re-90017.pdf', await laterInvoice(), 'LEARN-2');
    expect(second.supplierVatNo).toBe('DE136695976');
    expect(second.invoiceNumber).toBe('RE-90017');
    expect(second.supplierName).toBe(corrected);
    const extraction = second.extraction as { confidence: Record<string, number>; learned: Learned };
    expect(extraction.confidence.supplierName).toBeGreaterThanOrEqual(0.98);
    expect(extraction.learned.supplierName).toMatchObject({ value: corrected, matchedBy: 'VAT id', fromDocumentId: first.id });
    // What was printed on the page is kept next to it, and it was not the corrected name.
    expect(extraction.learned.supplierName!.read).not.toBe(corrected);
    const audited = await t.h.db.auditEvent.findFirstOrThrow({ where: { documentId: second.id, action: 'fields_extracted' } });
    expect((audited.details as { learned: Learned }).learned.supplierName!.fromDocumentId).toBe(first.id);

    // Another supplier's invoice keeps what was read on it.
    const other = await upload('en-invoice-uk.pdf', readFileSync(path.join(FIXTURES, 'en-invoice-uk.pdf')), 'LEARN-3');
    const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'en-invoice-uk.expected.json'), 'utf8'));
    expect(other.supplierName).toBe(expected.supplierName);
    expect((other.extraction as { learned: Learned }).learned).toEqual({});
  });
});
