// An Estonian e-invoice file may carry several invoices (a supplier's monthly batch). Each one
// becomes its own file - the same E_Invoice header, one Invoice, a footer counting one - so it
// is stored, hashed, checked for duplicates, extracted and approved as its own document.
import { estonianInvoices, readEstonianInvoice } from './estonian';
import { decodeXml, parseXml } from './xml';

/** The invoice elements as written, with an optional namespace prefix (`<Invoice ...>...</Invoice>`). */
const INVOICE = /<([\w.-]+:)?Invoice[\s>][\s\S]*?<\/\1Invoice\s*>/g;

/** One file per invoice; the file itself (as one element) when it is not a multi-invoice e-invoice. */
export function splitEInvoiceFile(file: Buffer): Buffer[] {
  let text: string;
  let invoices;
  try {
    text = decodeXml(file);
    const root = parseXml(text);
    invoices = root.name === 'E_Invoice' ? estonianInvoices(root) : [];
  } catch {
    return [file];
  }
  if (invoices.length < 2) return [file];
  const parts = [...text.matchAll(INVOICE)];
  // Sliced text and parsed tree must agree, or the file is left whole (extraction then warns).
  if (parts.length !== invoices.length) return [file];
  const head = text.slice(0, parts[0]!.index);
  const last = parts[parts.length - 1]!;
  const tail = text.slice(last.index + last[0].length);
  return parts.map((p, i) => {
    const total = readEstonianInvoice(invoices[i]!).totalAmount;
    const footer = `<Footer>\n    <TotalNumberInvoices>1</TotalNumberInvoices>${total ? `\n    <TotalAmount>${total}</TotalAmount>` : ''}\n  </Footer>`;
    return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${head.trimStart()}${p[0]}${tail.replace(/<Footer>[\s\S]*?<\/Footer>/, footer)}`, 'utf8');
  });
}
