/** What the bytes say the file is; the extension and the MIME type from Slack are not trusted. */
export type FileKind =
  | 'pdf'
  | 'png'
  | 'jpeg'
  | 'webp'
  | 'tiff'
  | 'gif'
  | 'heic'
  | 'avif'
  | 'zip'
  | 'xml'
  | 'unknown';

const ascii = (buf: Buffer, start: number, end: number): string =>
  buf.subarray(start, Math.min(end, buf.length)).toString('latin1');

export function sniffFileKind(buf: Buffer): FileKind {
  if (buf.length >= 4 && buf[0] === 0x89 && ascii(buf, 1, 4) === 'PNG') return 'png';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (ascii(buf, 0, 4) === 'RIFF' && ascii(buf, 8, 12) === 'WEBP') return 'webp';
  const t4 = ascii(buf, 0, 4);
  if (t4 === 'II*\u0000' || t4 === 'MM\u0000*') return 'tiff';
  if (t4 === 'GIF8') return 'gif';
  if (ascii(buf, 4, 8) === 'ftyp') {
    const brand = ascii(buf, 8, 12);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return 'heic';
  }
  if (buf.length >= 4 && buf[0] === 0x50 && buf[1] === 0x4b && (buf[2] === 3 || buf[2] === 5 || buf[2] === 7)) return 'zip';
  // Some generators put junk (a BOM, an e-mail header) before %PDF-; readers accept it within 1 KB.
  if (ascii(buf, 0, 1024).includes('%PDF-')) return 'pdf';
  if (looksLikeXml(buf)) return 'xml';
  return 'unknown';
}

/** An XML document (e-invoices): a declaration or a root element first, after a BOM; HTML is not. */
function looksLikeXml(buf: Buffer): boolean {
  const utf16 = (buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff);
  const head = (utf16 ? buf.subarray(2, 514).toString(buf[0] === 0xff ? 'utf16le' : 'latin1').replace(/\u0000/g, '') : ascii(buf, 0, 512))
    .replace(/^\xEF\xBB\xBF/, '')
    .trimStart();
  if (/^<(!doctype\s+html|html[\s>])/i.test(head)) return false;
  return /^<\?xml[\s?]/i.test(head) || /^<(!--|[A-Za-z_][\w.:-]*[\s>/])/.test(head);
}

export function describeKind(kind: FileKind): string {
  switch (kind) {
    case 'zip':
      return 'a ZIP archive (or an Office document)';
    case 'heic':
      return 'a HEIC photo';
    case 'avif':
      return 'an AVIF image';
    case 'xml':
      return 'an XML file';
    case 'unknown':
      return 'not a PDF, an image or an XML e-invoice';
    default:
      return `a ${kind.toUpperCase()} file`;
  }
}
