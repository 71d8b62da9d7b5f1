import { describe, expect, it } from 'vitest';
import { normalizeInvoiceKey } from '../../domain/duplicates';
import { fileSha256, parseInvoiceText } from '../../extraction/index';
import { findDates } from '../../extraction/parse/dates';
import { findIbans, isValidIban } from '../../extraction/parse/iban';
import { detectLanguage, findLabels } from '../../extraction/parse/labels';
import { findAmounts, parseAmount } from '../../extraction/parse/numbers';
import { checkVatNumber, findVatNumbers, isValidEeRegCode, isValidSiren, isValidSiret, parseRegNo } from '../../extraction/parse/taxIds';
import { sniffFileKind } from '../../extraction/sniff';

describe('numbers', () => {
  it.each([
    ['1,234.50', '1234.5'],
    ['1 234,50', '1234.5'],
    ['1\u00a0234,50', '1234.5'],
    ['1.234,50', '1234.5'],
    ["1'234.50", '1234.5'],
    ['1234,5', '1234.5'],
    ['1,234', '1234'],
    ['1.234', '1234'],
    ['0,250', '0.25'],
    ['12 345 678,90', '12345678.9'],
    ['-12.00', '-12'],
    ['€ 99,90', '99.9'],
  ])('parses %s', (raw, want) => {
    expect(parseAmount(raw)?.toString()).toBe(want);
  });

  it('rejects non-numbers', () => {
    expect(parseAmount('abc')).toBeNull();
    expect(parseAmount('')).toBeNull();
  });

  it('finds amounts but not percents, dates or digits glued to letters', () => {
    const got = findAmounts('TVA 20 % 1 234,50 € on 23.11.2026 ref EE123').map((a) => a.value.toFixed(2));
    expect(got).toEqual(['1234.50']);
  });
});

describe('dates', () => {
  it.each([
    ['2026-11-23', '2026-11-23'],
    ['23.11.2026', '2026-11-23'],
    ['23/11/2026', '2026-11-23'],
    ['11/23/2026', '2026-11-23'],
    ['23 novembre 2026', '2026-11-23'],
    ['1er mars 2026', '2026-03-01'],
    ['23 décembre 2026', '2026-12-23'],
    ['Nov 23, 2026', '2026-11-23'],
    ['November 23rd 2026', '2026-11-23'],
    ['23 Nov 2026', '2026-11-23'],
    ['23. novembril 2026', '2026-11-23'],
    ['5. märts 2026', '2026-03-05'],
    ['14. veebruar 2026', '2026-02-14'],
    ['2. jaanuaril 2027', '2027-01-02'],
    // Receipts join day, month word and year with dashes or slashes.
    ['24-MAR-2018', '2018-03-24'],
    ['24/Mar/2018', '2018-03-24'],
    ['Mar-24-2018', '2018-03-24'],
    ['24 Mar 18', '2018-03-24'],
  ])('reads %s', (raw, iso) => {
    expect(findDates(`Date: ${raw}`).map((d) => d.iso)).toEqual([iso]);
  });

  it('rejects impossible dates', () => {
    expect(findDates('31.02.2026')).toEqual([]);
    expect(findDates('45/13/2026')).toEqual([]);
  });
});

describe('IBAN', () => {
  it('validates mod-97', () => {
    expect(isValidIban('EE382200221020145685')).toBe(true);
    expect(isValidIban('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(isValidIban('FR1420041010050500013M02606')).toBe(true);
    expect(isValidIban('EE382200221020145686')).toBe(false);
    expect(isValidIban('XX382200221020145685')).toBe(false);
  });

  it('finds a spaced IBAN in text and repairs an OCR O for 0', () => {
    expect(findIbans('IBAN: DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX').map((h) => h.iban)).toEqual(['DE89370400440532013000']);
    const repaired = findIbans('IBAN EE38 22OO 2210 2014 5685');
    expect(repaired.map((h) => [h.iban, h.repaired])).toEqual([['EE382200221020145685', true]]);
  });
});

describe('VAT and registration numbers', () => {
  it('checks national VAT checksums', () => {
    expect(checkVatNumber('EE101142401')).toBe('checksum');
    expect(checkVatNumber('EE101142402')).toBe('invalid');
    expect(checkVatNumber('FR40 303 265 045')).toBe('checksum');
    expect(checkVatNumber('FR41303265045')).toBe('invalid');
    expect(checkVatNumber('DE136695976')).toBe('checksum');
    expect(checkVatNumber('DE136695977')).toBe('invalid');
    expect(checkVatNumber('GB 980 7806 84')).toBe('checksum');
    expect(checkVatNumber('GB980780685')).toBe('invalid');
    expect(checkVatNumber('NL004495445B01')).toBe('shape');
    expect(checkVatNumber('LV40103456789')).toBe('shape');
    expect(checkVatNumber('LV4010345678')).toBe('invalid');
  });

  it('checks SIREN/SIRET (Luhn) and Estonian registry codes', () => {
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiren('732829321')).toBe(false);
    expect(isValidSiret('73282932000074')).toBe(true);
    expect(isValidSiret('73282932000075')).toBe(false);
    expect(isValidEeRegCode('10137319')).toBe(true);
    expect(isValidEeRegCode('10137318')).toBe(false);
    expect(parseRegNo('732 829 320 00074')).toEqual({ value: '73282932000074', check: 'checksum' });
    expect(parseRegNo('73282932000075')).toBeNull();
  });

  it('finds VAT numbers in a line', () => {
    expect(findVatNumbers('KMKR nr: EE 101 142 401, tel 555').map((h) => h.value)).toEqual(['EE101142401']);
  });
});

describe('labels', () => {
  const kinds = (line: string) => findLabels(line).map((h) => h.kind);
  it.each([
    ['Invoice No: 12', 'invoiceNumber'],
    ['Arve nr 12', 'invoiceNumber'],
    ['Facture n° 12', 'invoiceNumber'],
    ['N° de facture 12', 'invoiceNumber'],
    ['Due date', 'dueDate'],
    ['Maksetähtaeg', 'dueDate'],
    ['Échéance', 'dueDate'],
    ["Date d'échéance", 'dueDate'],
    ['Total', 'total'],
    ['Kokku tasuda', 'total'],
    ['Total TTC', 'total'],
    ['Net à payer', 'total'],
    ['Total HT', 'net'],
    ['Summa km-ta', 'net'],
    ['Subtotal', 'net'],
    ['VAT 20%', 'vat'],
    ['KM 22%', 'vat'],
    ['Käibemaks', 'vat'],
    ['TVA', 'vat'],
    ['VAT No', 'vatId'],
    ['KMKR', 'vatId'],
    ['N° TVA intracommunautaire', 'vatId'],
    ['Registrikood', 'regNo'],
    ['SIRET', 'regNo'],
    ['Bill to', 'buyer'],
    ['Klient', 'buyer'],
    ['Facturé à', 'buyer'],
  ])('%s is a %s label', (line, kind) => {
    expect(kinds(line)[0]).toBe(kind);
  });

  it('detects the language from vocabulary', () => {
    expect(detectLanguage('ARVE nr 1\nKokku tasuda 10,00\nMaksetähtaeg 01.01.2026')).toBe('et');
    expect(detectLanguage('Facture n° 1\nTotal TTC 10,00 €\nDate d’échéance')).toBe('fr');
    expect(detectLanguage('Invoice no 1\nTotal due 10.00\nDue date')).toBe('en');
  });
});

describe('parseInvoiceText', () => {
  const text = [
    'Acme Widgets Ltd',
    '1 High Street, London',
    'VAT Reg No: GB 980 7806 84',
    'Bill to',
    'Contoso SAS',
    'TVA FR40303265045',
    'Invoice No: INV-77',
    'Invoice date: 3 March 2026',
    'Due date: 2026-04-02',
    'Widgets 10 12.50 125.00',
    'Subtotal 125.00',
    'VAT 20% 25.00',
    'Total due £150.00',
    'IBAN GB82 WEST 1234 5698 7654 32',
  ].join('\n');

  it('extracts fields from an unseen layout and keeps the buyer out', () => {
    const r = parseInvoiceText(text);
    expect(r).toMatchObject({
      supplierName: 'Acme Widgets Ltd',
      supplierVatNo: 'GB980780684',
      invoiceNumber: 'INV-77',
      issueDate: '2026-03-03',
      dueDate: '2026-04-02',
      currency: 'GBP',
      netAmount: '125.00',
      vatAmount: '25.00',
      totalAmount: '150.00',
      vatRate: '20',
      iban: 'GB82WEST12345698765432',
      language: 'en',
    });
    expect(r.confidence.totalAmount).toBeGreaterThan(0.9);
    expect(r.warnings).toEqual([]);
  });

  it('lowers confidence and warns when net + VAT != total', () => {
    const r = parseInvoiceText('Shop OÜ\nArve nr 5\nSumma km-ta 100,00\nKM 24% 24,00\nKokku 130,00 EUR');
    expect(r.totalAmount).toBe('130.00');
    expect(r.confidence.totalAmount).toBeLessThanOrEqual(0.5);
    expect(r.warnings.join(' ')).toMatch(/total minus net|does not equal/);
  });

  it('returns nulls and warnings for text with no invoice in it', () => {
    const r = parseInvoiceText('hello world');
    expect(r.totalAmount).toBeNull();
    expect(r.invoiceNumber).toBeNull();
    expect(r.warnings.length).toBeGreaterThan(0);
  });
});

describe('duplicates and hashing', () => {
  it('normalizes supplier + invoice number keys', () => {
    const a = normalizeInvoiceKey('Acme OÜ', null, 'INV-2026/0042');
    expect(a).toBe(normalizeInvoiceKey('ACME', null, 'inv 2026 0042'));
    expect(normalizeInvoiceKey(null, 'EE 101 142 401', '0042')).toBe(normalizeInvoiceKey('Other name', 'ee101142401', '42'));
    expect(normalizeInvoiceKey('Acme', null, 'A-1')).not.toBe(normalizeInvoiceKey('Acme', null, 'A-2'));
    expect(normalizeInvoiceKey('Acme', null, null)).toBeNull();
    expect(normalizeInvoiceKey(null, null, '12')).toBeNull();
  });

  it('hashes files with SHA-256', () => {
    expect(fileSha256(Buffer.from('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('sniffs types by magic bytes', () => {
    expect(sniffFileKind(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffFileKind(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffFileKind(Buffer.from('PK\u0003\u0004rest', 'latin1'))).toBe('zip');
    expect(sniffFileKind(Buffer.from('\u0000\u0000\u0000\u0018ftypheic', 'latin1'))).toBe('heic');
    expect(sniffFileKind(Buffer.from('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ', 'latin1'))).toBe('webp');
    expect(sniffFileKind(Buffer.from('II*\u0000', 'latin1'))).toBe('tiff');
    expect(sniffFileKind(Buffer.from('hello'))).toBe('unknown');
  });
});
