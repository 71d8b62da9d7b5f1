// Coding through the real bot: a chart of accounts imported from a CSV with a preview first;
// a supplier's second invoice opens its coding form pre-filled from the first (the split in
// percent), saying so, and is saved with one click; an administrator's rule beats that
// history; "Add line" and "Update totals" keep what was typed and show the difference.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clickButton, submitView } from '../../slack-fake';
import { startBotHarness, type BotHarness } from '../bot/support/bot-harness';
import { SLACK } from '../../scripts/lib/slack-people';
import { buttons, TIMEOUT, waitEphemeral, waitMessage } from '../bot/support/slack-view';
import { k, waitNote } from '../workflows/flow';

let h: BotHarness;
const VAT = 'EE102179567';
const OTHER = 'EE100000001';

beforeAll(async () => {
  h = await startBotHarness({ extraction: false });
  const codes: [string, 'account' | 'vat' | 'cost_centre', string, string | null][] = [['6010', 'account', 'IT services', null], ['6020', 'account', 'Software', null], ['VAT22', 'vat', 'Standard 22 %', '22'], ['OPS', 'cost_centre', 'Operations', null]];
  for (const [code, type, label, vatRate] of codes) await h.engine.db.codeListEntry.create({ data: { id: `c_${code}`, workspaceId: h.seed.workspaceId, type, code, label, vatRate } });
  expect(await command(SLACK.admin, `chain set learn kind=invoice : coding ; approve any <@${SLACK.appr1}>`)).toMatch(/saved/);
});
afterAll(async () => h?.close());

async function command(user: string, text: string): Promise<string> {
  const before = h.fake.ephemerals(user).length;
  await h.slack.sendSlashCommand({ user, text });
  return (await waitEphemeral(h.fake, user, () => true, before)).text;
}

/** A purchase invoice of the supplier, confirmed, waiting for coding. */
async function invoice(total: string, number: string, vatNo = VAT) {
  const e = h.engine;
  const doc = await e.engine.submit({ workspaceId: h.seed.workspaceId, submitterId: h.seed.id.book, kind: 'invoice', fields: { totalAmount: total, currency: 'EUR', supplierName: vatNo === VAT ? 'Tammsaare IT OÜ' : 'Other AS', supplierVatNo: vatNo, invoiceNumber: number } });
  await waitNote(e, doc.documentId, 'confirm_request');
  expect(await e.engine.confirm(doc.documentId, { actorId: h.seed.id.book, key: k('confirm') })).toMatchObject({ ok: true });
  await waitMessage(h.fake, SLACK.book, (m) => m.text.startsWith(`${doc.reference}:`) && buttons(m).includes('coding_open'), 'the coding request');
  return doc;
}

async function openCoding() {
  const before = h.fake.topView(SLACK.book)?.id;
  await clickButton(h.fake, h.slack, { userId: SLACK.book, actionId: 'coding_open' });
  return h.fake.waitUntil(() => { const v = h.fake.topView(SLACK.book); return v?.callback_id === 'coding' && v.id !== before ? v : undefined; }, { timeoutMs: TIMEOUT });
}

type Blocks = { block_id?: string; type: string; element?: { initial_value?: string; initial_option?: { value: string } }; elements?: { text: string }[]; text?: { text: string } }[];
const initial = (blocks: Blocks, id: string) => { const el = blocks.find((b) => b.block_id === id)?.element; return el?.initial_option?.value ?? el?.initial_value ?? null; };

describe('coding that learns, in Slack', () => {
  it('imports a chart of accounts from a CSV: a preview first, then apply; the same file again changes nothing', async () => {
    const csv = 'type;code;label;vat rate;retired\naccount;6010;IT services;;\naccount;6020;Software;;\naccount;6990;Other costs (new);;\nvat;VAT22;Standard 22 %;22;\nproject;P-ERP;ERP rollout;;\nproject;P-OLD;Old project;;yes\n';
    const file = h.fake.addFile({ name: 'accounts.csv', mimetype: 'text/csv', content: Buffer.from(csv), ownerId: SLACK.admin });
    const before = await h.engine.db.codeListEntry.count({ where: { workspaceId: h.seed.workspaceId } });
    const preview = await command(SLACK.admin, `codes import ${file.id}`);
    expect(preview).toMatch(/Preview of accounts.csv/);
    expect(preview).toContain('3 to add, 0 to change, 0 to retire, 0 to restore, 3 unchanged');
    expect(preview).toContain('account 6990 Other costs (new)');
    expect(preview).toContain('project P-OLD Old project (retired)');
    expect(await h.engine.db.codeListEntry.count({ where: { workspaceId: h.seed.workspaceId } })).toBe(before);
    expect(await command(SLACK.book, `codes import ${file.id} apply`)).toMatch(/🚫/);
    expect(await command(SLACK.admin, `codes import ${file.id} apply`)).toMatch(/✅ accounts.csv imported/);
    const added = await h.engine.db.codeListEntry.findMany({ where: { workspaceId: h.seed.workspaceId, code: { in: ['6990', 'P-ERP', 'P-OLD'] } }, orderBy: { code: 'asc' } });
    expect(added.map((c) => [c.type, c.code, c.retiredAt !== null])).toEqual([['account', '6990', false], ['project', 'P-ERP', false], ['project', 'P-OLD', true]]);
    expect(await command(SLACK.admin, `codes import ${file.id}`)).toContain('0 to add, 0 to change, 0 to retire, 0 to restore, 6 unchanged');
  });

  it("a supplier's second invoice opens pre-filled from the first, one click saves it; an administrator's rule then beats history", async () => {
    const e = h.engine;
    const first = await invoice('200.00', 'TIT-1');
    expect(await e.engine.saveCoding(first.documentId, { actorId: h.seed.id.book, key: k('c'), lines: [
      { account: '6010', vatCode: 'VAT22', costCentre: 'OPS', project: null, amount: '150.00' },
      { account: '6020', vatCode: 'VAT22', costCentre: null, project: null, amount: '50.00' },
    ] })).toMatchObject({ ok: true });
    expect(await e.engine.decide(first.documentId, { actorId: h.seed.id.book, action: 'approve', key: k('send') })).toMatchObject({ ok: true });
    await waitNote(e, first.documentId, 'step_assigned', { recipientId: h.seed.id.appr1 });
    expect(await e.engine.decide(first.documentId, { actorId: h.seed.id.appr1, action: 'approve', key: k('ok') })).toMatchObject({ ok: true });
    expect(await e.engine.result(first.documentId)).toBe('approved');

    const second = await invoice('400.00', 'TIT-2');
    const modal = await openCoding();
    const blocks = modal.blocks as Blocks;
    expect(JSON.stringify(blocks)).toContain(`Filled in from ${first.reference}, this supplier's last approved document (matched by VAT id)`);
    expect([initial(blocks, 'l1_account'), initial(blocks, 'l1_vat'), initial(blocks, 'l1_cc'), initial(blocks, 'l1_amount')]).toEqual(['6010', 'VAT22', 'OPS', '300.00']);
    expect([initial(blocks, 'l2_account'), initial(blocks, 'l2_amount')]).toEqual(['6020', '100.00']);
    // Accepting is one click: submit as it opened.
    expect((await submitView(h.fake, h.slack, { userId: SLACK.book })).outcome).toBe('closed');
    await vi.waitFor(async () => {
      const saved = await e.db.codingLine.findMany({ where: { documentId: second.documentId }, orderBy: { position: 'asc' } });
      expect(saved.map((l) => [l.account, l.amount.toFixed(2)])).toEqual([['6010', '300.00'], ['6020', '100.00']]);
    }, { timeout: TIMEOUT, interval: 50 });
    await e.engine.withdraw(second.documentId, { actorId: h.seed.id.book, key: k('w') });

    expect(await command(SLACK.book, `rule set ${VAT} : 6020 VAT22 100%`)).toMatch(/🚫/);
    expect(await command(SLACK.admin, `rule set ${VAT} : 6020 VAT22 cc=OPS 100%`)).toMatch(/✅ Coding rule for EE102179567 \(by VAT id\)/);
    const third = await invoice('120.00', 'TIT-3');
    const ruled = (await openCoding()).blocks as Blocks;
    expect(JSON.stringify(ruled)).toContain("Filled in from the administrators' coding rule for EE102179567");
    expect([initial(ruled, 'l1_account'), initial(ruled, 'l1_cc'), initial(ruled, 'l1_amount'), initial(ruled, 'l2_amount')]).toEqual(['6020', 'OPS', '120.00', null]);
    await e.engine.withdraw(third.documentId, { actorId: h.seed.id.book, key: k('w') });
  });

  it('Add line and Update totals keep the lines and show the difference and VAT; percentages are taken of the total', async () => {
    expect(await command(SLACK.admin, `rule set ${OTHER} : 6999 VAT22 100%`)).toMatch(/🚫 .*6999/);
    expect(await command(SLACK.admin, `rule set ${OTHER} : 6020 VAT22 100%`)).toMatch(/✅/);
    const third = await invoice('120.00', 'O-1', OTHER);
    const modal = await openCoding();
    const blocks = modal.blocks as Blocks;
    expect([initial(blocks, 'l1_account'), initial(blocks, 'l1_amount'), initial(blocks, 'l2_amount')]).toEqual(['6020', '120.00', null]);
    expect(blocks.some((b) => b.block_id === 'l4_amount')).toBe(false);

    await clickButton(h.fake, h.slack, { userId: SLACK.book, actionId: 'coding_add_line', in: 'modal' });
    const grown = await h.fake.waitUntil(() => { const v = h.fake.topView(SLACK.book); return (v?.blocks as Blocks | undefined)?.some((b) => b.block_id === 'l4_amount') ? v : undefined; }, { timeoutMs: TIMEOUT });
    expect(initial(grown.blocks as Blocks, 'l1_account')).toBe('6020');
    await clickButton(h.fake, h.slack, { userId: SLACK.book, actionId: 'coding_recalc', in: 'modal' });
    const summed = await h.fake.waitUntil(() => { const t = JSON.stringify(h.fake.topView(SLACK.book)?.blocks ?? []); return t.includes('Lines: 120.00 = total 120.00') ? t : undefined; }, { timeoutMs: TIMEOUT });
    expect(summed).toContain('of which VAT 21.64 (VAT22, 22 %)');
    // Percentages: 75 % + 25 % of 120.00.
    const r = await submitView(h.fake, h.slack, { userId: SLACK.book, values: { l1_amount: { v: '75%' }, l2_account: { v: '6010' }, l2_vat: { v: 'VAT22' }, l2_amount: { v: '25%' } } });
    expect(r.outcome).toBe('closed');
    await vi.waitFor(async () => {
      const saved = await h.engine.db.codingLine.findMany({ where: { documentId: third.documentId }, orderBy: { position: 'asc' } });
      expect(saved.map((l) => [l.account, l.amount.toFixed(2)])).toEqual([['6020', '90.00'], ['6010', '30.00']]);
    }, { timeout: TIMEOUT, interval: 50 });
  });
});
