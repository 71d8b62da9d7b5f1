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
 * Rebuilds reading rows from Tesseract's lines. Tesseract splits a page into blocks, so a label
 * on the left and its amount on the far right often come back as separate blocks, pages apart
 * in the text. Lines whose vertical extents overlap are merged into one row, left to right,
 * and wide horizontal gaps become tabs (cell boundaries), matching what pdf-parse gives for
 * text PDFs, so the same field parser serves both.
 */
export function linesToText(lines: OcrLine[]): string {
  const items = lines
    .filter((l) => l.words.some((w) => w.text.trim()))
    .map((l) => ({ ...l, cy: (l.bbox.y0 + l.bbox.y1) / 2, h: Math.max(1, l.bbox.y1 - l.bbox.y0) }))
    .sort((a, b) => a.cy - b.cy);
  const rows: { y0: number; y1: number; words: OcrWord[]; h: number }[] = [];
  for (const l of items) {
    const row = rows.find((r) => {
      const overlap = Math.min(r.y1, l.bbox.y1) - Math.max(r.y0, l.bbox.y0);
      return overlap > 0.5 * Math.min(r.h, l.h);
    });
    if (row) {
      row.words.push(...l.words);
      row.y0 = Math.min(row.y0, l.bbox.y0);
      row.y1 = Math.max(row.y1, l.bbox.y1);
    } else {
      rows.push({ y0: l.bbox.y0, y1: l.bbox.y1, words: [...l.words], h: l.h });
    }
  }
  rows.sort((a, b) => a.y0 + a.y1 - (b.y0 + b.y1));
  return rows
    .map((r) => {
      const words = r.words.filter((w) => w.text.trim()).sort((a, b) => a.bbox.x0 - b.bbox.x0);
      let out = '';
      let prev: OcrWord | null = null;
      for (const w of words) {
        if (prev) {
          const gap = w.bbox.x0 - prev.bbox.x1;
          // ~1.5 line heights: wider than a word space, narrower than any column gap.
          out += gap > r.h * 1.5 ? '\t' : ' ';
        }
        out += w.text.trim();
        prev = w;
      }
      return out;
    })
    .join('\n');
}
