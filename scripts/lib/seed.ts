// A workspace with one person per role, for the benchmarks, the history recorder and the engine and bot tests.
import type { Prisma } from '../../generated/prisma/client';
import type { Role, StageDef } from '../../domain';
import type { Db } from '../../data/db';
import { ensureUser, ensureWorkspace } from '../../client/directory';

export const PEOPLE = {
  admin: ['admin'],
  book: ['bookkeeper'],
  coord1: ['coordinator'],
  coord2: ['coordinator'],
  appr1: ['approver'],
  appr2: ['approver'],
  cfo: ['approver'],
  emp: ['employee'],
  emp2: ['employee'],
  auditor: ['auditor'],
  payer: ['payment_manager'],
} satisfies Record<string, Role[]>;

export type Person = keyof typeof PEOPLE;

export interface Seeded {
  workspaceId: string;
  /** Internal user id of each person. */
  id: Record<Person, string>;
}

export async function seedWorkspace(db: Db, workspaceId = 'W1', settings: { reminderAfterSeconds?: number; escalateAfterSeconds?: number } = {}): Promise<Seeded> {
  await ensureWorkspace(db, { id: workspaceId, name: 'Test workspace' });
  if (Object.keys(settings).length) await db.workspace.update({ where: { id: workspaceId }, data: settings });
  const id = {} as Record<Person, string>;
  for (const [name, roles] of Object.entries(PEOPLE) as [Person, Role[]][]) {
    const u = await ensureUser(db, { workspaceId, slackId: `U_${name.toUpperCase()}`, name, roles });
    id[name] = u.id;
  }
  return { workspaceId, id };
}

export async function setChain(
  db: Db,
  workspaceId: string,
  name: string,
  stages: StageDef[],
  conditions: { kind?: 'invoice' | 'expense'; minAmount?: string; maxAmount?: string; costCentre?: string; supplier?: string } = {},
  isDefault = false,
): Promise<void> {
  const data = { isDefault, kind: conditions.kind ?? null, minAmount: conditions.minAmount ?? null, maxAmount: conditions.maxAmount ?? null, costCentre: conditions.costCentre ?? null, supplier: conditions.supplier ?? null, stages: stages as unknown as Prisma.InputJsonValue };
  await db.chain.upsert({ where: { workspaceId_name: { workspaceId, name } }, create: { id: `chain_${workspaceId}_${name}`, workspaceId, name, ...data }, update: data });
}
