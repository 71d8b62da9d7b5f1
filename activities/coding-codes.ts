// The code-list check the saveCoding activity runs before it stores anything: the workflow
// cannot read the lists itself (no I/O in workflow code), so the activity refuses.
import { codeProblems, type CodingLine } from '../domain';
import type { Db } from '../data/db';

export async function codingCodeProblems(db: Db, p: { workspaceId: string; documentId: string; lines: CodingLine[] }): Promise<string[]> {
  const [listed, kept] = await Promise.all([
    db.codeListEntry.findMany({ where: { workspaceId: p.workspaceId }, select: { type: true, code: true, retiredAt: true } }),
    db.codingLine.findMany({ where: { documentId: p.documentId } }),
  ]);
  return codeProblems(
    p.lines,
    listed.map((c) => ({ type: c.type, code: c.code, retired: c.retiredAt !== null })),
    kept.map((l) => ({ account: l.account, vatCode: l.vatCode, costCentre: l.costCentre, project: l.project, amount: '0' })),
  );
}
