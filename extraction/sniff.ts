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
  return 'unknown';
}

export function describeKind(kind: FileKind): string {
  switch (kind) {
    case 'zip':
      return 'a ZIP archive (or an Office document)';
    case 'heic':
      return 'a HEIC photo';
    case 'avif':
      return 'an AVIF image';
    case 'unknown':
      return 'not a PDF or an image';
    default:
      return `a ${kind.toUpperCase()} file`;
  }
}
