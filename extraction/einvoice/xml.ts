// XML for e-invoices: bytes → a small element tree with local names (namespace prefixes
// dropped), so ZUGFeRD 1.0, CII D16B and pre-release namespaces read the same way.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XNode {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: XNode[];
}

/** `malformed`: not well-formed XML; `unsupported`: well-formed but not an e-invoice we read. */
export class EInvoiceError extends Error {
  override name = 'EInvoiceError';
  constructor(
    message: string,
    readonly code: 'malformed' | 'unsupported' = 'unsupported',
  ) {
    super(message);
  }
}

/**
 * Real files carry a byte-order mark, or a declaration naming an encoding that does not exist
 * ("UTF-8_W/O_BOM"): decode the bytes ourselves (UTF-16 by BOM, Latin-1 family when declared,
 * else UTF-8) and drop the declaration so no parser trips over it.
 */
export function decodeXml(buf: Buffer): string {
  let text: string;
  if (buf[0] === 0xff && buf[1] === 0xfe) text = new TextDecoder('utf-16le').decode(buf.subarray(2));
  else if (buf[0] === 0xfe && buf[1] === 0xff) text = new TextDecoder('utf-16be').decode(buf.subarray(2));
  else {
    const body = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
    const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([^"']+)["']/i.exec(body.subarray(0, 200).toString('latin1'))?.[1] ?? '';
    const latin = /^(iso-?8859-1|iso-?8859-15|latin-?1|windows-1252|cp1252)$/i.test(declared);
    text = new TextDecoder(latin ? 'windows-1252' : 'utf-8').decode(body);
  }
  return text.replace(/^\uFEFF/, '').replace(/^\s*<\?xml[^>]*\?>/, '');
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: false,
});

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

function toNode(name: string, entry: Ordered): XNode {
  const node: XNode = { name, attrs: entry[':@'] ?? {}, text: '', children: [] };
  for (const item of (entry[name] as Ordered[]) ?? []) {
    const key = Object.keys(item).find((k) => k !== ':@');
    if (!key) continue;
    if (key === '#text') node.text += String(item[key]);
    else if (!key.startsWith('?') && key !== '#comment') node.children.push(toNode(key, item));
  }
  node.text = node.text.trim();
  return node;
}

function wellFormednessProblem(err: { msg: string; line: number }): string {
  // The validator lists the elements still open at the end as a JSON array: a cut-off file.
  const open = /^Invalid '\[(.*)\]' found/s.exec(err.msg)?.[1];
  if (open !== undefined) {
    const first = /"([^"]+)"/.exec(open)?.[1] ?? 'the root element';
    return `The XML is not well-formed: it ends before <${first}> and the elements inside it are closed (the file may be cut off).`;
  }
  return `The XML is not well-formed (line ${err.line}: ${err.msg.replace(/\.$/, '')}).`;
}

/**
 * Attached documents (a PDF copy, timesheets) travel inside the XML as base64 - megabytes that
 * nothing here reads. Emptying them first makes a 3 MB XRechnung parse like a 10 kB one.
 */
const BINARY_OBJECT = /(<(?:[\w.-]+:)?(?:EmbeddedDocumentBinaryObject|AttachmentBinaryObject)\b[^>]*>)[^<]+(?=<\/)/g;

/** The root element; an XML that is not well-formed is refused with the line where it breaks. */
export function parseXml(xml: string): XNode {
  const text = xml.replace(BINARY_OBJECT, '$1');
  // No e-invoice syntax uses DTD entities; refusing them rules out entity-expansion bombs.
  if (/<!ENTITY/i.test(text)) throw new EInvoiceError('The XML declares its own entities (<!ENTITY>), which e-invoices never do, so it was not read.');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new EInvoiceError(wellFormednessProblem(valid.err), 'malformed');
  const items = parser.parse(text) as Ordered[];
  for (const item of items) {
    const key = Object.keys(item).find((k) => k !== ':@' && k !== '#text' && !k.startsWith('?') && k !== '#comment');
    if (key) return toNode(key, item);
  }
  throw new EInvoiceError('The XML has no root element.', 'malformed');
}

/** Direct child by local name. */
export const child = (n: XNode | null | undefined, name: string): XNode | null => n?.children.find((c) => c.name === name) ?? null;
export const childrenNamed = (n: XNode | null | undefined, name: string): XNode[] => n?.children.filter((c) => c.name === name) ?? [];

/** Follows a path of local names through direct children, taking the first match at each step. */
export function at(n: XNode | null | undefined, ...path: string[]): XNode | null {
  let cur: XNode | null = n ?? null;
  for (const p of path) cur = child(cur, p);
  return cur;
}

/** Every descendant with this local name in document order, not descending into `skip` elements. */
export function descendants(n: XNode | null | undefined, name: string, skip: ReadonlySet<string> = new Set()): XNode[] {
  const out: XNode[] = [];
  const walk = (x: XNode) => {
    for (const c of x.children) {
      if (skip.has(c.name)) continue;
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  if (n) walk(n);
  return out;
}

export const first = (n: XNode | null | undefined, name: string, skip?: ReadonlySet<string>): XNode | null => descendants(n, name, skip)[0] ?? null;

/** Text of an element; empty elements count as absent. */
export const textOf = (n: XNode | null | undefined): string | null => {
  const t = n?.text.replace(/\s+/g, ' ').trim();
  return t ? t : null;
};
