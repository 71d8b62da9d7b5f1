import type { Doc, DocLine } from './document';
import type { LabelHit, LabelKind } from './labels';

/** How a value was found; confidence is derived from it. */
export type Where = 'same-line' | 'next-line' | 'fallback';

export interface Located<T> {
  value: T;
  line: number;
  where: Where;
  label: LabelHit;
}

/** Label kinds that do not end a value's segment ("Total EUR" or "Due" inside free text). */
const TRANSPARENT: LabelKind[] = ['other'];

function segmentAfter(line: DocLine, hit: LabelHit): [number, number] {
  const next = line.labels.find((h) => h.start >= hit.end && !TRANSPARENT.includes(h.kind));
  return [hit.end, next ? next.start : line.text.length];
}

/**
 * Values for every label of `kind`: first on the label's own line (to the right of it, up to
 * the next label), else on the next non-blank line. When a line holds several labels and the
 * next line holds as many values ("Invoice date   Due date" / "23.11.2026   07.12.2026"), the
 * label's rank picks its value.
 */
export function locate<T>(
  doc: Doc,
  kind: LabelKind | LabelKind[],
  finder: (segment: string, line: DocLine, offset: number) => T[],
  pick: 'first' | 'last' = 'first',
): Located<T>[] {
  const kinds = Array.isArray(kind) ? kind : [kind];
  const out: Located<T>[] = [];
  for (const line of doc.lines) {
    const valueLabels = line.labels.filter((h) => !TRANSPARENT.includes(h.kind));
    for (const hit of line.labels) {
      if (!kinds.includes(hit.kind)) continue;
      const [a, b] = segmentAfter(line, hit);
      const same = finder(line.text.slice(a, b), line, a);
      if (same.length) {
        out.push({ value: (pick === 'first' ? same[0] : same[same.length - 1])!, line: line.index, where: 'same-line', label: hit });
        continue;
      }
      // Only labels that stand alone at the end of their segment look down to the next line.
      let j = line.index + 1;
      while (j < doc.lines.length && !doc.lines[j]!.text.trim() && j - line.index < 2) j++;
      const next = doc.lines[j];
      if (!next) continue;
      const firstLabel = next.labels.find((h) => !TRANSPARENT.includes(h.kind));
      const end = firstLabel ? firstLabel.start : next.text.length;
      const found = finder(next.text.slice(0, end), next, 0);
      if (!found.length) continue;
      const rank = valueLabels.indexOf(hit);
      const chosen = found.length === valueLabels.length && rank >= 0 ? found[rank] : found.length > 1 && rank >= 0 && valueLabels.length > 1 ? found[Math.min(rank, found.length - 1)] : found[0];
      if (chosen !== undefined) out.push({ value: chosen, line: next.index, where: 'next-line', label: hit });
    }
  }
  return out;
}
