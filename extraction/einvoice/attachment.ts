// The invoice XML a Factur-X / ZUGFeRD / XRechnung PDF carries as an embedded file (PDF/A-3).
// pdf.js (bundled with pdf-parse) lists the document's embedded files.
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface XmlAttachment {
  name: string;
  bytes: Buffer;
}

/** The names the standards prescribe, in order of preference; any other XML comes after. */
// Compared in lower case: ZUGFeRD 1.0 wrote "ZUGFeRD-invoice.xml", 2.x "zugferd-invoice.xml".
const KNOWN = ['factur-x.xml', 'zugferd-invoice.xml', 'xrechnung.xml'];

const looksLikeXml = (b: Buffer) => /^(\uFEFF|\xEF\xBB\xBF)?\s*</.test(b.subarray(0, 64).toString('latin1'));

function rank(a: XmlAttachment): number {
  const i = KNOWN.indexOf(a.name.toLowerCase());
  if (i >= 0) return i;
  return a.name.toLowerCase().endsWith('.xml') ? KNOWN.length : KNOWN.length + 1;
}

/**
 * An embedded file is a stream, and stream dictionaries are never compressed into object
 * streams, so its `/Type /EmbeddedFile` (PDF/A-3 also writes `/AFRelationship`) is in the raw
 * bytes: ordinary PDFs are ruled out by a byte search instead of a second pdf.js parse.
 */
export const mayHaveAttachments = (pdf: Buffer): boolean => pdf.includes('/EmbeddedFile') || pdf.includes('/AFRelationship');

/** The PDF's XML attachments, best candidate first; [] when it has none (or pdf.js cannot open it). */
export async function xmlAttachments(pdf: Buffer): Promise<XmlAttachment[]> {
  if (!mayHaveAttachments(pdf)) return [];
  let doc: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']> | null = null;
  try {
    doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false, stopAtErrors: false }).promise;
    const files = ((await doc.getAttachments()) ?? {}) as Record<string, { filename?: string; content?: Uint8Array }>;
    const out: XmlAttachment[] = [];
    for (const [key, f] of Object.entries(files)) {
      if (!f.content?.length) continue;
      const a = { name: f.filename ?? key, bytes: Buffer.from(f.content) };
      if (a.name.toLowerCase().endsWith('.xml') || looksLikeXml(a.bytes)) out.push(a);
    }
    return out.sort((x, y) => rank(x) - rank(y));
  } catch {
    // A PDF pdf.js cannot open is reported by the text reader with its own sentence.
    return [];
  } finally {
    await doc?.destroy().catch(() => undefined);
  }
}
