import { describe, expect, it } from 'vitest';
import { parseInvoiceText } from '../../extraction/index';
import { boxesFromRows } from './rowsFixture';
import { bandsToText } from '../../extraction/parse/rows';

/** Rules added for documents the generated corpus never had (issue 11, part 2). */
describe('German and Dutch invoices', () => {
  it('reads Rechnungsnummer, Rechnungsdatum, Zahlungsziel, Nettobetrag, MwSt. and Gesamtbetrag', () => {
    const text = [
      'Muster Technik GmbH',
      'Hauptstraße 5, 10115 Berlin',
      'USt-IdNr.: DE136695976',
      'Rechnungsnummer:\t2026-118',
      'Rechnungsdatum:\t03.11.2026',
      'Zahlungsziel:\t17.11.2026',
      'Nettobetrag\t100,00 EUR',
      'MwSt. 19 %\t19,00 EUR',
      'Gesamtbetrag\t119,00 EUR',
    ].join('\n');
    const r = parseInvoiceText(text);
    expect(r).toMatchObject({ supplierName: 'Muster Technik GmbH', invoiceNumber: '2026-118', issueDate: '2026-11-03', dueDate: '2026-11-17', netAmount: '100.00', vatAmount: '19.00', totalAmount: '119.00', currency: 'EUR', supplierVatNo: 'DE136695976' });
  });

  it('reads Factuurnummer, Factuurdatum, Vervaldatum, BTW and Totaal, and the number in the next cell', () => {
    const text = [
      'Bakkerij Jansen B.V.',
      'Factuurnummer\tFactuurdatum\tVervaldatum',
      'F-2026-044\t02-11-2026\t16-11-2026',
      'Subtotaal\t€ 50,00',
      'BTW 9%\t€ 4,50',
      'Totaal\t€ 54,50',
    ].join('\n');
    const r = parseInvoiceText(text);
    expect(r).toMatchObject({ supplierName: 'Bakkerij Jansen B.V.', invoiceNumber: 'F-2026-044', issueDate: '2026-11-02', dueDate: '2026-11-16', netAmount: '50.00', vatAmount: '4.50', totalAmount: '54.50' });
  });

  it('never takes the buyer block (Kunde / Klant) as the supplier', () => {
    const text = ['Rechnung Nr. 77 vom 01.12.2026', 'Kunde:', 'Käufer Handels AG', 'Verkäufer:', 'Lieferwerk Nord KG', 'Gesamtbetrag 10,00 EUR'].join('\n');
    expect(parseInvoiceText(text).supplierName).toBe('Lieferwerk Nord KG');
  });

  it('keeps the sign of a correction invoice', () => {
    const text = ['Rechnungskorrektur Nr. RK1', 'Rechnungssumme ohne USt.\t-7,67', 'Steuerbetrag\t1,12', 'Bruttosumme\t-8,79'].join('\n');
    expect(parseInvoiceText(text)).toMatchObject({ netAmount: '-7.67', vatAmount: '-1.12', totalAmount: '-8.79' });
  });
});

describe('till receipts', () => {
  it('the total is the amount due after rounding, not CASH, CHANGE or ROUNDING', () => {
    const text = [
      'KEDAI RUNCIT MAJU SDN BHD',
      'Total Sales Inclusive GST\t28.31',
      'Rounding Adjustment:\t-0.01',
      'TOTAL :\t28.30',
      'CASH\t50.00',
      'CHANGE\t21.70',
    ].join('\n');
    expect(parseInvoiceText(text).totalAmount).toBe('28.30');
  });

  it('reads RM as Malaysian ringgit and joins a name wrapped over lines', () => {
    const text = ['AIK HUAT HARDWARE', 'ENTERPRISE (SETIA', 'ALAM) SDN BHD', 'TOTAL (RM)\t15.00', 'CASH\t20.00', 'CHANGE\t5.00'].join('\n');
    const r = parseInvoiceText(text);
    expect(r.currency).toBe('MYR');
    expect(r.supplierName).toBe('AIK HUAT HARDWARE ENTERPRISE (SETIA ALAM) SDN BHD');
    expect(r.totalAmount).toBe('15.00');
  });

  it('reads RM followed by a colon or a dot as Malaysian ringgit', () => {
    expect(parseInvoiceText('KEDAI MAJU SDN BHD\nTOTAL AMOUNT RM:\t15.00').currency).toBe('MYR');
    expect(parseInvoiceText('KEDAI MAJU SDN BHD\nTOTAL RM.\t15.00').currency).toBe('MYR');
  });

  it('resolves $ and kr from the country hints, and reads ₹ and zł', () => {
    expect(parseInvoiceText('Cafe Lund AB\nTel +46 8 123 456\nTotal 45,00 kr').currency).toBe('SEK');
    expect(parseInvoiceText('Harbour Books Pte Ltd\n+65 6123 4567\nTotal $12.50').currency).toBe('SGD');
    expect(parseInvoiceText('Chai Point Pvt Ltd\nTotal ₹ 240.00').currency).toBe('INR');
    expect(parseInvoiceText('Sklep Jan Sp. z o.o.\nRazem 12,50 zł').currency).toBe('PLN');
  });
});

describe('layout from word positions', () => {
  it('puts a label and its value drawn far apart back on one row, with a cell gap', () => {
    const text = bandsToText(boxesFromRows([[[10, 'Gesamtbetrag']], [[10, 'Datum'], [300, '05.03.2018']]], [[300, '529,87', 0]]), { cellGap: 1, joinGap: 0.12 });
    expect(text.split('\n')).toEqual(['Gesamtbetrag\t529,87', 'Datum\t05.03.2018']);
  });
});

describe('supplier names over two lines', () => {
  it('joins a mixed-case name wrapped inside the seller block', () => {
    const text = ['Verkäufer:', 'MVM Musterhafter', 'Versicherungsverein Musterstadt a.G.', 'Kunde:', 'Otto Normal', 'Rechnung Nr. 5', 'Gesamtbetrag 59,50 EUR'].join('\n');
    expect(parseInvoiceText(text).supplierName).toBe('MVM Musterhafter Versicherungsverein Musterstadt a.G.');
  });

  it('reads "Gutschrift (…) Nr." and "Rechnung des Versicherers Nr." as invoice numbers', () => {
    expect(parseInvoiceText('Gutschrift (Selbst ausgestellte Rechnung) Nr. 471102\nGesamtbetrag 1,00').invoiceNumber).toBe('471102');
    expect(parseInvoiceText('Rechnung des Versicherers Nr. 01.234.567.8-2018-1 vom 01.10.2018').invoiceNumber).toBe('01.234.567.8-2018-1');
  });
});

describe('receipt dates and names', () => {
  it('reads a two-digit year after a month word, not a time', () => {
    expect(parseInvoiceText('KEDAI MAJU SDN BHD\n24 Mar 18 09:12:41 PM\nTOTAL 5.00').issueDate).toBe('2018-03-24');
  });

  it('drops OCR specks around a shop name', () => {
    expect(parseInvoiceText('» THAI DELICIOUS RESTAURANT ©\nTOTAL 9.80').supplierName).toBe('THAI DELICIOUS RESTAURANT');
  });
});
