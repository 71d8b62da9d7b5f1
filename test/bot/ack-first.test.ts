// Issue 13 #11: slow work never delays what Slack waits for. With every database call of the
// bot taking 4 s (an overloaded or restarting PostgreSQL), a modal submission is still
// acknowledged within Slack's 3 s (Mark paid: then done and told; coding: the modal stays
// open saying the database is not answering), and History opens its modal while the trigger
// is valid, filling it in afterwards.
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../data/db';
import { SLACK } from '../../scripts/lib/slack-people';
import { CALLBACKS } from '../../bot/views/modals';
import { markPaidModal } from '../../bot/views/payments';
import { HISTORY_ACTION } from '../../bot/views/history';
import { startBotHarness, type BotHarness } from './support/bot-harness';
import { TIMEOUT, waitEphemeral } from './support/slack-view';

const slow = { on: false };
let h: BotHarness;

const slowed = (db: Db): Db =>
  db.$extends({
    query: {
      async $allOperations({ args, query }) {
        if (slow.on) await new Promise((r) => setTimeout(r, 4_000));
        return query(args);
      },
    },
  }) as unknown as Db;

beforeAll(async () => {
  h = await startBotHarness({ botDb: slowed });
});
afterAll(async () => {
  slow.on = false;
  await h?.close();
});

async function openView(userId: string, view: object): Promise<void> {
  const web = new WebClient(h.fake.botToken, { slackApiUrl: h.fake.apiUrl });
  await web.views.open({ trigger_id: h.fake.issueTrigger(userId), view: view as never });
}

describe('with a slow database', () => {
  it('Mark paid is acknowledged at once, then the person is told', async () => {
    slow.on = false;
    await openView(SLACK.payer, markPaidModal('DOC-999', 'x', '2025-01-01', { d: 'doc_does_not_exist' } as never));
    slow.on = true;
    const t = Date.now();
    const r = await h.slack.sendViewSubmission({ user: SLACK.payer, values: { paidOn: { v: '2025-01-02' }, reference: { v: '' } } as never });
    expect(Date.now() - t).toBeLessThan(3_000);
    expect(r.outcome).toBe('closed');
    await waitEphemeral(h.fake, SLACK.payer, (text) => /No such document|🚫/.test(text));
    slow.on = false;
  }, TIMEOUT * 2);

  it('a coding submission that needs the database answers in time, keeping the modal open', async () => {
    slow.on = false;
    await openView(SLACK.book, {
      type: 'modal',
      callback_id: CALLBACKS.coding,
      private_metadata: JSON.stringify({ d: 'doc_does_not_exist' }),
      title: { type: 'plain_text', text: 'Coding' },
      submit: { type: 'plain_text', text: 'Save' },
      blocks: [{ type: 'input', block_id: 'l1_amount', label: { type: 'plain_text', text: 'Amount' }, element: { type: 'plain_text_input', action_id: 'v' } }],
    });
    slow.on = true;
    const t = Date.now();
    const r = await h.slack.sendViewSubmission({ user: SLACK.book, values: { l1_amount: { v: '10.00' } } as never });
    expect(Date.now() - t).toBeLessThan(3_000);
    expect(r.outcome).toBe('errors');
    expect(Object.values(r.errors ?? {}).join(' ')).toMatch(/not answering.*try again in a minute/);
    slow.on = false;
  }, TIMEOUT * 2);

  it('History opens its modal within the trigger time, then shows the content', async () => {
    slow.on = false;
    const web = new WebClient(h.fake.botToken, { slackApiUrl: h.fake.apiUrl });
    const value = JSON.stringify({ d: 'doc_does_not_exist' });
    const posted = await web.chat.postMessage({
      channel: h.fake.dmChannel(SLACK.auditor),
      text: 'a document',
      blocks: [{ type: 'actions', block_id: 'b1', elements: [{ type: 'button', action_id: HISTORY_ACTION, value, text: { type: 'plain_text', text: 'History' } }] }],
    });
    slow.on = true;
    const t = Date.now();
    await h.slack.sendBlockAction({ user: SLACK.auditor, actionId: HISTORY_ACTION, channel: h.fake.dmChannel(SLACK.auditor), messageTs: posted.ts! });
    const opened = await h.fake.waitFor('views.open', undefined, TIMEOUT);
    expect(opened).toBeDefined();
    expect(Date.now() - t).toBeLessThan(2_500);
    await h.fake.waitFor('views.update', undefined, TIMEOUT);
    slow.on = false;
  }, TIMEOUT * 2);
});
