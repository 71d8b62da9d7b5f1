import { describe, expect, it } from 'vitest';
import { validateCoding, type CodingLine } from '../../domain/coding';

const line = (amount: string, over: Partial<CodingLine> = {}): CodingLine => ({
  account: '6000',
  vatCode: 'VAT24',
  costCentre: null,
  project: null,
  amount,
  ...over,
});

describe('validateCoding', () => {
  it('accepts lines that add up exactly', () => {
    expect(validateCoding([line('0.10'), line('0.20')], '0.30')).toEqual([]);
    expect(validateCoding([line('1000'), line('234.50')], '1234.50')).toEqual([]);
    expect(validateCoding([line('120.00'), line('-20.00')], '100.00')).toEqual([]);
  });
  it('refuses no lines', () => {
    expect(validateCoding([], '10.00')).toEqual(['Add at least one coding line.']);
  });
  it('says how much is missing', () => {
    expect(validateCoding([line('1000.00'), line('200')], '1234.50')).toEqual([
      'The coding lines add up to 1200.00, which is 34.50 less than the document total 1234.50.',
    ]);
  });
  it('says how much is too much, to the cent', () => {
    expect(validateCoding([line('100.01')], '100')).toEqual([
      'The coding lines add up to 100.01, which is 0.01 more than the document total 100.00.',
    ]);
  });
  it('refuses invalid amounts, missing account and VAT code, per line', () => {
    expect(validateCoding([line('12,50'), line('1', { account: ' ', vatCode: '' }), line('1.005')], '14.50')).toEqual([
      'Line 1: "12,50" is not a valid amount.',
      'Line 2: the account is missing.',
      'Line 2: the VAT code is missing.',
      'Line 3: 1.005 has more than two decimals.',
    ]);
  });
  it('refuses an invalid total', () => {
    expect(validateCoding([line('1')], 'n/a')).toEqual(['The document total "n/a" is not a valid amount.']);
  });
});
