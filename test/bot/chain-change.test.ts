// A correction that changes the chain, through the real bot and fake Slack: a receipt of 124
// rejected and corrected to 9,000 goes to the CFO's chain, and the employee and the first
// approver read in their DMs that the chain changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickButton, shareFileAsUser, submitView } from '../../slack-fake';
import { findDocumentId } from '../../client/queries';
import { setChain } from '../../scripts/lib/seed';
import { startBotHarness, type BotHarness } from './support/bot-harness';
import { invoicePdf } from './support/pdf';
import { SLACK } from '../../scripts/lib/slack-people';
import { buttons, textOf, TIMEOUT, waitMessage, waitMessageState } from './support/slack-view';

let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness();
  await setChain(h.engine.db, h.seed.workspaceId, 'small', [{ type: 'approve', mode: 'any', assignees: [h.seed.id.appr1] }], {}, true);
  await setChain(h.engine.db, h.seed.workspaceId, 'big', [{ type: 'approve', mode: 'any', assignees: [h.seed.id.cfo] }], { minAmount: '5000.00' });
});
afterAll(async () => h?.close());

describe('a corrected amount that changes the chain', () => {
  it('goes to the new chain’s approver, and the people involved are told in Slack', async () => {
    const content = await invoicePdf({ supplier: 'Cafe Chain OU', number: `R-${Date.now()}`, net: '100.00', vat: '24.00', total: '124.00' });
    const { message } = await shareFileAsUser(h.slack, { userId: SLACK.emp, name: 'receipt.pdf', content, mimetype: 'application/pdf' });
    const reply = await waitMessage(h.fake, SLACK.emp, (m) => m.thread_ts === message.ts && /Got it/.test(m.text), 'the thread reply');
    const reference = /DOC-\d+/.exec(reply.text)![0];
    const documentId = (await findDocumentId(h.engine.db, h.seed.workspaceId, reference))!;
    await waitMessage(h.fake, SLACK.emp, (m) => m.text.startsWith(`${reference}:`) && buttons(m).includes('doc_confirm'), 'the confirmation request');
    await clickButton(h.fake, h.slack, { userId: SLACK.emp, actionId: 'doc_confirm' });

    await waitMessage(h.fake, SLACK.appr1, (m) => m.text.startsWith(`${reference}:`) && buttons(m).includes('step_approve'), 'the approval request');
    await clickButton(h.fake, h.slack, { userId: SLACK.appr1, actionId: 'step_reject' });
    await h.fake.waitUntil(() => h.fake.topView(SLACK.appr1), { timeoutMs: TIMEOUT });
    expect((await submitView(h.fake, h.slack, { userId: SLACK.appr1, values: { reason: { v: 'The receipt says 9,000' } } })).outcome).toBe('closed');

    const notice = await waitMessage(h.fake, SLACK.emp, (m) => m.text.startsWith(`${reference} was rejected`) && buttons(m).includes('doc_fix'), 'the rejection notice');
    await clickButton(h.fake, h.slack, { userId: SLACK.emp, actionId: 'doc_fix' });
    await h.fake.waitUntil(() => h.fake.topView(SLACK.emp), { timeoutMs: TIMEOUT });
    const fixed = await submitView(h.fake, h.slack, { userId: SLACK.emp, values: { totalAmount: { v: '9000.00' }, netAmount: { v: '' }, vatAmount: { v: '' } } });
    expect(fixed.outcome).toBe('closed');
    await waitMessageState(h.fake, SLACK.emp, notice.ts, (m) => buttons(m).length === 0 && textOf(m).includes('resubmitted by'));

    for (const who of [SLACK.emp, SLACK.appr1]) {
      const told = await waitMessage(h.fake, who, (m) => textOf(m).includes(`${reference}* now goes through the approval chain *big*`), `the chain-change note to ${who}`);
      expect(textOf(told)).toContain('(it was *small*)');
    }
    await waitMessage(h.fake, SLACK.cfo, (m) => m.text.startsWith(`${reference}:`) && buttons(m).includes('step_approve'), 'the CFO’s approval request');
    await clickButton(h.fake, h.slack, { userId: SLACK.cfo, actionId: 'step_approve' });
    expect(await h.engine.engine.result(documentId)).toBe('approved');
  });
});
