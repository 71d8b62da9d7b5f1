import { describe, expect, it } from 'vitest';
import { halfOf, MAIN_KEYS, readTruth, Tally, valueMatches } from '../../scripts/lib/scoreTruth';

describe('npm run score: comparison rules', () => {
  it('names ignore case and runs of whitespace, not other letters', () => {
    expect(valueMatches('supplierName', 'ACME  gmbh ', 'Acme GmbH')).toBe(true);
    expect(valueMatches('supplierName', 'Acme AG', 'Acme GmbH')).toBe(false);
  });

  it('amounts compare at two places with their sign; dates exactly', () => {
    expect(valueMatches('totalAmount', '12.5', '12.50')).toBe(true);
    expect(valueMatches('totalAmount', '8.79', '-8.79')).toBe(false);
    expect(valueMatches('issueDate', '2026-11-23', '2026-11-23')).toBe(true);
    expect(valueMatches('issueDate', '2026-11-24', '2026-11-23')).toBe(false);
  });

  it('identifiers ignore spaces and case; a missing answer is a miss', () => {
    expect(valueMatches('supplierVatId', 'de123456789', 'DE 123456789')).toBe(true);
    expect(valueMatches('invoiceNumber', null, 'A-1')).toBe(false);
  });

  it('--visible applies the page overrides and drops what the page does not print', () => {
    const raw = { totalAmount: '39077.22', dueDate: '1997-02-07', currency: 'EUR', _pdfVisible: { totalAmount: '37763.70', dueDate: null, currency: 'DEM' } };
    expect(readTruth(raw)).toEqual({ totalAmount: '39077.22', dueDate: '1997-02-07', currency: 'EUR' });
    expect(readTruth(raw, true)).toEqual({ totalAmount: '37763.70', currency: 'DEM' });
  });

  it('reads the generated set’s supplierVatNo as supplierVatId and counts only keys the truth has', () => {
    const truth = readTruth({ source: 'text', supplierVatNo: 'EE100000001', totalAmount: '10.00', lines: [] });
    const t = new Tally();
    t.add(truth, { supplierVatNo: 'EE100000001', totalAmount: '9.99', invoiceNumber: 'X' });
    expect(t.keys.get('supplierVatId')).toEqual({ ok: 1, n: 1 });
    expect(t.overall(MAIN_KEYS)).toEqual({ ok: 0, n: 1 });
  });

  it('splits a corpus into two stable halves', () => {
    const names = Array.from({ length: 40 }, (_, i) => `doc-${i}.truth.json`);
    const a = names.filter((n) => halfOf(n) === 'A').length;
    expect(a).toBeGreaterThan(10);
    expect(a).toBeLessThan(30);
    expect(halfOf('x/y.truth.json')).toBe(halfOf('x/y.truth.json'));
  });
});
