// Issue 13 #10 and #8 through the real bot: a payment batch whose upload fails is still made,
// the payment manager is told so, and `/countersign payments batch N file` sends the files
// again. An invoice flagged as a possible duplicate stays out of batches until someone who
// may clears the flag (`payments not-duplicate`), with an audit event. And #12: the company's
// IBAN is not shown to everyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPayable, markPaid, setDebtorAccount } from '../../payments';
import { ensureUser } from '../../client/directory';
import { startBotHarness, type BotHarness } from './support/bot-harness';
import { SLACK } from '../../scripts/lib/slack-people';
import { TIMEOUT, waitEphemeral } from './support/slack-view';

let h: BotHarness;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function run(user: string, text: string, pred: (t: string) => boolean = () => true) {
  const before = h.fake.ephemerals(user).length;
  const r = await h.slack.sendSlashCommand({ user, text });
  expect(r.status).toBe(200);
  return waitEphemeral(h.fake, user, pred, before);
}

/** Names of the files of the next completed upload to this user's DM after `since` calls. */
async function uploadedNames(user: string, since: number): Promise<string[]> {
  const channel = h.fake.dmChannel(user);
  const call = await h.fake.waitUntil(() => h.fake.calls.slice(since).find((c) => c.method === 'files.completeUploadExternal' && c.args.channel_id === channel && c.result?.ok === true), { timeoutMs: TIMEOUT });
  return (call.args.files as { id: string }[]).map((f) => h.fake.file(f.id)!.name).sort();
}

const ids = { good: 'doc_bf_good', copy: 'doc_bf_copy' };

beforeAll(async () => {
  h = await startBotHarness({ extraction: false });
  const base = { workspaceId: h.seed.workspaceId, kind: 'invoice', status: 'approved', submitterId: h.seed.id.book, createdById: h.seed.id.book, decidedAt: new Date(), supplierName: 'Paper Supplies OU', totalAmount: '240.00', currency: 'EUR', iban: 'EE382200221020145685', dueDate: day(1) } as const;
  await h.engine.db.document.create({ data: { ...base, id: ids.good, invoiceNumber: 'INV-BF-1', invoiceKey: 'name:papersupplies|invbf1' } });
  await h.engine.db.document.create({ data: { ...base, id: ids.copy, invoiceNumber: 'INV-BF-1', invoiceKey: 'name:papersupplies|invbf1', duplicateOf: ids.good } });
  expect((await run(SLACK.admin, 'payments account "Bot Tests OU" DE89370400440532013000')).text).toMatch(/^✅/);
});
afterAll(async () => h?.close());

describe('a payment batch whose upload failed', () => {
  it('is made, says so, and its files can be fetched again', async () => {
    h.fake.failNext('files.completeUploadExternal', 'internal_error');
    const before = h.fake.ephemerals(SLACK.payer).length;
    await h.slack.sendSlashCommand({ user: SLACK.payer, text: `export payments to ${day(5)}` });
    const told = await waitEphemeral(h.fake, SLACK.payer, (t) => /^(✅|🚫|⚠️)/.test(t), before);
    expect(told.text).toMatch(/^🚫 Payment batch \*1\*: 1 invoice, 240\.00 EUR[\s\S]*The batch was made, but its files could not be sent[\s\S]*\/countersign payments batch 1 file/);
    const batch = await h.engine.db.paymentBatch.findFirstOrThrow({ where: { workspaceId: h.seed.workspaceId } });
    // The flagged copy is held out; the original went in.
    expect(batch.documentIds).toEqual([ids.good]);

    const since = h.fake.calls.length;
    const again = await run(SLACK.payer, 'payments batch 1 file');
    expect(again.text).toBe('✅ Payment batch 1: files sent to our DM.');
    expect(await uploadedNames(SLACK.payer, since)).toEqual(['payment-batch-1.csv', 'payment-batch-1.xml']);
    // Read-only roles may fetch a batch file too; others may not.
    expect((await run(SLACK.auditor, 'payments batch 1 file csv')).text).toBe('✅ Payment batch 1: files sent to our DM.');
    expect((await run(SLACK.emp, 'payments batch 1 file')).text).toMatch(/^🚫 Only a payment manager, an administrator or an auditor/);
    expect((await run(SLACK.payer, 'payments batch 9 file')).text).toBe('🚫 There is no payment batch 9.');
  });
});

describe('possible duplicates and payment', () => {
  it('holds a flagged invoice out of Mark paid and batches until someone who may clears the flag', async () => {
    const copy = await h.engine.db.document.findUniqueOrThrow({ where: { id: ids.copy } });
    const ref = `DOC-${copy.number}`;
    const answer = (t: string) => t.startsWith('✅') || t.startsWith('🚫');
    expect((await run(SLACK.payer, `export payments to ${day(5)}`, answer)).text).toMatch(/No approved invoices .*are waiting for a payment batch/);
    const paid = await markPaid(h.engine.db, { workspaceId: h.seed.workspaceId, actorId: h.seed.id.payer, documentId: ids.copy, paidOn: day(0) });
    expect(paid).toMatchObject({ ok: false, reason: expect.stringMatching(new RegExp(`^${ref} is held as a possible duplicate of DOC-\\d+`)) });
    const payable = await listPayable(h.engine.db, h.seed.workspaceId, h.seed.id.payer);
    expect(payable.ok && payable.value.map((i) => i.documentId)).toEqual([ids.good]);
    expect((await run(SLACK.auditor, `payments not-duplicate ${ref}`)).text).toBe('🚫 Auditors have read-only access: they cannot change anything.');
    expect((await run(SLACK.emp, `payments not-duplicate ${ref}`)).text).toMatch(/^🚫 Only a bookkeeper, a payment manager or an administrator/);
    const cleared = await run(SLACK.book, `payments not-duplicate ${ref}`);
    expect(cleared.text).toMatch(new RegExp(`^✅ ${ref} is no longer flagged as a possible duplicate of DOC-\\d+`));
    const ev = await h.engine.db.auditEvent.findFirstOrThrow({ where: { documentId: ids.copy, action: 'duplicate_cleared' } });
    expect(ev).toMatchObject({ actorId: h.seed.id.book, details: { duplicateOf: ids.good } });
    expect((await run(SLACK.payer, `export payments to ${day(5)}`, answer)).text).toMatch(/^✅ Payment batch \*2\*: 1 invoice/);
  });
});

describe('company data', () => {
  it('settings are shown to administrators and auditors only', async () => {
    expect((await run(SLACK.emp, 'settings')).text).toBe('🚫 Only an administrator or an auditor can see the workspace configuration.');
    expect((await run(SLACK.auditor, 'settings')).text).toMatch(/^Reminder after \*/);
  });

  it('an administrator who is also an auditor cannot set the debtor account', async () => {
    const both = await ensureUser(h.engine.db, { workspaceId: h.seed.workspaceId, slackId: 'U_ADMIN_AUDITOR', name: 'Both', roles: ['admin', 'auditor'] });
    const r = await setDebtorAccount(h.engine.db, { workspaceId: h.seed.workspaceId, actorId: both.id, name: 'Other OU', iban: 'EE382200221020145685' });
    expect(r).toEqual({ ok: false, reason: 'Auditors have read-only access: they cannot change anything.' });
    expect((await h.engine.db.workspace.findUniqueOrThrow({ where: { id: h.seed.workspaceId } })).debtorIban).toBe('DE89370400440532013000');
  });

  it('is shown to those who handle payments only', async () => {
    expect((await run(SLACK.payer, 'payments account')).text).toMatch(/IBAN DE89370400440532013000/);
    const emp = await run(SLACK.emp, 'payments account');
    expect(emp.text).toMatch(/^🚫/);
    expect(emp.text).not.toContain('DE89');
  });
});
