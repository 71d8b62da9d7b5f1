// A structured e-invoice file → one EInvoice per invoice it holds. Which syntax is decided by
// the root element's local name, never by the namespace (ZUGFeRD 1.0 and pre-release CII
// namespaces must read like CII D16B).
import { readCii } from './cii';
import { estonianInvoices, readEstonianInvoice } from './estonian';
import type { EInvoice } from './model';
import { readUbl } from './ubl';
import { decodeXml, EInvoiceError, parseXml, type XNode } from './xml';

export { EInvoiceError };

const SUPPORTED = 'UN/CEFACT CII (Factur-X, ZUGFeRD, XRechnung), UBL 2.1 Invoice or CreditNote, or Estonian e-invoice 1.2';

function readRoot(root: XNode): EInvoice[] {
  switch (root.name) {
    case 'CrossIndustryInvoice':
    case 'CrossIndustryDocument':
      return [readCii(root)];
    case 'Invoice':
    case 'CreditNote':
      return [readUbl(root)];
    case 'E_Invoice': {
      const invoices = estonianInvoices(root);
      if (!invoices.length) throw new EInvoiceError('The Estonian e-invoice file holds no Invoice element.');
      return invoices.map(readEstonianInvoice);
    }
    default:
      throw new EInvoiceError(`The XML is a <${root.name}> document, not an e-invoice this app reads (${SUPPORTED}).`);
  }
}

/** Throws EInvoiceError with one sentence when the bytes are not a readable e-invoice. */
export function readEInvoiceXml(buf: Buffer): EInvoice[] {
  const invoices = readRoot(parseXml(decodeXml(buf)));
  for (const e of invoices) {
    if (e.totalAmount === null && e.invoiceNumber === null) {
      throw new EInvoiceError(`The ${e.syntax.toUpperCase()} XML has neither an invoice number nor a total amount, so it is not an invoice that can be read.`);
    }
  }
  return invoices;
}
