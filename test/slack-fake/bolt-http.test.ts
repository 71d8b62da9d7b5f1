// The fake and the HTTP simulator against a REAL Bolt app (HTTP receiver, random port):
// what Bolt's listeners receive, what they send back, and Bolt's own request checks.
import { afterEach, describe, expect, it } from 'vitest';
import { clickButton, openAppHome, sendUserMessage, shareFileAsUser, submitView, slackSignature } from '../../slack-fake';
import { deferred, startHttpHarness, SIGNING_SECRET, type HttpHarness } from './harness';

let harness: HttpHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const approveBlocks = (docId: string) => [
  { type: 'section', block_id: 'summary', text: { type: 'mrkdwn', text: `Invoice *${docId}*: 1 200,00 EUR` } },
  {
    type: 'actions',
    block_id: 'decision',
    elements: [
      { type: 'button', action_id: 'approve', text: { type: 'plain_text', text: 'Approve' }, value: docId, style: 'primary' },
      { type: 'button', action_id: 'reject', text: { type: 'plain_text', text: 'Reject' }, value: docId, style: 'danger' },
    ],
  },
];

describe('Bolt over HTTP', () => {
  it('delivers a slash command with its fields, and the fake records what the listener posts', async () => {
    const seen = deferred<Record<string, unknown>>();
    harness = await startHttpHarness((app) => {
      app.command('/countersign', async ({ command, ack, client }) => {
        await ack();
        seen.resolve(command as unknown as Record<string, unknown>);
        await client.chat.postMessage({ channel: command.user_id, text: `You asked: ${command.text}` });
      });
    });
    const { fake, client } = harness;
    const response = await client.sendSlashCommand({ user: 'U0ALICE', text: 'inbox' });
    expect(response.status).toBe(200);
    expect(await seen.promise).toMatchObject({
      command: '/countersign',
      text: 'inbox',
      user_id: 'U0ALICE',
      user_name: 'alice',
      team_id: fake.teamId,
      channel_id: fake.dmChannel('U0ALICE'),
      trigger_id: expect.any(String),
      response_url: expect.stringContaining(fake.baseUrl),
    });
    await fake.waitFor('chat.postMessage');
    expect(fake.messages('U0ALICE').map((m) => m.text)).toEqual(['You asked: inbox']);
  });

  it('shows the text of a slash command ack to the user only, like Slack', async () => {
    harness = await startHttpHarness((app) => {
      app.command('/countersign', async ({ ack }) => ack({ text: 'Unknown subcommand' }));
    });
    await harness.client.sendSlashCommand({ user: 'U0ALICE', text: 'frobnicate' });
    expect(harness.fake.ephemerals('U0ALICE')).toMatchObject([{ text: 'Unknown subcommand', source: 'command_ack' }]);
  });

  it('delivers a button click with the full block_actions payload, and respond() replaces the message', async () => {
    const seen = deferred<Record<string, unknown>>();
    harness = await startHttpHarness((app) => {
      app.action('approve', async ({ ack, body, respond }) => {
        await ack();
        seen.resolve(body as unknown as Record<string, unknown>);
        await respond({ replace_original: true, text: 'Approved by alice' });
      });
    });
    const { fake, client } = harness;
    const posted = await harness.app.client.chat.postMessage({ channel: 'U0ALICE', text: 'Invoice INV-42', blocks: approveBlocks('INV-42') });

    await clickButton(fake, client, { userId: 'U0ALICE', text: 'Approve' });
    const body = await seen.promise;
    expect(body).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0ALICE', username: 'alice', team_id: fake.teamId },
      team: { id: fake.teamId },
      api_app_id: fake.appId,
      trigger_id: expect.any(String),
      container: { type: 'message', message_ts: posted.ts, channel_id: posted.channel },
      channel: { id: posted.channel },
      message: { ts: posted.ts, blocks: approveBlocks('INV-42') },
      actions: [{ type: 'button', action_id: 'approve', block_id: 'decision', value: 'INV-42', text: { text: 'Approve' }, style: 'primary' }],
    });
    await fake.waitFor('response_url');
    expect(fake.messages('U0ALICE')).toMatchObject([{ ts: posted.ts, text: 'Approved by alice', blocks: [] }]);
  });

  it('lets a listener edit the clicked message in place with chat.update', async () => {
    harness = await startHttpHarness((app) => {
      app.action('approve', async ({ ack, body, client }) => {
        await ack();
        const { container } = body as unknown as { container: { channel_id: string; message_ts: string } };
        await client.chat.update({ channel: container.channel_id, ts: container.message_ts, text: 'Approved', blocks: [] });
      });
    });
    const { fake, client } = harness;
    const posted = await harness.app.client.chat.postMessage({ channel: 'U0ALICE', text: 'Invoice INV-42', blocks: approveBlocks('INV-42') });
    await clickButton(fake, client, { userId: 'U0ALICE', actionId: 'approve' });
    await fake.waitFor('chat.update');
    expect(fake.messages('U0ALICE')).toMatchObject([{ ts: posted.ts, text: 'Approved', blocks: [], updates: 1 }]);
    // The button is gone, so a second click has nothing to press.
    expect(() => clickButton(fake, client, { userId: 'U0ALICE', actionId: 'approve' })).toThrow(/has a button approve/);
  });

  it('lets a listener open a modal with the trigger_id, and submits it with typed values', async () => {
    const submitted = deferred<Record<string, unknown>>();
    harness = await startHttpHarness((app) => {
      app.action('reject', async ({ ack, body, client }) => {
        await ack();
        const trigger = (body as { trigger_id: string }).trigger_id;
        await client.views.open({
          trigger_id: trigger,
          view: {
            type: 'modal',
            callback_id: 'reject_reason',
            private_metadata: 'INV-42',
            title: { type: 'plain_text', text: 'Reject invoice' },
            submit: { type: 'plain_text', text: 'Reject' },
            blocks: [
              { type: 'input', block_id: 'reason', label: { type: 'plain_text', text: 'Reason' }, element: { type: 'plain_text_input', action_id: 'text' } },
              {
                type: 'input',
                block_id: 'category',
                label: { type: 'plain_text', text: 'Category' },
                element: {
                  type: 'static_select',
                  action_id: 'pick',
                  options: [
                    { text: { type: 'plain_text', text: 'Wrong amount' }, value: 'amount' },
                    { text: { type: 'plain_text', text: 'Duplicate' }, value: 'duplicate' },
                  ],
                },
              },
              { type: 'input', block_id: 'due', label: { type: 'plain_text', text: 'Due' }, element: { type: 'datepicker', action_id: 'date', initial_date: '2025-01-31' } },
              { type: 'input', block_id: 'notify', label: { type: 'plain_text', text: 'Notify' }, element: { type: 'multi_users_select', action_id: 'who' } },
            ],
          },
        });
      });
      app.view('reject_reason', async ({ ack, view }) => {
        const reason = view.state.values.reason?.text?.value ?? '';
        if (reason.length < 5) {
          await ack({ response_action: 'errors', errors: { reason: 'Say a bit more' } });
          return;
        }
        await ack();
        submitted.resolve(view as unknown as Record<string, unknown>);
      });
    });
    const { fake, client } = harness;
    await harness.app.client.chat.postMessage({ channel: 'U0ALICE', text: 'Invoice', blocks: approveBlocks('INV-42') });
    await clickButton(fake, client, { userId: 'U0ALICE', actionId: 'reject' });
    await fake.waitUntil(() => fake.topView('U0ALICE'));

    const refused = await submitView(fake, client, { userId: 'U0ALICE', values: { reason: { text: 'no' } } });
    expect(refused).toMatchObject({ status: 200, outcome: 'errors', errors: { reason: 'Say a bit more' } });
    expect(fake.openViews('U0ALICE')).toHaveLength(1);

    const accepted = await submitView(fake, client, {
      userId: 'U0ALICE',
      values: { reason: { text: 'Amount differs from PO' }, category: { pick: 'amount' }, notify: { who: ['U0BOB', 'U0CAROL'] } },
    });
    expect(accepted.outcome).toBe('closed');
    expect(fake.openViews('U0ALICE')).toEqual([]);
    expect(await submitted.promise).toMatchObject({
      callback_id: 'reject_reason',
      private_metadata: 'INV-42',
      state: {
        values: {
          reason: { text: { type: 'plain_text_input', value: 'Amount differs from PO' } },
          category: { pick: { type: 'static_select', selected_option: { text: { text: 'Wrong amount' }, value: 'amount' } } },
          due: { date: { type: 'datepicker', selected_date: '2025-01-31' } },
          notify: { who: { type: 'multi_users_select', selected_users: ['U0BOB', 'U0CAROL'] } },
        },
      },
    });
  });

  it('surfaces a too-long modal title as an error in the listener', async () => {
    const failure = deferred<string>();
    harness = await startHttpHarness((app) => {
      app.command('/countersign', async ({ ack, command, client }) => {
        await ack();
        try {
          await client.views.open({ trigger_id: command.trigger_id, view: { type: 'modal', title: { type: 'plain_text', text: 'Configure approval chains' }, blocks: [] } });
          failure.resolve('no error');
        } catch (error) {
          failure.resolve((error as { data?: { error?: string } }).data?.error ?? String(error));
        }
      });
    });
    await harness.client.sendSlashCommand({ user: 'U0ALICE', text: 'admin' });
    expect(await failure.promise).toBe('invalid_arguments');
    expect(harness.fake.openViews('U0ALICE')).toEqual([]);
  });

  it('delivers message events (with retry headers) and file shares', async () => {
    const events: Array<{ text?: string; subtype?: string; retryNum?: number; files?: unknown[] }> = [];
    harness = await startHttpHarness((app) => {
      app.message(async ({ message, context }) => {
        const m = message as { text?: string; subtype?: string; files?: unknown[] };
        events.push({ text: m.text, subtype: m.subtype, retryNum: context.retryNum, files: m.files });
      });
    });
    const { fake, client } = harness;
    const first = await sendUserMessage(client, { userId: 'U0ALICE', text: 'status INV-42' });
    expect(first.status).toBe(200);
    await client.sendEvent({ type: 'message', channel: fake.dmChannel('U0ALICE'), channel_type: 'im', user: 'U0ALICE', text: 'again', ts: '1.000001' }, { retryNum: 1 });
    const shared = await shareFileAsUser(client, { userId: 'U0ALICE', name: 'receipt.pdf', content: Buffer.from('%PDF') });
    await fake.waitUntil(() => events.length === 3);
    expect(events).toMatchObject([
      { text: 'status INV-42', retryNum: undefined },
      { text: 'again', retryNum: 1 },
      { subtype: 'file_share', files: [{ id: shared.file.id, url_private: shared.file.url_private }] },
    ]);
    expect(fake.messages('U0ALICE').map((m) => m.user)).toEqual(['U0ALICE', 'U0ALICE']);
  });

  it('delivers app_home_opened and records the published Home', async () => {
    harness = await startHttpHarness((app) => {
      app.event('app_home_opened', async ({ event, client }) => {
        await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `Hello <@${event.user}>` } }] } });
      });
    });
    await openAppHome(harness.client, 'U0ALICE');
    const home = await harness.fake.waitUntil(() => harness?.fake.homeView('U0ALICE'));
    expect(home.blocks[0]).toMatchObject({ text: { text: 'Hello <@U0ALICE>' } });
  });

  it('is refused by Bolt with 401 for a stale timestamp or a bad signature, and accepted when signed right', async () => {
    let handled = 0;
    harness = await startHttpHarness((app) => {
      app.command('/countersign', async ({ ack }) => {
        handled += 1;
        await ack();
      });
    });
    const body = new URLSearchParams({ command: '/countersign', text: '', user_id: 'U0ALICE', team_id: harness.fake.teamId }).toString();
    const contentType = 'application/x-www-form-urlencoded';
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await harness.client.sendRaw({ body, contentType, timestamp: stale })).status).toBe(401);
    expect((await harness.client.sendRaw({ body, contentType, signature: slackSignature('not-the-secret', Math.floor(Date.now() / 1000), body) })).status).toBe(401);
    expect(handled).toBe(0);
    const good = await harness.client.sendRaw({ body, contentType });
    expect(good.status).toBe(200);
    expect(handled).toBe(1);
    expect(SIGNING_SECRET).not.toBe('not-the-secret');
  });

  it('is refused by Bolt with 400 when fetch-style ";charset" is added to the form content type', async () => {
    harness = await startHttpHarness((app) => {
      app.command('/countersign', async ({ ack }) => ack());
    });
    const body = new URLSearchParams({ command: '/countersign', user_id: 'U0ALICE' }).toString();
    const response = await harness.client.sendRaw({ body, contentType: 'application/x-www-form-urlencoded;charset=UTF-8' });
    expect(response.status).toBe(400);
  });
});
