import type { Band } from '../../extraction/parse/rows';

/**
 * Bands as a PDF or OCR would give them: `rows[i]` lists [x, text] words drawn on row i (10 pt
 * high, 20 pt apart); `late` lists [x, text, row] words drawn afterwards (out of reading order).
 */
export function boxesFromRows(rows: [number, string][][], late: [number, string, number][] = []): Band[] {
  const box = (x: number, text: string, row: number) => ({ text, x0: x, x1: x + text.length * 5, y0: row * 20, y1: row * 20 + 10 });
  const bands: Band[] = [];
  rows.forEach((words, row) => words.forEach(([x, t]) => bands.push({ y0: row * 20, y1: row * 20 + 10, words: [box(x, t, row)] })));
  for (const [x, t, row] of late) bands.push({ y0: row * 20, y1: row * 20 + 10, words: [box(x, t, row)] });
  return bands;
}
