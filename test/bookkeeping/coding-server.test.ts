// Coding checked on the server against the code lists (issue 13 finding 12, issue 16): an
// unknown or retired code is refused by the engine whatever the modal offered; a document that
// already carries a code keeps it after the code is retired; a 12-line coding balances.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/engine-harness';
import { seedWorkspace, type Seeded } from '../../scripts/lib/seed';
import { k, setInvoiceChain, submitConfirmed, waitNote } from '../workflows/flow';
import type { CodingLine } from '../../domain';

let h: Harness;
let s: Seeded;

beforeAll(async () => {
  h = await createHarness();
  s = await seedWorkspace(h.db, 'W-codes');
  await setInvoiceChain(h, s);
  const codes: [string, 'account' | 'vat' | 'cost_centre', string][] = [
    ['6010', 'account', 'Office'],
    ['6020', 'account', 'Travel'],
    ['6030', 'account', 'Software'],
    ['VAT22', 'vat', 'Standard 22 %'],
    ['VAT9', 'vat', 'Reduced 9 %'],
    ['CC1', 'cost_centre', 'Sales'],
  ];
  for (const [code, type, label] of codes) await h.db.codeListEntry.create({ data: { id: `c_${type}_${code}`, workspaceId: s.workspaceId, type, code, label } });
});
afterAll(async () => h?.close());

const line = (amount: string, extra: Partial<CodingLine> = {}): CodingLine => ({ account: '6010', vatCode: 'VAT22', costCentre: 'CC1', project: null, amount, ...extra });

async function codingDoc(total: string) {
  const doc = await submitConfirmed(h, s, { kind: 'invoice', total });
  await waitNote(h, doc.documentId, 'step_assigned', { stageIndex: 0, recipientId: s.id.book });
  return doc.documentId;
}

describe('codes on the server', () => {
  it('refuses an account, VAT code or cost centre that is not on its list, and stores nothing', async () => {
    const id = await codingDoc('100.00');
    const save = (lines: CodingLine[]) => h.engine.saveCoding(id, { actorId: s.id.book, key: k('coding'), lines });
    expect(await save([line('100.00', { account: '9999' })])).toMatchObject({ ok: false, reason: expect.stringMatching(/account "9999" is not on the account list/) });
    expect(await save([line('100.00', { vatCode: 'VAT99' })])).toMatchObject({ ok: false, reason: expect.stringMatching(/VAT code "VAT99"/) });
    expect(await save([line('60.00'), line('40.00', { costCentre: 'NOPE' })])).toMatchObject({ ok: false, reason: expect.stringMatching(/Line 2: cost centre "NOPE"/) });
    expect(await h.db.codingLine.count({ where: { documentId: id } })).toBe(0);
    // The project list is not kept in this workspace: any project is accepted.
    expect(await save([line('100.00', { project: 'P-anything' })])).toMatchObject({ ok: true });
  });

  it('a retired code is refused on new coding but stays on a document that already has it', async () => {
    const coded = await codingDoc('50.00');
    const fresh = await codingDoc('50.00');
    expect(await h.engine.saveCoding(coded, { actorId: s.id.book, key: k('coding'), lines: [line('50.00', { account: '6030' })] })).toMatchObject({ ok: true });
    await h.db.codeListEntry.update({ where: { id: 'c_account_6030' }, data: { retiredAt: new Date() } });
    expect(await h.engine.saveCoding(fresh, { actorId: s.id.book, key: k('coding'), lines: [line('50.00', { account: '6030' })] })).toMatchObject({ ok: false, reason: expect.stringMatching(/retired/) });
    // Re-saving the old document's coding (e.g. a new cost split) keeps the retired account.
    expect(await h.engine.saveCoding(coded, { actorId: s.id.book, key: k('coding'), lines: [line('20.00', { account: '6030' }), line('30.00')] })).toMatchObject({ ok: true });
    await h.db.codeListEntry.update({ where: { id: 'c_account_6030' }, data: { retiredAt: null } });
  });

  it('a 12-line invoice is coded, balanced to the cent and sent on', async () => {
    const id = await codingDoc('1000.00');
    const accounts = ['6010', '6020', '6030'];
    const lines = Array.from({ length: 12 }, (_, i) => line(i < 11 ? '83.33' : '83.37', { account: accounts[i % 3]!, vatCode: i % 2 ? 'VAT9' : 'VAT22' }));
    const off = await h.engine.saveCoding(id, { actorId: s.id.book, key: k('coding'), lines: [...lines.slice(0, 11), line('83.36')] });
    expect(off).toMatchObject({ ok: false, reason: expect.stringMatching(/0.01 less/) });
    expect(await h.engine.saveCoding(id, { actorId: s.id.book, key: k('coding'), lines })).toMatchObject({ ok: true });
    expect(await h.engine.decide(id, { actorId: s.id.book, action: 'approve', key: k('send') })).toMatchObject({ ok: true });
    const stored = await h.db.codingLine.findMany({ where: { documentId: id }, orderBy: { position: 'asc' } });
    expect(stored).toHaveLength(12);
    expect(stored.reduce((sum, l) => sum + Math.round(Number(l.amount) * 100), 0)).toBe(100000);
  });
});
