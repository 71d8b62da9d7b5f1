/**
 * Coding codes against the workspace's code lists. A list that holds no code at all is not
 * kept by the workspace: any code is accepted there. Once a list is kept, a code must be on it
 * and not retired; a retired code stays acceptable on a document that already carries it in
 * the same place (retiring a code never breaks documents coded before).
 */
import type { CodingLine } from './coding';

export type CodeKind = 'account' | 'vat' | 'cost_centre' | 'project';

export interface ListedCode {
  type: CodeKind;
  code: string;
  retired: boolean;
}

const FIELDS: { kind: CodeKind; field: 'account' | 'vatCode' | 'costCentre' | 'project'; label: string }[] = [
  { kind: 'account', field: 'account', label: 'account' },
  { kind: 'vat', field: 'vatCode', label: 'VAT code' },
  { kind: 'cost_centre', field: 'costCentre', label: 'cost centre' },
  { kind: 'project', field: 'project', label: 'project' },
];

/** Human-readable problems, [] when every code is on its list (or the list is not kept). */
export function codeProblems(lines: readonly CodingLine[], listed: readonly ListedCode[], kept: readonly CodingLine[] = []): string[] {
  const problems: string[] = [];
  for (const { kind, field, label } of FIELDS) {
    const list = listed.filter((c) => c.type === kind);
    if (list.length === 0) continue;
    const byCode = new Map(list.map((c) => [c.code, c]));
    const alreadyUsed = new Set(kept.map((l) => l[field]).filter((v): v is string => !!v));
    lines.forEach((line, i) => {
      const value = line[field];
      if (!value) return;
      const entry = byCode.get(value);
      if (!entry) problems.push(`Line ${i + 1}: ${label} "${value}" is not on the ${label} list.`);
      else if (entry.retired && !alreadyUsed.has(value)) problems.push(`Line ${i + 1}: ${label} "${value}" is retired: choose another.`);
    });
  }
  return problems;
}
