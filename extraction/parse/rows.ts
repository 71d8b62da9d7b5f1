/**
 * Words with boxes → text rows, the one layout step both sources share (pdf.js text items of a
 * text PDF, Tesseract's word boxes of a scan). Reading order in the file is not page order: a
 * label on the left and its amount on the far right often come back far apart (separate OCR
 * blocks, or a PDF that draws all labels first and all values later). Words whose vertical
 * extents overlap by more than half the smaller height form one row, left to right; a wide
 * horizontal gap becomes a tab (a cell boundary the field parser reads as a column).
 */
export interface Box {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface RowOptions {
  /** A gap wider than this many row heights is a column gap (tab), not a word space. */
  cellGap: number;
  /** A gap narrower than this many row heights joins the pieces without a space (split glyph runs). */
  joinGap: number;
}

export interface Row {
  y0: number;
  y1: number;
  h: number;
  words: Box[];
}

/** Something with a vertical extent that carries words: one word, or one OCR line of words. */
export interface Band {
  y0: number;
  y1: number;
  words: Box[];
}

function overlaps(r: Row, b: Band): boolean {
  const h = Math.max(1e-6, b.y1 - b.y0);
  const overlap = Math.min(r.y1, b.y1) - Math.max(r.y0, b.y0);
  return overlap > 0.5 * Math.min(r.h, h);
}

export function groupRows(bands: Band[]): Row[] {
  const items = bands.filter((b) => b.words.some((w) => w.text.trim())).sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1));
  const rows: Row[] = [];
  for (const b of items) {
    // The nearest rows first: a match two rows up would swallow a line into the wrong row.
    let row: Row | undefined;
    for (let i = rows.length - 1; i >= Math.max(0, rows.length - 4); i--) {
      if (overlaps(rows[i]!, b)) {
        row = rows[i];
        break;
      }
    }
    if (row) {
      row.words.push(...b.words);
      row.y0 = Math.min(row.y0, b.y0);
      row.y1 = Math.max(row.y1, b.y1);
    } else {
      rows.push({ y0: b.y0, y1: b.y1, h: Math.max(1e-6, b.y1 - b.y0), words: [...b.words] });
    }
  }
  return rows.sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1));
}

export function rowText(row: Row, opts: RowOptions): string {
  const words = [...row.words].sort((a, b) => a.x0 - b.x0);
  let out = '';
  let prev: Box | null = null;
  for (const w of words) {
    const t = prev ? w.text.replace(/^\s+/, '') : w.text.trim();
    if (prev) {
      const gap = w.x0 - prev.x1;
      if (gap > row.h * opts.cellGap) out = `${out.trimEnd()}\t`;
      else if (gap > row.h * opts.joinGap && !/\s$/.test(out)) out += ' ';
    }
    out += t;
    prev = w;
  }
  return out.trimEnd();
}

export function bandsToText(bands: Band[], opts: RowOptions): string {
  return groupRows(bands)
    .map((r) => rowText(r, opts))
    .join('\n');
}
