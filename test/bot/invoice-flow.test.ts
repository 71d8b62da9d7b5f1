// A purchase invoice through the real bot: the bookkeeper uploads and chooses "purchase
// invoice", confirms, codes it in the modal (lines that must add up to the total), sends it;
// two coordinators must ALL agree; two approvers, ANY one suffices (the other's message is
// updated in place); the App Home shows the waiting step and the admin's configuration.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickButton, openAppHome, shareFileAsUser, submitView } from '../../slack-fake';
import { findDocumentId } from '../../client/queries';
import { startBotHarness, type BotHarness } from './support/bot-harness';
import { invoicePdf } from './support/pdf';
import { SLACK } from '../../scripts/lib/slack-people';
import { buttons, textOf, TIMEOUT, waitEphemeral, waitMessage, waitMessageState } from './support/slack-view';

let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => h?.close());

async function command(user: string, text: string): Promise<string> {
  const before = h.fake.ephemerals(user).length;
  await h.slack.sendSlashCommand({ user, text });
  return (await waitEphemeral(h.fake, user, () => true, before)).text;
}

describe('purchase invoice through Slack', () => {
  it('bookkeeper upload → invoice → confirm → coding modal → coordinators ALL → approvers ANY', async () => {
    expect(await command(SLACK.admin, `chain set inv kind=invoice : coding ; coordinate all <@${SLACK.coord1}> <@${SLACK.coord2}> ; approve any <@${SLACK.appr1}> <@${SLACK.appr2}>`)).toMatch(/Chain inv saved/);
    expect(await command(SLACK.admin, 'codes add account 6064 Office supplies')).toMatch(/saved/);
    expect(await command(SLACK.admin, 'codes add account 6100 IT services')).toMatch(/saved/);
    expect(await command(SLACK.admin, 'codes add vat VAT24 Standard rate 24 %')).toMatch(/saved/);

    // Upload, then "purchase invoice or expense report?".
    const content = await invoicePdf({ supplier: 'Nordic Office Supplies OU', number: 'INV-2025-042', net: '1000.00', vat: '240.00', total: '1240.00' });
    const { message } = await shareFileAsUser(h.slack, { userId: SLACK.book, name: 'invoice-042.pdf', content, mimetype: 'application/pdf' });
    const choice = await waitMessage(h.fake, SLACK.book, (m) => m.thread_ts === message.ts && buttons(m).includes('kind_invoice'), 'the kind question');
    expect(await h.engine.db.document.count()).toBe(0);
    await clickButton(h.fake, h.slack, { userId: SLACK.book, actionId: 'kind_invoice' });
    const got = await waitMessage(h.fake, SLACK.book, (m) => m.thread_ts === message.ts && /Got it/.test(m.text), 'the thread reply');
    expect(got.text).toContain('purchase invoice');
    await waitMessageState(h.fake, SLACK.book, choice.ts, (m) => buttons(m).length === 0 && textOf(m).includes('purchase invoice'));
    const reference = /DOC-\d+/.exec(got.text)![0];
    const documentId = (await findDocumentId(h.engine.db, h.seed.workspaceId, reference))!;
    expect((await h.engine.db.document.findUniqueOrThrow({ where: { id: documentId } })).kind).toBe('invoice');

    // Confirm the extracted fields.
    const confirm = await waitMessage(h.fake, SLACK.book, (m) => m.text.startsWith(`${reference}:`) && buttons(m).includes('doc_confirm'), 'the confirmation request');
    expect(textOf(confirm)).toContain('1,240.00 EUR');
    expect(textOf(confirm)).toContain('INV-2025-042');
    await clickButton(h.fake, h.slack, { userId: SLACK.book, actionId: 'doc_confirm' });

    // Coding: sending before coding is refused; the modal checks the lines add up.
    const codingMsg = await waitMessage(h.fake, SLACK.book, (m) => m.text.startsWith(`${reference}:`) && buttons(m).includes('coding_open'), 'the coding request');
    const eph = h.fake.ephemerals(SLACK.book).length;
    await clickButton(h.fake, h.slack, { userId: SLACK.book, actionId: 'coding_send' });
    await waitEphemeral(h.fake, SLACK.book, (t) => t.includes('Add coding lines'), eph);

    await clickButton(h.fake, h.slack, { userId: SLACK.book, actionId: 'coding_open' });
    const modal = await h.fake.waitUntil(() => h.fake.topView(SLACK.book), { timeoutMs: TIMEOUT });
    expect(modal.callback_id).toBe('coding');
    const account = modal.blocks.find((b) => b.block_id === 'l1_account') as { element: { type: string; options: unknown[] } };
    expect(account.element.type).toBe('static_select');
    expect(account.element.options).toHaveLength(2);
    const cc = modal.blocks.find((b) => b.block_id === 'l1_cc') as { element: { type: string } };
    expect(cc.element.type).toBe('plain_text_input'); // no cost-centre list yet: typed in

    const lines = {
      l1_account: { v: '6064' },
      l1_vat: { v: 'VAT24' },
      l1_cc: { v: 'SALES' },
      l1_amount: { v: '1000.00' },
      l2_account: { v: '6100' },
      l2_vat: { v: 'VAT24' },
      l2_amount: { v: '200.00' },
    };
    const off = await submitView(h.fake, h.slack, { userId: SLACK.book, values: lines });
    expect(off.outcome).toBe('errors');
    expect(off.errors?.l2_amount).toMatch(/add up to 1200.00.*40.00 less than the document total 1240.00/);
    const missing = await submitView(h.fake, h.slack, { userId: SLACK.book, values: { ...lines, l2_amount: { v: '240' }, l2_vat: { v: null } } });
    expect(missing.errors).toEqual({ l2_vat: 'Line 2 needs a VAT code.' });
    const ok = await submitView(h.fake, h.slack, { userId: SLACK.book, values: { ...lines, l2_amount: { v: '240' } } });
    expect(ok.outcome).toBe('closed');
    const coded = await waitMessageState(h.fake, SLACK.book, codingMsg.ts, (m) => textOf(m).includes('account *6100*'), 'the coding lines to show');
    expect(textOf(coded)).toContain('cost centre SALES');
    expect((await h.engine.db.codingLine.findMany({ where: { documentId }, orderBy: { position: 'asc' } })).map((l) => [l.account, l.amount.toFixed(2)])).toEqual([
      ['6064', '1000.00'],
      ['6100', '240.00'],
    ]);
    await clickButton(h.fake, h.slack, { userId: SLACK.book, actionId: 'coding_send' });
    await waitMessageState(h.fake, SLACK.book, codingMsg.ts, (m) => buttons(m).length === 0 && textOf(m).includes(`Sent to approval by <@${SLACK.book}>`));

    // Coordinators: ALL must agree; the others' messages show who agreed so far.
    const c1 = await waitMessage(h.fake, SLACK.coord1, (m) => m.text.startsWith(`${reference}:`) && buttons(m).includes('step_approve'), 'coord1 request');
    const c2 = await waitMessage(h.fake, SLACK.coord2, (m) => m.text.startsWith(`${reference}:`) && buttons(m).includes('step_approve'), 'coord2 request');
    expect(textOf(c1)).toContain('Agree');
    expect(textOf(c1)).toContain('all must agree');
    expect(textOf(c1)).toContain('account *6064*');
    await clickButton(h.fake, h.slack, { userId: SLACK.coord1, actionId: 'step_approve' });
    await waitMessageState(h.fake, SLACK.coord1, c1.ts, (m) => buttons(m).length === 0 && textOf(m).includes(`Agreed by <@${SLACK.coord1}>`));
    const c2partial = await waitMessageState(h.fake, SLACK.coord2, c2.ts, (m) => textOf(m).includes(`Agreed by <@${SLACK.coord1}>`), "coord2's message to show coord1's agreement");
    expect(buttons(c2partial)).toEqual(['step_approve', 'step_reject']);
    expect((await h.engine.engine.state(documentId))?.openStep?.type).toBe('coordinate');
    await clickButton(h.fake, h.slack, { userId: SLACK.coord2, actionId: 'step_approve' });
    await waitMessageState(h.fake, SLACK.coord2, c2.ts, (m) => buttons(m).length === 0);

    // Approvers: ANY one. appr2 approves from the App Home; appr1's DM loses its buttons.
    const a1 = await waitMessage(h.fake, SLACK.appr1, (m) => m.text.startsWith(`${reference}:`) && buttons(m).includes('step_approve'), 'appr1 request');
    const a2 = await waitMessage(h.fake, SLACK.appr2, (m) => m.text.startsWith(`${reference}:`) && buttons(m).includes('step_approve'), 'appr2 request');
    expect(textOf(a1)).toContain('any one suffices');
    await openAppHome(h.slack, SLACK.appr2);
    const home = await h.fake.waitUntil(() => h.fake.homeView(SLACK.appr2), { timeoutMs: TIMEOUT });
    expect(textOf(home)).toContain('Waiting for you');
    expect(textOf(home)).toContain(reference);
    await clickButton(h.fake, h.slack, { userId: SLACK.appr2, actionId: 'step_approve', in: 'home' });
    const line = `Approved by <@${SLACK.appr2}>`;
    await waitMessageState(h.fake, SLACK.appr1, a1.ts, (m) => buttons(m).length === 0 && textOf(m).includes(line), "appr1's message to be closed");
    await waitMessageState(h.fake, SLACK.appr2, a2.ts, (m) => buttons(m).length === 0 && textOf(m).includes(line));
    // The Home is republished: nothing waits for appr2 any more.
    await h.fake.waitUntil(() => !textOf(h.fake.homeView(SLACK.appr2)).includes('step_approve') && textOf(h.fake.homeView(SLACK.appr2)).includes('Nothing is waiting for you'), { timeoutMs: TIMEOUT });
    expect(await h.engine.engine.result(documentId)).toBe('approved');
    await waitMessage(h.fake, SLACK.book, (m) => m.text.includes(`${reference} is now approved`), 'the approval notice');

    const actions = (await h.engine.db.auditEvent.findMany({ where: { documentId, actorId: { not: null } }, orderBy: { id: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['confirmed', 'coding_changed', 'coded', 'agreed', 'approved']));
    expect(actions.filter((a) => a === 'agreed')).toHaveLength(2);
    expect(actions.filter((a) => a === 'approved')).toHaveLength(1);
  });

  it('the App Home shows administrators the chains, substitutes and settings', async () => {
    await openAppHome(h.slack, SLACK.admin);
    const home = await h.fake.waitUntil(() => h.fake.homeView(SLACK.admin), { timeoutMs: TIMEOUT });
    const text = textOf(home);
    expect(text).toContain('Approval chains');
    expect(text).toContain(`inv (invoice): coding → coordinate ALL <@${SLACK.coord1}> <@${SLACK.coord2}> → approve ANY <@${SLACK.appr1}> <@${SLACK.appr2}>`);
    expect(text).toContain('Reminder after 1d');
    // An employee sees no configuration.
    await openAppHome(h.slack, SLACK.emp);
    const empHome = await h.fake.waitUntil(() => h.fake.homeView(SLACK.emp), { timeoutMs: TIMEOUT });
    expect(textOf(empHome)).toContain('Your submissions');
    expect(textOf(empHome)).not.toContain('Approval chains');
  });
});
