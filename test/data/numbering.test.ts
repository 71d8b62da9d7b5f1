// Issue 13 #19: document references (DOC-<number>) count 1, 2, 3… per workspace with no gap,
// whatever rolls back or runs at the same time (a sequence's cache skipped DOC-7 → DOC-34).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database';

let t: TestDatabase;
let n = 0;
const doc = (workspaceId: string) => ({ id: `doc_n${++n}`, workspaceId, kind: 'expense' as const, submitterId: 'u1', createdById: 'u1' });
const numbers = async (workspaceId: string) => (await t.db.document.findMany({ where: { workspaceId }, orderBy: { seq: 'asc' }, select: { number: true } })).map((d) => d.number);
const upTo = (k: number) => Array.from({ length: k }, (_, i) => i + 1);

beforeAll(async () => {
  t = await createTestDatabase();
  for (const id of ['WA', 'WB', 'WC', 'WD']) await t.db.workspace.create({ data: { id, name: id } });
});
afterAll(() => t?.drop());

describe('gap-free document numbers', () => {
  it('counts 1, 2, 3 per workspace, each workspace on its own', async () => {
    for (const w of ['WA', 'WB', 'WA', 'WA', 'WB']) await t.db.document.create({ data: doc(w) });
    expect(await numbers('WA')).toEqual([1, 2, 3]);
    expect(await numbers('WB')).toEqual([1, 2]);
  });

  it('gives concurrent creations distinct consecutive numbers', async () => {
    await Promise.all(Array.from({ length: 20 }, () => t.db.document.create({ data: doc('WC') })));
    expect((await numbers('WC')).sort((a, b) => a - b)).toEqual(upTo(20));
  });

  it('leaves no gap after a rolled-back creation or a failed insert', async () => {
    await t.db.document.create({ data: doc('WD') });
    await expect(
      t.db.$transaction(async (tx) => {
        await tx.document.create({ data: doc('WD') });
        throw new Error('crash after the insert');
      }),
    ).rejects.toThrow('crash after the insert');
    // The same id twice: the insert fails on the primary key after the trigger ran.
    const again = doc('WD');
    await t.db.document.create({ data: again });
    await expect(t.db.document.create({ data: again })).rejects.toThrow();
    await t.db.document.create({ data: doc('WD') });
    expect(await numbers('WD')).toEqual([1, 2, 3]);
  });

  it('ignores a number given by the caller: the counter decides', async () => {
    const d = await t.db.document.create({ data: { ...doc('WB'), number: 99 } });
    expect(d.number).toBe(3);
  });
});
