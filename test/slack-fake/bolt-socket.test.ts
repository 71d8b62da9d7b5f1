// The fake's Socket Mode against a REAL Bolt app with `socketMode: true`: Bolt calls
// apps.connections.open with the app token, connects to the fake's WebSocket, and acks
// the envelopes the Socket Mode simulator sends.
import { afterEach, describe, expect, it } from 'vitest';
import { clickButton, startFakeSlack, submitView } from '../../slack-fake';
import { deferred, startSocketHarness, type SocketHarness } from './harness';

let harness: SocketHarness | undefined;
afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

describe('Bolt over Socket Mode', () => {
  it('connects with the app token through apps.connections.open', async () => {
    harness = await startSocketHarness(() => {});
    const call = await harness.fake.waitFor('apps.connections.open');
    expect(call.token).toBe(harness.fake.appToken);
    expect(call.result.url).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:${harness.fake.port}/link/\\?ticket=`));
    expect(harness.fake.socketConnections).toBe(1);
  });

  it('acks a slash command envelope, and the ack text reaches the user', async () => {
    const seen = deferred<{ text: string; user: string }>();
    harness = await startSocketHarness((app) => {
      app.command('/countersign', async ({ command, ack }) => {
        seen.resolve({ text: command.text, user: command.user_id });
        await ack({ text: 'Working on it' });
      });
    });
    const response = await harness.client.sendSlashCommand({ user: 'U0ALICE', text: 'inbox' });
    expect(await seen.promise).toEqual({ text: 'inbox', user: 'U0ALICE' });
    expect(response).toEqual({ status: 200, body: { text: 'Working on it' } });
    expect(harness.fake.ephemerals('U0ALICE')).toMatchObject([{ text: 'Working on it', source: 'command_ack' }]);
  });

  it('returns the raw ack frame of an envelope', async () => {
    harness = await startSocketHarness((app) => {
      app.event('app_mention', async () => {});
    });
    const ack = await harness.fake.sendEnvelope('events_api', {
      type: 'event_callback',
      team_id: harness.fake.teamId,
      api_app_id: harness.fake.appId,
      event_id: 'Ev0TEST',
      event_time: 1,
      event: { type: 'app_mention', user: 'U0ALICE', text: '<@U0FAKEBOT> hi', channel: 'C1', ts: '1.000001' },
    });
    expect(ack.envelope_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('delivers a click and a modal submission, with the same payload builders as HTTP', async () => {
    const clicked = deferred<string>();
    harness = await startSocketHarness((app) => {
      app.action('code', async ({ ack, body, client, action }) => {
        await ack();
        clicked.resolve((action as { value?: string }).value ?? '');
        await client.views.open({
          trigger_id: (body as { trigger_id: string }).trigger_id,
          view: {
            type: 'modal',
            callback_id: 'coding',
            title: { type: 'plain_text', text: 'Coding' },
            submit: { type: 'plain_text', text: 'Save' },
            blocks: [{ type: 'input', block_id: 'gl', label: { type: 'plain_text', text: 'GL account' }, element: { type: 'plain_text_input', action_id: 'account' } }],
          },
        });
      });
      app.view('coding', async ({ ack, view, client }) => {
        await ack();
        await client.chat.postMessage({ channel: 'U0ALICE', text: `Coded to ${view.state.values.gl?.account?.value ?? '?'}` });
      });
    });
    const { fake, client, app } = harness;
    await app.client.chat.postMessage({
      channel: 'U0ALICE',
      text: 'Invoice to code',
      blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'code', text: { type: 'plain_text', text: 'Code' }, value: 'INV-7' }] }],
    });
    await clickButton(fake, client, { userId: 'U0ALICE', actionId: 'code' });
    expect(await clicked.promise).toBe('INV-7');
    await fake.waitUntil(() => fake.topView('U0ALICE'));
    const result = await submitView(fake, client, { userId: 'U0ALICE', values: { gl: { account: '6064' } } });
    expect(result.outcome).toBe('closed');
    await fake.waitUntil(() => fake.messages('U0ALICE').find((m) => m.text === 'Coded to 6064'));
  });

  it('refuses to send an envelope when no app is connected', async () => {
    const fake = await startFakeSlack();
    try {
      await expect(fake.sendEnvelope('slash_commands', { command: '/countersign' })).rejects.toThrow(/no Socket Mode connection/);
    } finally {
      await fake.close();
    }
  });
});
