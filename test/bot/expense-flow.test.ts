// An employee's receipt through the real bot, engine and fake Slack over signed HTTP: upload
// in a DM → check and Submit → the approver approves in their DM → the employee is told.
// Also: reject with a reason → Fix and resubmit → approve; a substitute acting "on behalf
// of"; an unauthorized click; a double click; an expired file URL; a Slack retry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickButton, shareFileAsUser, slackSignature, submitView } from '../../slack-fake';
import { findDocumentId } from '../../client/queries';
import { setChain } from '../../scripts/lib/seed';
import { startBotHarness, type BotHarness } from './support/bot-harness';
import { startLoginPageServer } from './support/html-server';
import { invoicePdf } from './support/pdf';
import { SLACK } from '../../scripts/lib/slack-people';
import { buttons, textOf, TIMEOUT, waitEphemeral, waitMessage, waitMessageState } from './support/slack-view';

let h: BotHarness;
let n = 0;

beforeAll(async () => {
  h = await startBotHarness();
  await setChain(h.engine.db, h.seed.workspaceId, 'default', [{ type: 'approve', mode: 'any', assignees: [h.seed.id.appr1] }], {}, true);
});
afterAll(async () => h?.close());

/** The employee uploads a receipt; returns the document and its confirmation message. */
async function upload(who: string = SLACK.emp, total = '124.00') {
  n += 1;
  const content = await invoicePdf({ supplier: `Cafe Number ${n} OU`, number: `R-${n}-${Date.now()}`, net: (Number(total) / 1.24).toFixed(2), vat: (Number(total) - Number(total) / 1.24).toFixed(2), total });
  const { file, message } = await shareFileAsUser(h.slack, { userId: who, name: `receipt-${n}.pdf`, content, mimetype: 'application/pdf' });
  const reply = await waitMessage(h.fake, who, (m) => m.thread_ts === message.ts && /Got it/.test(m.text), 'the thread reply');
  const reference = /DOC-\d+/.exec(reply.text)![0];
  const documentId = (await findDocumentId(h.engine.db, h.seed.workspaceId, reference))!;
  const confirm = await waitMessage(h.fake, who, (m) => m.text.startsWith(`${reference}:`) && buttons(m).includes('doc_confirm'), 'the confirmation request');
  return { file, message, reference, documentId, confirm };
}

async function submitted(who: string = SLACK.emp, total?: string) {
  const doc = await upload(who, total);
  await clickButton(h.fake, h.slack, { userId: who, actionId: 'doc_confirm' });
  await waitMessageState(h.fake, who, doc.confirm.ts, (m) => buttons(m).length === 0 && textOf(m).includes('Submitted by'), 'the confirmation to lose its buttons');
  return doc;
}

async function approverMessage(slackId: string, reference: string) {
  return waitMessage(h.fake, slackId, (m) => m.text.startsWith(`${reference}:`) && buttons(m).includes('step_approve'), `the approval request for ${reference}`);
}

const decisions = (documentId: string, action = 'approved') =>
  h.engine.db.auditEvent.count({ where: { documentId, action, actorId: { not: null } } });

describe('expense report through Slack', () => {
  it('upload → Submit → approver approves (message updated in place) → employee told', async () => {
    const doc = await upload();
    expect(textOf(doc.confirm)).toContain('124.00 EUR');
    expect(textOf(doc.confirm)).toContain(`receipt-${n}.pdf`);
    await clickButton(h.fake, h.slack, { userId: SLACK.emp, actionId: 'doc_confirm' });
    await waitMessageState(h.fake, SLACK.emp, doc.confirm.ts, (m) => buttons(m).length === 0 && textOf(m).includes(`Submitted by <@${SLACK.emp}>`));

    const ask = await approverMessage(SLACK.appr1, doc.reference);
    expect(textOf(ask)).toContain('Your approval is requested');
    expect(buttons(ask)).toEqual(['step_approve', 'step_reject']);
    await waitMessage(h.fake, SLACK.emp, (m) => m.text.includes(`${doc.reference} moved to approval`), 'the progress note');

    const r = await clickButton(h.fake, h.slack, { userId: SLACK.appr1, actionId: 'step_approve' });
    expect(r.status).toBe(200);
    const updated = await waitMessageState(h.fake, SLACK.appr1, ask.ts, (m) => buttons(m).length === 0 && textOf(m).includes(`Approved by <@${SLACK.appr1}>`));
    expect(updated.updates).toBeGreaterThan(0);
    const told = await waitMessage(h.fake, SLACK.emp, (m) => m.text.includes(`${doc.reference} is now approved`), 'the approval notice');
    expect(textOf(told)).toContain(`Final approval by <@${SLACK.appr1}>`);
    expect(await h.engine.engine.result(doc.documentId)).toBe('approved');
    // Tokens never reach the logs.
    expect(h.log.lines.join('\n')).not.toContain(h.fake.botToken);
  });

  it('reject with a reason (modal) → employee fixes and resubmits → approved', async () => {
    const doc = await submitted();
    const ask = await approverMessage(SLACK.appr1, doc.reference);
    await clickButton(h.fake, h.slack, { userId: SLACK.appr1, actionId: 'step_reject' });
    const modal = await h.fake.waitUntil(() => h.fake.topView(SLACK.appr1), { timeoutMs: TIMEOUT });
    expect(modal.callback_id).toBe('reject_reason');
    const empty = await submitView(h.fake, h.slack, { userId: SLACK.appr1, values: { reason: { v: '  ' } } });
    expect(empty.outcome).toBe('errors');
    expect(empty.errors?.reason).toMatch(/say why/);
    const done = await submitView(h.fake, h.slack, { userId: SLACK.appr1, values: { reason: { v: 'The total does not match the receipt' } } });
    expect(done.outcome).toBe('closed');
    await waitMessageState(h.fake, SLACK.appr1, ask.ts, (m) => buttons(m).length === 0 && textOf(m).includes('Rejected by') && textOf(m).includes('The total does not match the receipt'));

    const notice = await waitMessage(h.fake, SLACK.emp, (m) => m.text.startsWith(`${doc.reference} was rejected`) && buttons(m).includes('doc_fix'), 'the rejection notice');
    expect(textOf(notice)).toContain('The total does not match the receipt');
    await clickButton(h.fake, h.slack, { userId: SLACK.emp, actionId: 'doc_fix' });
    const fix = await h.fake.waitUntil(() => h.fake.topView(SLACK.emp), { timeoutMs: TIMEOUT });
    expect(fix.callback_id).toBe('resubmit_fields');
    // Bad amount and currency stay in the modal.
    const bad = await submitView(h.fake, h.slack, { userId: SLACK.emp, values: { totalAmount: { v: 'twelve' }, currency: { v: 'EURO' } } });
    expect(bad.outcome).toBe('errors');
    expect(Object.keys(bad.errors ?? {}).sort()).toEqual(['currency', 'totalAmount']);
    const good = await submitView(h.fake, h.slack, { userId: SLACK.emp, values: { totalAmount: { v: '120.00' }, netAmount: { v: '' }, vatAmount: { v: '' } } });
    expect(good.outcome).toBe('closed');
    await waitMessageState(h.fake, SLACK.emp, notice.ts, (m) => buttons(m).length === 0 && textOf(m).includes('resubmitted by'));

    const again = await waitMessage(h.fake, SLACK.appr1, (m) => m.ts !== ask.ts && m.text.startsWith(`${doc.reference}:`) && buttons(m).includes('step_approve'), 'the second approval request');
    expect(textOf(again)).toContain('120.00 EUR');
    await clickButton(h.fake, h.slack, { userId: SLACK.appr1, actionId: 'step_approve' });
    expect(await h.engine.engine.result(doc.documentId)).toBe('approved');
    const row = await h.engine.db.document.findUniqueOrThrow({ where: { id: doc.documentId } });
    expect(row.totalAmount?.toFixed(2)).toBe('120.00');
  });

  it('a substitute approves on behalf of the approver, shown in both updated messages', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    await h.slack.sendSlashCommand({ user: SLACK.admin, text: `substitute <@${SLACK.emp2}|emp2> for <@${SLACK.appr1}> from ${today} to ${tomorrow}` });
    await waitEphemeral(h.fake, SLACK.admin, (t) => t.includes('substitutes for'));
    try {
      const doc = await submitted();
      const own = await approverMessage(SLACK.appr1, doc.reference);
      const offered = await approverMessage(SLACK.emp2, doc.reference);
      expect(textOf(offered)).toContain(`on behalf of <@${SLACK.appr1}>`);
      await clickButton(h.fake, h.slack, { userId: SLACK.emp2, actionId: 'step_approve' });
      const line = `Approved by <@${SLACK.emp2}> (on behalf of <@${SLACK.appr1}>)`;
      await waitMessageState(h.fake, SLACK.emp2, offered.ts, (m) => buttons(m).length === 0 && textOf(m).includes(line));
      await waitMessageState(h.fake, SLACK.appr1, own.ts, (m) => buttons(m).length === 0 && textOf(m).includes(line));
      expect(await h.engine.engine.result(doc.documentId)).toBe('approved');
      const ev = await h.engine.db.auditEvent.findFirstOrThrow({ where: { documentId: doc.documentId, action: 'approved', actorId: h.seed.id.emp2 } });
      expect(ev.onBehalfOfId).toBe(h.seed.id.appr1);
    } finally {
      await h.engine.db.substitution.updateMany({ where: { substituteId: h.seed.id.emp2 }, data: { removedAt: new Date() } });
      await h.engine.engine.configChanged(h.seed.workspaceId);
    }
  });

  it('an unauthorized click is refused privately and changes nothing', async () => {
    const doc = await submitted();
    const ask = await approverMessage(SLACK.appr1, doc.reference);
    const before = h.fake.ephemerals(SLACK.appr2).length;
    // appr2 is an approver, but not on this step: a forwarded or forged click.
    const r = await h.slack.sendBlockAction({ user: SLACK.appr2, channel: h.fake.dmChannel(SLACK.appr1), messageTs: ask.ts, actionId: 'step_approve' });
    expect(r.status).toBe(200);
    const refusal = await waitEphemeral(h.fake, SLACK.appr2, (t) => t.includes('not an assignee'), before);
    expect(refusal.text).toMatch(/You are not an assignee of the approval step/);
    expect(await decisions(doc.documentId)).toBe(0);
    expect((await h.engine.engine.state(doc.documentId))?.status).toBe('in_review');
    expect(buttons(h.fake.message(h.fake.dmChannel(SLACK.appr1), ask.ts))).toEqual(['step_approve', 'step_reject']);
    // The employee cannot approve their own report either.
    await h.slack.sendBlockAction({ user: SLACK.emp, channel: h.fake.dmChannel(SLACK.appr1), messageTs: ask.ts, actionId: 'step_approve' });
    await waitEphemeral(h.fake, SLACK.emp, (t) => t.includes('You submitted this document'));
    await clickButton(h.fake, h.slack, { userId: SLACK.appr1, actionId: 'step_approve' });
    expect(await h.engine.engine.result(doc.documentId)).toBe('approved');
  });

  it('a double click counts once', async () => {
    const doc = await submitted();
    const ask = await approverMessage(SLACK.appr1, doc.reference);
    // Both clicks leave before either is answered (the message still shows the button).
    const [a, b] = await Promise.all([
      h.slack.sendBlockAction({ user: SLACK.appr1, messageTs: ask.ts, actionId: 'step_approve' }),
      h.slack.sendBlockAction({ user: SLACK.appr1, messageTs: ask.ts, actionId: 'step_approve' }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await h.engine.engine.result(doc.documentId)).toBe('approved');
    await waitMessageState(h.fake, SLACK.appr1, ask.ts, (m) => buttons(m).length === 0);
    expect(await decisions(doc.documentId)).toBe(1);
    // Notices go out from the outbox, after the workflow has finished.
    await waitMessage(h.fake, SLACK.emp, (m) => m.text.includes(`${doc.reference} is now approved`), 'the approval notice');
    const notices = h.fake.messages(SLACK.emp).filter((m) => m.text.includes(`${doc.reference} is now approved`));
    expect(notices).toHaveLength(1);
  });

  it('flags a possible duplicate, and Cancel withdraws the undecided report', async () => {
    const content = await invoicePdf({ supplier: 'Twice Printed OU', number: 'TW-1', net: '50.00', vat: '12.00', total: '62.00' });
    const first = await shareFileAsUser(h.slack, { userId: SLACK.emp, name: 'first.pdf', content, mimetype: 'application/pdf' });
    const firstRef = /DOC-\d+/.exec((await waitMessage(h.fake, SLACK.emp, (m) => m.thread_ts === first.message.ts && /Got it/.test(m.text))).text)![0];
    // The first one is read before the second arrives (two in flight would flag each other).
    await waitMessage(h.fake, SLACK.emp, (m) => m.text.startsWith(`${firstRef}:`) && buttons(m).includes('doc_confirm'), 'the first confirmation');
    const again = await shareFileAsUser(h.slack, { userId: SLACK.emp, name: 'again.pdf', content, mimetype: 'application/pdf' });
    const ref = /DOC-\d+/.exec((await waitMessage(h.fake, SLACK.emp, (m) => m.thread_ts === again.message.ts && /Got it/.test(m.text))).text)![0];
    expect(ref).not.toBe(firstRef);
    const confirm = await waitMessage(h.fake, SLACK.emp, (m) => m.text.startsWith(`${ref}:`) && buttons(m).includes('doc_cancel'), 'the second confirmation');
    expect(textOf(confirm)).toContain(`Possible duplicate of *${firstRef}*`);
    await h.slack.sendBlockAction({ user: SLACK.emp, messageTs: confirm.ts, actionId: 'doc_cancel' });
    await waitMessageState(h.fake, SLACK.emp, confirm.ts, (m) => buttons(m).length === 0 && textOf(m).includes(`Withdrawn by <@${SLACK.emp}>`));
    const documentId = (await findDocumentId(h.engine.db, h.seed.workspaceId, ref))!;
    expect(await h.engine.engine.result(documentId)).toBe('withdrawn');
    await waitMessage(h.fake, SLACK.emp, (m) => m.text.includes(`${ref} is now withdrawn`), 'the withdrawal notice');
  });

  it('a file Slack serves as an HTML sign-in page gives a clear error and no document', async () => {
    const before = await h.engine.db.document.count();
    const file = h.fake.addFile({ name: 'receipt.pdf', mimetype: 'application/pdf', content: Buffer.from('%PDF-1.7'), ownerId: SLACK.emp });
    h.fake.revokeFileAccess(file.id);
    const posted = h.fake.postAsUser({ userId: SLACK.emp, text: '', subtype: 'file_share' });
    await h.slack.sendEvent({ type: 'message', subtype: 'file_share', channel: posted.channel, channel_type: 'im', user: SLACK.emp, text: '', ts: posted.ts, files: [file] });
    const reply = await waitMessage(h.fake, SLACK.emp, (m) => m.thread_ts === posted.ts, 'the error reply');
    expect(reply.text).toMatch(/sign-in page instead of your file/);
    expect(reply.text).toMatch(/Nothing was submitted/);
    expect(h.fake.calls.filter((c) => c.method === 'files.download' && (c.args as { file?: string }).file === file.id)).toHaveLength(1);
    expect(await h.engine.db.document.count()).toBe(before);
  });

  it('never sends the bot token to a host that is not Slack, whatever the file event names', async () => {
    const foreign = await startLoginPageServer();
    try {
      const before = await h.engine.db.document.count();
      const posted = h.fake.postAsUser({ userId: SLACK.emp, text: '', subtype: 'file_share' });
      await h.slack.sendEvent({
        type: 'message',
        subtype: 'file_share',
        channel: posted.channel,
        channel_type: 'im',
        user: SLACK.emp,
        text: '',
        ts: posted.ts,
        files: [{ id: 'F0ELSEWHERE', name: 'receipt.pdf', mimetype: 'application/pdf', url_private: foreign.url, url_private_download: foreign.url }],
      });
      const reply = await waitMessage(h.fake, SLACK.emp, (m) => m.thread_ts === posted.ts, 'the refusal');
      expect(reply.text).toMatch(/does not point to Slack/);
      expect(reply.text).toMatch(/Nothing was submitted/);
      expect(foreign.hits()).toBe(0);
      expect(await h.engine.db.document.count()).toBe(before);
    } finally {
      await foreign.close();
    }
  });

  it('an upload that arrives only as a Slack retry (the app was down for the first delivery) becomes a document', async () => {
    const content = await invoicePdf({ supplier: 'Downtime Deli OU', number: `DD-${Date.now()}`, net: '20.00', vat: '4.80', total: '24.80' });
    const file = h.fake.addFile({ name: 'deli.pdf', mimetype: 'application/pdf', content, ownerId: SLACK.emp });
    const posted = h.fake.postAsUser({ userId: SLACK.emp, text: '', subtype: 'file_share', files: [file] });
    const event = { type: 'message', subtype: 'file_share', channel: posted.channel, channel_type: 'im', user: SLACK.emp, text: '', ts: posted.ts, files: [h.fake.file(file.id)] };
    const retry = await h.slack.sendEvent(event, { retryNum: 2, retryReason: 'http_error' });
    expect(retry.status).toBe(200);
    const reply = await waitMessage(h.fake, SLACK.emp, (m) => m.thread_ts === posted.ts && /Got it/.test(m.text), 'the thread reply');
    const reference = /DOC-\d+/.exec(reply.text)![0];
    await waitMessage(h.fake, SLACK.emp, (m) => m.text.startsWith(`${reference}:`) && buttons(m).includes('doc_confirm'), 'the confirmation request');
    expect(await h.engine.db.document.count({ where: { fileName: 'deli.pdf' } })).toBe(1);
  });

  it('a Slack retry and the file_shared twin event create no second document', async () => {
    const content = await invoicePdf({ supplier: 'Retry Bakery OU', number: `RB-${Date.now()}`, net: '10.00', vat: '2.40', total: '12.40' });
    const { file, message } = await shareFileAsUser(h.slack, { userId: SLACK.emp, name: 'bakery.pdf', content, mimetype: 'application/pdf', alsoFileShared: true });
    await waitMessage(h.fake, SLACK.emp, (m) => m.thread_ts === message.ts && /Got it/.test(m.text), 'the thread reply');
    const event = { type: 'message', subtype: 'file_share', channel: message.channel, channel_type: 'im', user: SLACK.emp, text: '', ts: message.ts, files: [h.fake.file(file.id)] };
    const retry = await h.slack.sendEvent(event, { retryNum: 1, retryReason: 'http_timeout' });
    expect(retry.status).toBe(200);
    const reference = /DOC-\d+/.exec(h.fake.messages(SLACK.emp).find((m) => m.thread_ts === message.ts)!.text)![0];
    await waitMessage(h.fake, SLACK.emp, (m) => m.text.startsWith(`${reference}:`) && buttons(m).includes('doc_confirm'), 'the confirmation request');
    const docs = await h.engine.db.document.findMany({ where: { fileName: 'bakery.pdf' } });
    expect(docs).toHaveLength(1);
    expect(h.fake.messages(SLACK.emp).filter((m) => m.thread_ts === message.ts)).toHaveLength(1);
    expect(h.fake.calls.filter((c) => c.method === 'files.download' && c.args.file === file.id)).toHaveLength(1);
  });

  it('refuses a request with a bad signature (401) and a stale timestamp (401)', async () => {
    const body = new URLSearchParams({ command: '/countersign', text: 'help', user_id: SLACK.admin, team_id: h.fake.teamId }).toString();
    const contentType = 'application/x-www-form-urlencoded';
    const now = Math.floor(Date.now() / 1000);
    expect((await h.http!.sendRaw({ body, contentType, signature: slackSignature('wrong-secret', now, body) })).status).toBe(401);
    expect((await h.http!.sendRaw({ body, contentType, timestamp: now - 6 * 60 })).status).toBe(401);
    const ok = await h.http!.sendRaw({ body, contentType });
    expect(ok.status).toBe(200);
    expect(JSON.stringify(ok.body)).toContain('Countersign');
  });
});
