// Structured e-invoices read exactly, on copies in test/fixtures/einvoice: each syntax, a
// credit note, an Estonian file with two invoices, a malformed XML, a Factur-X PDF whose page
// disagrees with its XML (and whose XML declares a bogus encoding), a PDF whose XML is broken.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExtractionError, extractDocument, shutdownOcr } from '../../extraction/index';
import { splitEInvoiceFile } from '../../extraction/einvoice/split';
import { sniffFileKind } from '../../extraction/sniff';
import { makePdf } from './helpers';
import { missesAgainst, truthFor } from './einvoice-truth';

const FIX = path.resolve('test/fixtures/einvoice');
const fixture = (name: string) => readFileSync(path.join(FIX, name));
const read = (name: string, opts = {}) => extractDocument(fixture(name), name, opts);

afterAll(async () => shutdownOcr());

describe('e-invoice syntaxes', () => {
  it.each(['CII_example4.xml', 'ubl-tc434-example4.xml', 'ubl-tc434-creditnote1.xml', 'factur-x-invalid-xml-encoding-attribute.pdf'])('%s matches its truth file on every key', async (name) => {
    const got = await read(name);
    expect(got.source).toBe('einvoice');
    expect(missesAgainst(got, truthFor(path.join(FIX, name)))).toEqual([]);
    // Every stated field is exact.
    for (const [k, v] of Object.entries(got.confidence)) expect([k, v]).toEqual([k, 1]);
    expect(got.confidence.totalAmount).toBe(1);
  });

  it('a CII invoice: amounts as 2-place strings, the VAT breakdown per rate, the app keeps supplierVatNo', async () => {
    const got = await read('CII_example4.xml');
    expect(sniffFileKind(fixture('CII_example4.xml'))).toBe('xml');
    expect(got).toMatchObject({ supplierVatNo: got.supplierVatId, pages: 0 });
    expect('documentType' in got).toBe(false);
    expect(got.totalAmount).toMatch(/^-?\d+\.\d{2}$/);
    expect(got.vatBreakdown?.length).toBeGreaterThan(0);
    expect(got.vatRate).toBe(got.vatBreakdown?.[0]?.rate);
  });

  it('a UBL credit note keeps its sign and is marked as a credit note', async () => {
    const got = await read('ubl-tc434-creditnote1.xml');
    expect(got.documentType).toBe('credit_note');
    expect(got.totalAmount).toBe('100.11');
    const invoice = await read('ubl-tc434-example4.xml');
    expect('documentType' in invoice).toBe(false);
  });

  it('an Estonian e-invoice 1.2 file with two invoices gives both, the first as the fields', async () => {
    const got = await read('ee-two-invoices.xml');
    expect(got).toMatchObject({ invoiceNumber: 'TIT-2025-1104', totalAmount: '970.80', supplierVatId: 'EE102179567', supplierRegNo: '16229472', paymentReference: '110420253', vatRate: '24' });
    expect(got.otherInvoices?.map((i) => [i.invoiceNumber, i.supplierName, i.totalAmount, i.vatRate])).toEqual([['VV250520-07', 'Viru Veoteenused AS', '1176.81', '22']]);
    expect(got.warnings.join(' ')).toMatch(/holds 2 invoices/);
    expect(got.lines.map((l) => l.quantity)).toEqual(['1', '12', '3.5']);
  });
});

describe('splitting a multi-invoice file for upload', () => {
  it('gives one well-formed Estonian file per invoice, each counting one invoice', async () => {
    const parts = splitEInvoiceFile(fixture('ee-two-invoices.xml'));
    expect(parts).toHaveLength(2);
    const read = await Promise.all(parts.map((p, i) => extractDocument(p, `part-${i}.xml`)));
    expect(read.map((r) => [r.invoiceNumber, r.totalAmount, r.otherInvoices])).toEqual([
      ['TIT-2025-1104', '970.80', undefined],
      ['VV250520-07', '1176.81', undefined],
    ]);
    expect(parts.map((p) => /<TotalNumberInvoices>(\d+)</.exec(p.toString())?.[1])).toEqual(['1', '1']);
  });

  it('leaves every other file whole', () => {
    for (const name of ['CII_example4.xml', 'ubl-tc434-creditnote1.xml', 'malformed-truncated-cii.xml', 'factur-x-invalid-xml-encoding-attribute.pdf']) {
      const file = fixture(name);
      expect(splitEInvoiceFile(file)).toEqual([file]);
    }
  });
});

describe('bad and disagreeing e-invoices', () => {
  it('a malformed XML upload is refused with one sentence naming the line', async () => {
    const err = await read('malformed-truncated-cii.xml').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExtractionError);
    expect((err as ExtractionError).code).toBe('corrupt');
    expect((err as Error).message).toBe('The XML is not well-formed: it ends before <rsm:CrossIndustryInvoice> and the elements inside it are closed (the file may be cut off).');
    const mismatched = await extractDocument(Buffer.from('<?xml version="1.0"?>\n<Invoice>\n<ID>1</Total>\n</Invoice>'), 'x.xml').catch((e: unknown) => e);
    expect((mismatched as Error).message).toMatch(/^The XML is not well-formed \(line 3: .+\)\.$/);
  });

  it('an XML that is not an e-invoice is refused as unsupported', async () => {
    const err = await extractDocument(Buffer.from('<?xml version="1.0"?><catalog><book id="1"/></catalog>'), 'books.xml').catch((e: unknown) => e);
    expect((err as ExtractionError).code).toBe('unsupported_type');
    expect((err as Error).message).toContain('<catalog>');
  });

  it('an XML declaring its own entities (an expansion bomb) is refused before parsing', async () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Invoice><ID>&lol2;</ID></Invoice>';
    const err = await extractDocument(Buffer.from(bomb), 'bomb.xml').catch((e: unknown) => e);
    expect((err as ExtractionError).code).toBe('unsupported_type');
    expect((err as Error).message).toContain('<!ENTITY>');
  });

  it('a PDF whose page differs from its XML: the XML wins and a warning names what differs', async () => {
    const got = await read('factur-x-invalid-xml-encoding-attribute.pdf');
    expect(got).toMatchObject({ source: 'einvoice', invoiceNumber: 'RE-20201121/508', issueDate: '2020-11-21', pages: 1 });
    const warning = got.warnings.find((w) => w.startsWith('The visible PDF differs'));
    expect(warning).toContain('invoice number (page RE-20190610/507, e-invoice RE-20201121/508)');
    expect(warning).toContain('issue date (page 2019-06-10, e-invoice 2020-11-21)');
  });

  it('einvoice: false reads the visible page of the same PDF instead', async () => {
    const got = await read('factur-x-invalid-xml-encoding-attribute.pdf', { einvoice: false });
    expect(got.source).toBe('text');
    expect(got.invoiceNumber).toBe('RE-20190610/507');
  });

  it('a PDF whose embedded factur-x.xml is broken: a warning, and the visible page is read', async () => {
    const pdf = await makePdf(1, {}, (doc) => {
      doc.fontSize(12).text('Acme Widgets GmbH\nInvoice no. INV-77\nInvoice date 2025-03-14\nNet 100.00 EUR\nVAT 19% 19.00 EUR\nTotal 119.00 EUR', 50, 50);
      doc.file(Buffer.from('<rsm:CrossIndustryInvoice><rsm:ExchangedDocument>'), { name: 'factur-x.xml', type: 'text/xml' });
    });
    const got = await extractDocument(pdf, 'broken.pdf');
    expect(got.source).toBe('text');
    expect(got.totalAmount).toBe('119.00');
    expect(got.warnings.find((w) => w.startsWith('The embedded factur-x.xml could not be read'))).toMatch(/not well-formed.*visible page was read instead\.$/);
  });
});
