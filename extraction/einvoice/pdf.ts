// A PDF with an embedded e-invoice: read the XML exactly, check it against the visible page.
import { parseInvoiceText } from '../parse/fields';
import { hasUsableText } from '../pdf/pdfText';
import type { ExtractedFields } from '../types';
import { xmlAttachments } from './attachment';
import { pageDifferences } from './compare';
import { einvoiceFields } from './fields';
import { EInvoiceError, readEInvoiceXml } from './read';

export type EmbeddedResult = { fields: ExtractedFields } | { warning: string } | null;

/** French "Avoir" pages are sometimes coded as plain invoices (380); the title says what they are. */
const CREDIT_NOTE_TITLE = /^\s*(?:avoir|facture d'avoir|credit note)\b/im;

/** null: no XML attachment (an ordinary PDF). A broken one gives a warning and the page is read instead. */
export async function readEmbeddedEInvoice(pdf: Buffer, pageTexts: string[]): Promise<EmbeddedResult> {
  const attachments = await xmlAttachments(pdf);
  if (!attachments.length) return null;
  let problem = '';
  for (const a of attachments) {
    try {
      const [first, ...rest] = readEInvoiceXml(a.bytes);
      const fields = einvoiceFields(first!, pageTexts.length);
      if (rest.length) fields.warnings.push(`The embedded ${a.name} holds ${rest.length + 1} invoices; only the first was read.`);
      const text = pageTexts.join('\n');
      if (pageTexts.some(hasUsableText)) {
        const diff = pageDifferences(fields, parseInvoiceText(text), text);
        if (diff) fields.warnings.push(diff);
        const head = text.split('\n').slice(0, 15).join('\n');
        if (!fields.documentType && CREDIT_NOTE_TITLE.test(head)) fields.documentType = 'credit_note';
      }
      return { fields };
    } catch (err) {
      if (!(err instanceof EInvoiceError)) throw err;
      // An unrelated XML attachment (metadata, a report) is no reason to warn.
      if (err.code !== 'malformed' && !/^(factur-x|zugferd-invoice|xrechnung)\.xml$/i.test(a.name)) continue;
      problem ||= `The embedded ${a.name} could not be read (${err.message.replace(/\.$/, '')}), so the visible page was read instead.`;
    }
  }
  return problem ? { warning: problem } : null;
}
