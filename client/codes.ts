// The lists administrators maintain for coding: accounts, VAT codes, cost centres, projects.
import type { Db } from '../data/db';
import { newId } from '../data/ids';
import type { CodeListType } from '../generated/prisma/client';
import { permission } from './actors';
import { done, refused, type Outcome } from './result';
import { auditConfig } from './workspace-audit';

export type CodeType = CodeListType;

export async function addCode(db: Db, p: { workspaceId: string; actorId: string; type: CodeType; code: string; label: string }): Promise<Outcome> {
  const may = await permission(db, p.workspaceId, p.actorId, 'configure');
  if (!may.ok) return refused(may.reason);
  if (!p.code.trim() || !p.label.trim()) return refused('A code and a label are required.');
  await db.codeListEntry.upsert({
    where: { workspaceId_type_code: { workspaceId: p.workspaceId, type: p.type, code: p.code } },
    create: { id: newId('code'), workspaceId: p.workspaceId, type: p.type, code: p.code, label: p.label },
    update: { label: p.label },
  });
  await auditConfig(db, { workspaceId: p.workspaceId, actorId: p.actorId, action: 'code_added', details: { type: p.type, code: p.code, label: p.label } });
  return done(undefined, `${p.type} ${p.code} saved.`);
}

export async function listCodes(db: Db, workspaceId: string, type?: CodeType) {
  return db.codeListEntry.findMany({ where: { workspaceId, ...(type ? { type } : {}) }, orderBy: [{ type: 'asc' }, { code: 'asc' }] });
}
