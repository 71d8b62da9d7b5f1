import { bandsToText } from '../parse/rows';

/** Minimal shape of tesseract.js block output that the layout step reads. */
export interface OcrWord {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}
export interface OcrLine {
  words: OcrWord[];
  bbox: { x0: number; y0: number; x1: number; y1: number };
}

/**
 * Rebuilds reading rows from Tesseract's lines (parse/rows.ts), so that the same field parser
 * serves scans and text PDFs: lines whose vertical extents overlap form one row, their words
 * left to right. Rows are grouped by line boxes rather than single words, because a word box
 * of "." or "-" is too small to say which row it belongs to. ~1.5 row heights is wider than a
 * word space and narrower than any column gap.
 */
export function linesToText(lines: OcrLine[]): string {
  const bands = lines.map((l) => ({
    ...l.bbox,
    words: l.words.filter((w) => w.text.trim()).map((w) => ({ text: w.text.trim(), ...w.bbox })),
  }));
  return bandsToText(bands, { cellGap: 1.5, joinGap: 0 });
}
