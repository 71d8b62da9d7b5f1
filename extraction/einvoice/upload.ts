// A plain XML upload: it is an e-invoice or it cannot be read (an XML has no page to fall back to).
import { ExtractionError } from '../errors';
import type { ExtractedFields } from '../types';
import { einvoiceFields } from './fields';
import { EInvoiceError, readEInvoiceXml } from './read';

export function readXmlUpload(file: Buffer, einvoice: boolean): ExtractedFields {
  if (!einvoice) throw new ExtractionError('unsupported_type', 'The file is an XML e-invoice, and reading e-invoices is switched off for this call.');
  let invoices;
  try {
    invoices = readEInvoiceXml(file);
  } catch (err) {
    if (!(err instanceof EInvoiceError)) throw err;
    throw new ExtractionError(err.code === 'malformed' ? 'corrupt' : 'unsupported_type', err.message, { cause: err });
  }
  const [first, ...rest] = invoices.map((e) => einvoiceFields(e, 0));
  if (!rest.length) return first!;
  first!.warnings.push(`The file holds ${invoices.length} invoices; each becomes its own document when uploaded, and this is the first.`);
  return { ...first!, otherInvoices: rest };
}
