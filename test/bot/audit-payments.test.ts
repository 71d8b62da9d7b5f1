// Audit trail, exports, auditor and payment manager through the real bot over signed HTTP:
// status and History within the caller's visibility, exports uploaded to the caller's DM
// through Slack's external upload flow, a payment batch with its CSV and pain.001 files,
// Mark paid from the App Home, and an auditor refused every change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickButton, openAppHome, submitView, type FakeView, type Json, type RecordedCall } from '../../slack-fake';
import { setChain } from '../../scripts/lib/seed';
import { startBotHarness, type BotHarness } from './support/bot-harness';
import { SLACK } from '../../scripts/lib/slack-people';
import { buttons, textOf, TIMEOUT, waitEphemeral, waitMessage } from './support/slack-view';

let h: BotHarness;
let doc: { documentId: string; reference: string };
const today = new Date().toISOString().slice(0, 10);
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  h = await startBotHarness({ extraction: false });
  await setChain(h.engine.db, h.seed.workspaceId, 'default', [{ type: 'approve', mode: 'any', assignees: [h.seed.id.appr1] }], {}, true);
  // One expense report through a whole round: submitted, a field corrected, approved in Slack.
  const d = await h.engine.engine.submit({ workspaceId: h.seed.workspaceId, submitterId: h.seed.id.emp, kind: 'expense', fields: { supplierName: 'Audit Cafe', totalAmount: '12.50', currency: 'EUR' } });
  doc = { documentId: d.documentId, reference: d.reference };
  await h.engine.notifier.waitFor((e) => e.documentId === d.documentId && e.kind === 'confirm_request');
  expect(await h.engine.engine.confirm(d.documentId, { actorId: h.seed.id.emp, key: `${d.documentId}:confirm` })).toMatchObject({ ok: true });
  await waitMessage(h.fake, SLACK.appr1, (m) => m.text.startsWith(`${d.reference}:`) && buttons(m).includes('step_approve'), 'the approval request');
  await clickButton(h.fake, h.slack, { userId: SLACK.appr1, actionId: 'step_approve' });
  expect(await h.engine.engine.result(d.documentId)).toBe('approved');
});
afterAll(async () => h?.close());

/** Sends the slash command and returns the first private answer after it. */
async function run(user: string, text: string, pred: (t: string) => boolean = () => true) {
  const before = h.fake.ephemerals(user).length;
  const r = await h.slack.sendSlashCommand({ user, text });
  expect(r.status).toBe(200);
  return waitEphemeral(h.fake, user, pred, before);
}

/** A click the person has no button for (forwarded or forged): the value names the document. */
function forgedClick(user: string, actionId: string, value: Json) {
  return h.slack.sendBlockAction({ user, actionId, value: JSON.stringify(value), channel: h.fake.dmChannel(user), messageTs: '1700000000.000100' });
}

function waitModal(user: string, pred: (v: FakeView) => boolean, what: string): Promise<FakeView> {
  return h.fake.waitUntil(() => {
    const v = h.fake.topView(user);
    return v && pred(v) ? v : undefined;
  }, { timeoutMs: TIMEOUT, describe: () => `timed out waiting for ${what}; top view of ${user}: ${JSON.stringify(h.fake.topView(user) ?? null).slice(0, 400)}` });
}

/** The completed upload to this user's DM after `since` calls, with its files' bytes. */
async function uploadTo(user: string, since: number, count = 1): Promise<{ call: RecordedCall; files: { id: string; title: string; name: string; bytes: Buffer }[] }> {
  const channel = h.fake.dmChannel(user);
  const call = await h.fake.waitUntil(() => h.fake.calls.slice(since).find((c) => c.method === 'files.completeUploadExternal' && c.args.channel_id === channel), {
    timeoutMs: TIMEOUT,
    describe: () => `no files.completeUploadExternal to ${user}; calls: ${h.fake.calls.slice(since).map((c) => c.method).join(', ')}`,
  });
  const entries = call.args.files as { id: string; title: string }[];
  expect(entries).toHaveLength(count);
  const reserved = h.fake.calls.slice(since).filter((c) => c.method === 'files.getUploadURLExternal');
  return {
    call,
    files: entries.map((e) => {
      const file = h.fake.file(e.id)!;
      const bytes = h.fake.fileContent(e.id)!;
      // Reserved with its name and exact length, then completed with its id and title.
      expect(reserved.some((c) => c.args.filename === file.name && Number(c.args.length) === bytes.length)).toBe(true);
      return { id: e.id, title: e.title, name: file.name, bytes };
    }),
  };
}

describe('status and History', () => {
  it('shows who created and last changed a visible document, with every step', async () => {
    const reply = await run(SLACK.emp, `status ${doc.reference}`);
    expect(reply.text).toMatch(/Audit Cafe[\s\S]*Status: \*approved\*/);
    expect(reply.text).toContain(`created by <@${SLACK.emp}>`);
    expect(reply.text).toContain(`last changed by <@${SLACK.appr1}>`);
    const blocks = JSON.stringify(reply.blocks);
    expect(blocks).toContain('emp created the expense report');
    expect(blocks).toContain('appr1 approved');
    expect(blocks).toContain('The document was approved');
  });

  it('refuses status for a document the caller may not see', async () => {
    const reply = await run(SLACK.emp2, `status ${doc.reference}`);
    expect(reply.text).toBe('🚫 You do not have access to this document.');
    expect(reply.blocks ?? []).toHaveLength(0);
  });

  it('opens the history in a modal from the History button of a DM', async () => {
    const msg = await waitMessage(h.fake, SLACK.appr1, (m) => m.text.startsWith(`${doc.reference}:`), 'the decided approval message');
    expect(JSON.stringify(msg.blocks)).toContain('"action_id":"doc_history"');
    await clickButton(h.fake, h.slack, { userId: SLACK.appr1, actionId: 'doc_history' });
    const modal = await waitModal(SLACK.appr1, (v) => JSON.stringify(v.title).includes(doc.reference), 'the history modal');
    const text = JSON.stringify(modal.blocks);
    expect(text).toContain(`Created by <@${SLACK.emp}>`);
    expect(text).toContain('emp confirmed the fields');
    expect(text).toContain('Stage 1 (approval) opened for appr1');
    expect(modal.blocks.length).toBeLessThanOrEqual(100);
  });

  it('refuses History privately to someone who may not see the document', async () => {
    // The modal opens at once (the trigger lives 3 s, issue 13 #11); the refusal replaces its
    // loading note, and nothing of the document is shown.
    await forgedClick(SLACK.emp2, 'doc_history', { d: doc.documentId });
    const modal = await waitModal(SLACK.emp2, (v) => JSON.stringify(v.blocks).includes('access'), 'the refusal in the modal');
    expect(JSON.stringify(modal.blocks)).toContain('🚫 You do not have access to this document.');
    expect(JSON.stringify(modal.blocks)).not.toContain(doc.reference);
  });

  it('lets an auditor see any document and its history', async () => {
    const reply = await run(SLACK.auditor, `status ${doc.reference}`);
    expect(reply.text).toContain('Status: *approved*');
    await forgedClick(SLACK.auditor, 'doc_history', { d: doc.documentId });
    const modal = await waitModal(SLACK.auditor, (v) => JSON.stringify(v.title).includes(doc.reference), 'the auditor’s history modal');
    expect(JSON.stringify(modal.blocks)).toContain('appr1 approved');
  });

  it('keeps a long history within Block Kit limits and points to the audit export', async () => {
    // 400 long reminders on a document of its own (the audit log is append-only): more than
    // 50 blocks (ephemeral) and 100 blocks (modal) of 3000 characters.
    const id = 'doc_long_history';
    await h.engine.db.document.create({ data: { id, workspaceId: h.seed.workspaceId, kind: 'expense', status: 'in_review', submitterId: h.seed.id.emp2, createdById: h.seed.id.emp2, supplierName: 'Long Story Cafe', totalAmount: '5.00', currency: 'EUR' } });
    await h.engine.db.auditEvent.createMany({
      data: Array.from({ length: 400 }, (_, i) => ({
        idempotencyKey: `${id}:test-reminder:${i}`,
        workspaceId: h.seed.workspaceId,
        documentId: id,
        action: 'reminder_sent',
        details: { to: Array.from({ length: 120 }, () => h.seed.id.appr1) },
      })),
    });
    const { number: seq } = await h.engine.db.document.findUniqueOrThrow({ where: { id } });
    const hint = /… \d+ more; export the audit log for all: `\/countersign export audit from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}`/;
    const reply = await run(SLACK.auditor, `status DOC-${seq}`);
    expect(reply.blocks!.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(reply.blocks)).toMatch(hint);
    await forgedClick(SLACK.auditor, 'doc_history', { d: id });
    const modal = await waitModal(SLACK.auditor, (v) => JSON.stringify(v.title).includes(`DOC-${seq}`), 'the long history modal');
    expect(modal.blocks.length).toBeLessThanOrEqual(100);
    expect(modal.blocks.length).toBeGreaterThan(50);
    expect(JSON.stringify(modal.blocks)).toMatch(hint);
  });
});

describe('exports to the DM', () => {
  it('uploads the audit log as CSV to the auditor’s DM through the external upload flow', async () => {
    const since = h.fake.calls.length;
    const preparing = await run(SLACK.auditor, `export audit from ${day(-1)} to ${day(1)} csv`);
    expect(preparing.text).toMatch(/Preparing the audit log/);
    const { files } = await uploadTo(SLACK.auditor, since);
    const csv = files[0]!;
    expect(csv.name).toBe(`audit-${day(-1)}-${day(1)}.csv`);
    const text = csv.bytes.toString('utf8');
    expect(text.startsWith('\uFEFFEvent,At (UTC),Document,Document ID,Action,Description')).toBe(true);
    expect(text).toContain(`${doc.reference},${doc.documentId},approved`);
    expect(text.split('\r\n').length).toBeGreaterThan(5);
    const dm = h.fake.messages(SLACK.auditor).find((m) => m.files?.some((f) => f.id === csv.id));
    expect(dm?.text).toMatch(/Your export is ready/);
  });

  it('uploads the audit log as XLSX', async () => {
    const since = h.fake.calls.length;
    await run(SLACK.auditor, `export audit from ${day(-1)} to ${day(1)} xlsx`);
    const { files } = await uploadTo(SLACK.auditor, since);
    expect(files[0]!.name).toMatch(/\.xlsx$/);
    expect(files[0]!.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(files[0]!.bytes.length).toBeGreaterThan(1000);
  });

  it('exports documents of one status for an administrator', async () => {
    const since = h.fake.calls.length;
    await run(SLACK.admin, `export documents from ${day(-1)} to ${day(1)} status=approved`);
    const { files } = await uploadTo(SLACK.admin, since);
    expect(files[0]!.name).toBe(`documents-${day(-1)}-${day(1)}-approved.csv`);
    expect(files[0]!.bytes.toString('utf8')).toContain('Audit Cafe');
  });

  it('refuses an employee and uploads nothing', async () => {
    const since = h.fake.calls.length;
    const audit = await run(SLACK.emp, `export audit from ${day(-1)} to ${day(1)} csv`);
    expect(audit.text).toBe('🚫 Only an administrator or an auditor can export data. Nothing was exported.');
    const payments = await run(SLACK.emp, 'export payments');
    expect(payments.text).toMatch(/Only a payment manager, an administrator or an auditor can export payments/);
    expect(h.fake.calls.slice(since).filter((c) => c.method.startsWith('files.'))).toHaveLength(0);
  });
});

describe('payments', () => {
  const ids = { good: 'doc_pay_good', noIban: 'doc_pay_noiban', usd: 'doc_pay_usd' };

  beforeAll(async () => {
    const base = { workspaceId: h.seed.workspaceId, kind: 'invoice', status: 'approved', submitterId: h.seed.id.book, createdById: h.seed.id.book, decidedAt: new Date() } as const;
    await h.engine.db.document.create({ data: { ...base, id: ids.good, supplierName: 'Paper Supplies OU', invoiceNumber: 'INV-PAY-1', totalAmount: '240.00', currency: 'EUR', iban: 'EE382200221020145685', dueDate: day(1) } });
    await h.engine.db.document.create({ data: { ...base, id: ids.noIban, supplierName: 'No Bank Ltd', invoiceNumber: 'INV-PAY-2', totalAmount: '50.00', currency: 'EUR', dueDate: day(2) } });
    await h.engine.db.document.create({ data: { ...base, id: ids.usd, supplierName: 'Dollar Inc', invoiceNumber: 'INV-PAY-3', totalAmount: '70.00', currency: 'USD', iban: 'DE89370400440532013000', dueDate: day(3) } });
  });

  it('says how to set the debtor account when there is none, and only an administrator may set it', async () => {
    const none = await run(SLACK.payer, 'export payments');
    expect(none.text).toMatch(/no debtor account[\s\S]*\/countersign payments account NAME IBAN \[BIC\]/);
    expect(await h.engine.db.paymentBatch.count()).toBe(0);
    const refused = await run(SLACK.payer, 'payments account "Bot Tests OU" DE89370400440532013000');
    expect(refused.text).toBe('🚫 Only an administrator can do that.');
    const set = await run(SLACK.admin, 'payments account "Bot Tests OU" DE89370400440532013000 COBADEFFXXX');
    expect(set.text).toMatch(/✅ Payments will be made from DE89370400440532013000 \(Bot Tests OU\)/);
  });

  it('creates a payment batch and uploads its CSV and pain.001 XML, telling what was left out', async () => {
    const since = h.fake.calls.length;
    const before = h.fake.ephemerals(SLACK.payer).length;
    await h.slack.sendSlashCommand({ user: SLACK.payer, text: `export payments from ${day(-1)} to ${day(5)}` });
    const { files } = await uploadTo(SLACK.payer, since, 2);
    const csv = files.find((f) => f.name.endsWith('.csv'))!;
    const xml = files.find((f) => f.name.endsWith('.xml'))!;
    expect(csv.name).toBe('payment-batch-1.csv');
    expect(csv.bytes.toString('utf8')).toMatch(/^\uFEFFBatch,Reference/);
    expect(csv.bytes.toString('utf8')).toContain('INV-PAY-1');
    const x = xml.bytes.toString('utf8');
    expect(x).toContain('CstmrCdtTrfInitn');
    expect(x).toContain('INV-PAY-1');
    expect(x).toContain('EE382200221020145685');
    expect(x).not.toContain('INV-PAY-2');
    const done = await waitEphemeral(h.fake, SLACK.payer, (t) => t.startsWith('✅'), before);
    expect(done.text).toMatch(/Payment batch \*1\*: 1 invoice, 240.00 EUR/);
    expect(done.text).toMatch(/Left out:[\s\S]*INV-PAY-2[\s\S]*IBAN/);
    expect(done.text).toMatch(/INV-PAY-3[\s\S]*EUR/);
    const good = await h.engine.db.document.findUniqueOrThrow({ where: { id: ids.good }, include: { paymentBatch: true } });
    expect(good.paymentBatch?.seq).toBe(1);
    expect(good.status).toBe('approved');
  });

  it('shows approved invoices to pay in the payment manager’s Home, read-only for the auditor', async () => {
    await openAppHome(h.slack, SLACK.payer);
    const home = await h.fake.waitUntil(() => {
      const v = h.fake.homeView(SLACK.payer);
      return v && JSON.stringify(v.blocks).includes('Approved invoices to pay') ? v : undefined;
    }, { timeoutMs: TIMEOUT });
    const text = JSON.stringify(home.blocks);
    expect(text).toContain('INV-PAY-1');
    expect(text).toContain('in payment batch 1');
    expect(text).toContain('"action_id":"pay_mark"');
    await openAppHome(h.slack, SLACK.auditor);
    const auditorHome = await h.fake.waitUntil(() => {
      const v = h.fake.homeView(SLACK.auditor);
      return v && JSON.stringify(v.blocks).includes('Approved invoices to pay') ? v : undefined;
    }, { timeoutMs: TIMEOUT });
    expect(JSON.stringify(auditorHome.blocks)).toContain('(read-only)');
    expect(JSON.stringify(auditorHome.blocks)).not.toContain('pay_mark');
  });

  it('refuses Mark paid to an approver, privately, and changes nothing', async () => {
    const before = h.fake.ephemerals(SLACK.appr1).length;
    await forgedClick(SLACK.appr1, 'pay_mark', { d: ids.good });
    const refusal = await waitEphemeral(h.fake, SLACK.appr1, (t) => t.includes('payment manager'), before);
    expect(refusal.text).toBe('🚫 Only a payment manager can do that.');
    expect((await h.engine.db.document.findUniqueOrThrow({ where: { id: ids.good } })).status).toBe('approved');
  });

  it('Mark paid by the payment manager: modal with today, paid in the database, submitter told, Home refreshed', async () => {
    await clickButton(h.fake, h.slack, { userId: SLACK.payer, in: 'home', actionId: 'pay_mark' });
    const modal = await waitModal(SLACK.payer, (v) => v.callback_id === 'mark_paid', 'the Mark paid modal');
    expect(JSON.stringify(modal.blocks)).toMatch(/"initial_date":"\d{4}-\d{2}-\d{2}"/);
    const r = await submitView(h.fake, h.slack, { userId: SLACK.payer, values: { paidOn: { v: today }, reference: { v: 'BANK-42' } } });
    expect(r.status).toBe(200);
    // Slack gets its ack first (issue 13 #11); the change follows.
    await expect.poll(async () => (await h.engine.db.document.findUniqueOrThrow({ where: { id: ids.good } })).status, { timeout: TIMEOUT }).toBe('paid');
    const row = await h.engine.db.document.findUniqueOrThrow({ where: { id: ids.good } });
    expect(row.paymentRef).toBe('BANK-42');
    expect(row.paidAt?.toISOString().slice(0, 10)).toBe(today);
    const told = await waitMessage(h.fake, SLACK.book, (m) => textOf(m).includes('was paid on'), 'the paid notice');
    expect(textOf(told)).toContain('BANK-42');
    await h.fake.waitUntil(() => {
      const v = h.fake.homeView(SLACK.payer);
      return v && !JSON.stringify(v.blocks).includes('INV-PAY-1') ? v : undefined;
    }, { timeoutMs: TIMEOUT, describe: () => 'the Home still lists the paid invoice' });
  });
});

describe('auditor changes nothing', () => {
  it('is refused on Approve and on an administrator command, privately', async () => {
    const d = await h.engine.engine.submit({ workspaceId: h.seed.workspaceId, submitterId: h.seed.id.emp, kind: 'expense', fields: { supplierName: 'Open Step Cafe', totalAmount: '8.00', currency: 'EUR' } });
    await h.engine.notifier.waitFor((e) => e.documentId === d.documentId && e.kind === 'confirm_request');
    expect(await h.engine.engine.confirm(d.documentId, { actorId: h.seed.id.emp, key: `${d.documentId}:confirm` })).toMatchObject({ ok: true });
    const ask = await waitMessage(h.fake, SLACK.appr1, (m) => m.text.startsWith(`${d.reference}:`) && buttons(m).includes('step_approve'), 'the approval request');
    const before = h.fake.ephemerals(SLACK.auditor).length;
    const r = await h.slack.sendBlockAction({ user: SLACK.auditor, channel: h.fake.dmChannel(SLACK.appr1), messageTs: ask.ts, actionId: 'step_approve' });
    expect(r.status).toBe(200);
    const refusal = await waitEphemeral(h.fake, SLACK.auditor, (t) => t.startsWith('🚫'), before);
    expect(refusal.text.length).toBeGreaterThan(3);
    expect((await h.engine.engine.state(d.documentId))?.status).toBe('in_review');
    expect(await h.engine.db.auditEvent.count({ where: { documentId: d.documentId, actorId: h.seed.id.auditor } })).toBe(0);

    const cmd = await run(SLACK.auditor, `role add <@${SLACK.emp2}> approver`);
    expect(cmd.text).toBe('🚫 Auditors have read-only access: they cannot change anything.');
    expect((await h.engine.db.user.findUniqueOrThrow({ where: { id: h.seed.id.emp2 } })).roles).not.toContain('approver');
    const account = await run(SLACK.auditor, 'payments account "Auditor OU" EE382200221020145685');
    expect(account.text).toBe('🚫 Auditors have read-only access: they cannot change anything.');
  });
});
