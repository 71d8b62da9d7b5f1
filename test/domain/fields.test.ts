import { describe, expect, it } from 'vitest';
import { changeProblems, completenessProblems, consistencyProblems, fieldProblems, firstProblem, normaliseFields } from '../../domain/fields';

describe('normaliseFields', () => {
  it('normalises what people type and names what cannot be read', () => {
    const { fields, problems } = normaliseFields({ totalAmount: ' 1 234,50 ', currency: 'eur', iban: 'ee38 2200 2210 2014 5685', dueDate: '31.12.2026', supplierName: '' });
    expect(fields).toMatchObject({ currency: 'EUR', iban: 'EE382200221020145685', supplierName: null });
    expect(problems).toEqual({ dueDate: 'Due date "31.12.2026" is not a date (YYYY-MM-DD).' });
  });
});

describe('rules between fields', () => {
  it('net + VAT must equal the total, to the cent', () => {
    expect(consistencyProblems({ netAmount: '100.00', vatAmount: '22.00', totalAmount: '122.00' })).toEqual({});
    expect(consistencyProblems({ netAmount: '100.00', vatAmount: '22.00', totalAmount: '122.01' })).toEqual({ totalAmount: 'Net 100.00 + VAT 22.00 = 122.00, not 122.01.' });
  });
  it('the due date may not come before the issue date (the same day is fine)', () => {
    expect(consistencyProblems({ issueDate: '2026-03-01', dueDate: '2026-03-01' })).toEqual({});
    expect(consistencyProblems({ issueDate: '2026-03-02', dueDate: '2026-03-01' })).toEqual({ dueDate: 'The due date is before the issue date (2026-03-02).' });
  });
  it('a document going to its chain needs a total and a currency', () => {
    expect(completenessProblems({ totalAmount: '1.00', currency: 'EUR' })).toEqual({});
    expect(completenessProblems({ totalAmount: null })).toEqual({ totalAmount: 'The total is required.', currency: 'The currency is required (e.g. EUR).' });
  });
  it('one problem per field: unreadable first, then missing, then the rules between fields', () => {
    const { fields, problems } = normaliseFields({ totalAmount: 'lots', netAmount: '1.00', vatAmount: '0.20' });
    expect(fieldProblems(fields, problems, { complete: true })).toEqual({ totalAmount: 'Total "lots" is not an amount (e.g. 1234.50).', currency: 'The currency is required (e.g. EUR).' });
    expect(fieldProblems({ totalAmount: '1.00', currency: 'EUR' }, {}, { complete: true })).toEqual({});
    expect(firstProblem({})).toBeNull();
  });
});

describe('changeProblems: a correction is checked where it touches the rules', () => {
  const stored = { netAmount: '10.00', vatAmount: '2.00', totalAmount: '13.00', issueDate: '2026-11-02', dueDate: '2026-11-01' };
  it('a change of the due date alone is not refused for totals that already disagreed', () => {
    const changed = { dueDate: '2026-12-01' };
    expect(changeProblems({ ...stored, ...changed }, changed, { complete: false })).toEqual({});
  });
  it('a change of an amount is refused while net + VAT ≠ total, and a due date before the issue date too', () => {
    expect(changeProblems({ ...stored, vatAmount: '2.50' }, { vatAmount: '2.50' }, { complete: false }).totalAmount).toBeTruthy();
    expect(changeProblems(stored, { issueDate: '2026-11-02' }, { complete: false }).dueDate).toBeTruthy();
  });
  it('complete also requires a total and a currency', () => {
    expect(changeProblems({}, {}, { complete: true }).totalAmount).toBeTruthy();
    expect(changeProblems({}, {}, { complete: true }).currency).toBeTruthy();
  });
});
