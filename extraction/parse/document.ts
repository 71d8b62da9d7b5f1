import { findLabels, fold, type LabelHit, type LabelKind } from './labels';

/** One text line with its labels and cells (runs split by a tab or a wide gap). */
export interface DocLine {
  index: number;
  text: string;
  folded: string;
  labels: LabelHit[];
  cells: { start: number; end: number; text: string }[];
}

export interface Span {
  line: number;
  start: number;
  end: number;
}

export interface Doc {
  lines: DocLine[];
  /** Text regions that belong to the customer ("Bill to", "Klient", "Client"). */
  buyer: Span[];
  /** Text regions introduced by "From", "Müüja", "Fournisseur". */
  seller: Span[];
}

const PAGE_SEPARATOR = /^\s*--\s*\d+\s+of\s+\d+\s*--\s*$/;

export function splitCells(text: string): DocLine['cells'] {
  const cells: DocLine['cells'] = [];
  for (const m of text.matchAll(/[^\t]+?(?=\t| {3,}|$)/g)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (!t) continue;
    const start = (m.index ?? 0) + lead;
    cells.push({ start, end: start + t.length, text: t });
  }
  return cells;
}

export function buildDoc(text: string): Doc {
  const rawLines = text
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f\u2009]/g, ' ')
    .split('\n')
    .filter((l) => !PAGE_SEPARATOR.test(l))
    .map((l) => l.replace(/\s+$/, ''));
  const lines: DocLine[] = rawLines.map((t, index) => ({
    index,
    text: t,
    folded: fold(t),
    labels: findLabels(t),
    cells: splitCells(t),
  }));
  return { lines, buyer: region(lines, 'buyer'), seller: region(lines, 'seller') };
}

const STOP_KINDS: LabelKind[] = ['invoiceNumber', 'issueDate', 'dueDate', 'total', 'net', 'vat', 'iban'];

/**
 * The block a section label heads: its own cell plus the cells in the same column on the next
 * lines, until a blank line, another section or a field label. Columns matter because a common
 * layout puts the supplier on the left and the customer on the right of the same lines.
 */
function region(lines: DocLine[], kind: 'buyer' | 'seller'): Span[] {
  const spans: Span[] = [];
  const other = kind === 'buyer' ? 'seller' : 'buyer';
  for (const line of lines) {
    for (const hit of line.labels) {
      if (hit.kind !== kind) continue;
      const cellIdx = line.cells.findIndex((c) => hit.start >= c.start && hit.start < c.end);
      const cell = line.cells[cellIdx];
      if (!cell) continue;
      const column: 'first' | 'last' | 'only' = line.cells.length === 1 ? 'only' : cellIdx === 0 ? 'first' : 'last';
      spans.push({ line: line.index, start: hit.start, end: cell.end });
      for (let j = line.index + 1, taken = 0; j < lines.length && taken < 6; j++) {
        const next = lines[j]!;
        if (!next.text.trim()) {
          if (taken === 0) continue;
          break;
        }
        const c =
          column === 'first' ? next.cells[0] : column === 'last' ? next.cells[next.cells.length - 1] : undefined;
        const target = column === 'only' ? { start: 0, end: next.text.length } : c;
        // Right-column blocks end where the row stops having a second column.
        if (!target || (column === 'last' && next.cells.length < 2)) break;
        const inTarget = next.labels.filter((h) => h.start >= target.start && h.start < target.end);
        if (inTarget.some((h) => h.kind === other || h.kind === kind || STOP_KINDS.includes(h.kind))) break;
        if (column === 'first' && next.cells.length > 1 && line.cells.length === 1) {
          spans.push({ line: j, start: 0, end: next.text.length });
        } else {
          spans.push({ line: j, start: target.start, end: target.end });
        }
        taken++;
      }
    }
  }
  return spans;
}

export function inSpans(spans: Span[], line: number, pos: number): boolean {
  return spans.some((s) => s.line === line && pos >= s.start && pos < s.end);
}

/** Replaces spans of a string with spaces so later finders ignore them but indexes stay put. */
export function mask(s: string, ranges: [number, number][]): string {
  let out = s;
  for (const [a, b] of ranges) out = out.slice(0, a) + ' '.repeat(Math.max(0, b - a)) + out.slice(b);
  return out;
}
