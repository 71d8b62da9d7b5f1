// Approval chains as administrators define them. Validation runs against the people named
// (a coordinator can never be a final approver); a chain in force is never changed under a
// document in flight, because documents keep the snapshot their round started with.
import { validateChain, type Actor, type ChainDef } from '../domain';
import type { Prisma } from '../generated/prisma/client';
import type { Db } from '../data/db';
import { toActor, toChainDef } from '../data/mappers';
import { newId } from '../data/ids';
import { permission } from './actors';
import { done, refused, type Outcome } from './result';
import { auditConfig } from './workspace-audit';

export async function setChain(db: Db, p: { workspaceId: string; actorId: string; chain: ChainDef }): Promise<Outcome> {
  const may = await permission(db, p.workspaceId, p.actorId, 'configure');
  if (!may.ok) return refused(may.reason);
  const named = [...new Set(p.chain.stages.flatMap((s) => s.assignees))];
  const users = await db.user.findMany({ where: { workspaceId: p.workspaceId, id: { in: named } } });
  const byId = new Map<string, Actor>(users.map((u) => [u.id, toActor(u)]));
  const problems = validateChain(p.chain, byId);
  if (problems.length > 0) return refused(problems.join(' '));
  const c = p.chain.conditions;
  const data = {
    kind: c.kind ?? null,
    minAmount: c.minAmount ?? null,
    maxAmount: c.maxAmount ?? null,
    costCentre: c.costCentre ?? null,
    supplier: c.supplier ?? null,
    stages: p.chain.stages as unknown as Prisma.InputJsonValue,
    updatedById: p.actorId,
  };
  await db.$transaction(async (tx) => {
    if (p.chain.isDefault) await tx.chain.updateMany({ where: { workspaceId: p.workspaceId, isDefault: true }, data: { isDefault: false } });
    await tx.chain.upsert({
      where: { workspaceId_name: { workspaceId: p.workspaceId, name: p.chain.name } },
      create: { id: newId('chain'), workspaceId: p.workspaceId, name: p.chain.name, isDefault: p.chain.isDefault, ...data },
      update: { ...data, ...(p.chain.isDefault ? { isDefault: true } : {}) },
    });
  });
  await auditConfig(db, { workspaceId: p.workspaceId, actorId: p.actorId, action: 'chain_set', details: { chain: p.chain as unknown as Record<string, unknown> } });
  return done(undefined, `Chain ${p.chain.name} saved. Documents already in a round keep the chain they started with.`);
}

export async function setDefaultChain(db: Db, p: { workspaceId: string; actorId: string; name: string }): Promise<Outcome> {
  const may = await permission(db, p.workspaceId, p.actorId, 'configure');
  if (!may.ok) return refused(may.reason);
  const chain = await db.chain.findUnique({ where: { workspaceId_name: { workspaceId: p.workspaceId, name: p.name } } });
  if (!chain) return refused(`There is no chain named ${p.name}.`);
  await db.$transaction([
    db.chain.updateMany({ where: { workspaceId: p.workspaceId, isDefault: true }, data: { isDefault: false } }),
    db.chain.update({ where: { id: chain.id }, data: { isDefault: true, updatedById: p.actorId } }),
  ]);
  await auditConfig(db, { workspaceId: p.workspaceId, actorId: p.actorId, action: 'chain_default', details: { name: p.name } });
  return done(undefined, `${p.name} is now the default chain.`);
}

export async function removeChain(db: Db, p: { workspaceId: string; actorId: string; name: string }): Promise<Outcome> {
  const may = await permission(db, p.workspaceId, p.actorId, 'configure');
  if (!may.ok) return refused(may.reason);
  const { count } = await db.chain.deleteMany({ where: { workspaceId: p.workspaceId, name: p.name } });
  if (count === 0) return refused(`There is no chain named ${p.name}.`);
  await auditConfig(db, { workspaceId: p.workspaceId, actorId: p.actorId, action: 'chain_removed', details: { name: p.name } });
  return done(undefined, `Chain ${p.name} removed. Documents already in a round keep their snapshot.`);
}

export async function listChains(db: Db, workspaceId: string): Promise<ChainDef[]> {
  const rows = await db.chain.findMany({ where: { workspaceId }, orderBy: [{ isDefault: 'desc' }, { name: 'asc' }] });
  return rows.map(toChainDef);
}

export async function getChain(db: Db, workspaceId: string, name: string): Promise<ChainDef | null> {
  const row = await db.chain.findUnique({ where: { workspaceId_name: { workspaceId, name } } });
  return row ? toChainDef(row) : null;
}
