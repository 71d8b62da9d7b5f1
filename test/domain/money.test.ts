import { describe, expect, it } from 'vitest';
import {
  addAmounts,
  amountsEqual,
  compareAmounts,
  formatAmount,
  isAmount,
  isValidCurrency,
  parseAmount,
  parseCurrency,
  subtractAmounts,
} from '../../domain/money';

describe('parseAmount', () => {
  it.each([
    ['1 234,50', '1234.50'],
    ['1,234.50', '1234.50'],
    ['1.234,50', '1234.50'],
    ['1234.5', '1234.50'],
    ['1234,5', '1234.50'],
    ['1234', '1234.00'],
    ['1\u00a0234,50', '1234.50'],
    ['1\u202f234,50', '1234.50'],
    ["1'234.50", '1234.50'],
    ['12,345,678.90', '12345678.90'],
    ['1.234.567', '1234567.00'],
    ['1,234', '1234.00'],
    ['1.234', '1234.00'],
    ['1 234,567', null],
    ['-12.30', '-12.30'],
    ['- 5', '-5.00'],
    ['-0', '0.00'],
    ['0,5', '0.50'],
    ['.5', '0.50'],
    ['  42  ', '42.00'],
    ['99999999999999999999.99', '99999999999999999999.99'],
  ])('%j → %j', (input, expected) => {
    expect(parseAmount(input)).toBe(expected);
  });
  it.each(['', 'abc', '12a', '1,2345', '1.2.3', '12.345,678.9', '1,23,456', '1.234.56', '--5', '+5', '5-', '1 23', '1 234.5 6', '€12', '12.'])(
    'refuses %j',
    (input) => {
      expect(parseAmount(input)).toBeNull();
    },
  );
});

describe('arithmetic', () => {
  it('is exact where floats are not', () => {
    expect(addAmounts('0.1', '0.2')).toBe('0.30');
    expect(addAmounts('0.10', '0.20', '-0.30')).toBe('0.00');
    expect(addAmounts(...Array<string>(10).fill('0.10'))).toBe('1.00');
    expect(addAmounts('99999999999999999.99', '0.01')).toBe('100000000000000000.00');
  });
  it('adds nothing to zero', () => {
    expect(addAmounts()).toBe('0.00');
  });
  it('throws on a non-decimal input instead of guessing', () => {
    expect(() => addAmounts('1,5')).toThrow(RangeError);
    expect(() => compareAmounts('x', '1')).toThrow(RangeError);
  });
  it('subtracts exactly', () => {
    expect(subtractAmounts('0.30', '0.1')).toBe('0.20');
    expect(subtractAmounts('1', '2.5')).toBe('-1.50');
  });
  it('compares by value', () => {
    expect(compareAmounts('5000', '5000.00')).toBe(0);
    expect(compareAmounts('4999.99', '5000')).toBe(-1);
    expect(compareAmounts('-1', '-2')).toBe(1);
    expect(amountsEqual('0.30', addAmounts('0.1', '0.2'))).toBe(true);
  });
  it('isAmount recognises only the canonical form', () => {
    expect(isAmount('12.00')).toBe(true);
    expect(isAmount('12')).toBe(false);
    expect(isAmount('12.0')).toBe(false);
  });
});

describe('currencies', () => {
  it.each(['EUR', 'USD', 'GBP', 'SEK', 'NOK', 'DKK', 'CHF', 'PLN', 'CZK', 'HUF', 'JPY', 'CAD', 'AUD'])('%s is valid', (c) => {
    expect(isValidCurrency(c)).toBe(true);
  });
  it('refuses lower case, unknown, test and metal codes', () => {
    for (const c of ['eur', 'EURO', 'XXX', 'XTS', 'XAU', 'ABC', '']) expect(isValidCurrency(c)).toBe(false);
  });
  it('parseCurrency normalises user input', () => {
    expect(parseCurrency(' eur ')).toBe('EUR');
    expect(parseCurrency('€')).toBeNull();
  });
});

describe('formatAmount', () => {
  it('formats English style by default', () => {
    expect(formatAmount('1234.5', 'EUR')).toBe('1,234.50 EUR');
    expect(formatAmount('1234567.891', 'USD', 'en')).toBe('1,234,567.89 USD');
    expect(formatAmount('0', 'EUR')).toBe('0.00 EUR');
    expect(formatAmount('999', 'EUR')).toBe('999.00 EUR');
  });
  it('formats French and Estonian with no-break space and comma', () => {
    expect(formatAmount('1234.50', 'EUR', 'fr')).toBe('1\u00a0234,50 EUR');
    expect(formatAmount('-1234567.5', 'EUR', 'et')).toBe('-1\u00a0234\u00a0567,50 EUR');
  });
});
