// A small REAL Bolt app (HTTP receiver on a random port) that uses the Slack features the
// sandbox must carry: slash commands answered in the ack and through respond(), a file_share
// message answered in the thread with buttons and selects, a modal with validation errors,
// view_closed, App Home. It records what it received, so tests see what Slack would send.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, type Logger } from '@slack/bolt';

export const MINI_SECRET = 'sandbox-test-signing-secret';
export const MINI_TOKEN = 'xoxb-sandbox-test-token';

export interface MiniBot {
  url: string;
  received: Array<{ kind: string; body: Record<string, unknown> }>;
  /** Commands ("role add …") the bot answered, in order. */
  commands: string[];
  stop(): Promise<void>;
}

function quietLogger(): Logger {
  const noop = () => {};
  const err = (...m: unknown[]) => console.error("MINIBOT", ...m);
  return { debug: noop, info: noop, warn: noop, error: err, setLevel: noop, getLevel: () => LogLevel.ERROR, setName: noop };
}

/** Start the sandbox (the fake) first: `new App({token})` calls auth.test at once. */
export async function startMiniBot(apiUrl: string): Promise<MiniBot> {
  const received: MiniBot['received'] = [];
  const commands: string[] = [];
  const app = new App({ signingSecret: MINI_SECRET, token: MINI_TOKEN, logger: quietLogger(), clientOptions: { slackApiUrl: apiUrl, retryConfig: { retries: 0 } } });

  app.command('/countersign', async ({ command, ack, respond }) => {
    received.push({ kind: 'command', body: command as unknown as Record<string, unknown> });
    if (command.text === 'help') return void (await ack({ response_type: 'ephemeral', text: '*Help* for <@' + command.user_id + '>' }));
    if (command.text === 'plain') return void (await ack('a plain text answer'));
    await ack();
    commands.push(command.text);
    const refused = /chain set/.test(command.text) && !/<@U0COORD1\|camille>/.test(command.text);
    await respond({ response_type: 'ephemeral', text: refused ? `🚫 no coordinators in ${command.text}` : `✅ done: ${command.text}` });
  });

  app.message(async ({ message, client }) => {
    const m = message as { subtype?: string; channel: string; ts: string; files?: Array<{ id: string; name: string; url_private_download?: string }>; text?: string; user?: string };
    received.push({ kind: 'message', body: m as unknown as Record<string, unknown> });
    if (m.subtype !== 'file_share') {
      await client.chat.postMessage({ channel: m.channel, text: `You said: ${m.text ?? ''}` });
      return;
    }
    const file = m.files?.[0];
    // Download it the way the real bot does: with the bot token.
    const res = await fetch(file?.url_private_download ?? '', { headers: { authorization: `Bearer ${MINI_TOKEN}` } });
    const bytes = Buffer.from(await res.arrayBuffer());
    await client.chat.postMessage({
      channel: m.channel,
      thread_ts: m.ts,
      text: 'got it',
      blocks: [
        { type: 'section', block_id: 'got', text: { type: 'mrkdwn', text: `Got *${file?.name ?? '?'}* (${bytes.length} bytes, ${res.headers.get('content-type') ?? '?'})` } },
        {
          type: 'actions',
          block_id: 'acts',
          elements: [
            { type: 'button', action_id: 'open_form', text: { type: 'plain_text', text: 'Open form' }, value: 'form', style: 'primary' },
            { type: 'static_select', action_id: 'pick', placeholder: { type: 'plain_text', text: 'Pick' }, options: [{ text: { type: 'plain_text', text: 'Alpha' }, value: 'a' }, { text: { type: 'plain_text', text: 'Beta' }, value: 'b' }] },
            { type: 'overflow', action_id: 'more', options: [{ text: { type: 'plain_text', text: 'Withdraw' }, value: 'w' }, { text: { type: 'plain_text', text: 'Details' }, value: 'd' }] },
            { type: 'datepicker', action_id: 'when' },
          ],
        },
      ],
    });
  });

  app.action('open_form', async ({ ack, body, client }) => {
    await ack();
    received.push({ kind: 'action', body: body as unknown as Record<string, unknown> });
    await client.views.open({
      trigger_id: (body as { trigger_id: string }).trigger_id,
      view: {
        type: 'modal',
        callback_id: 'form',
        notify_on_close: true,
        title: { type: 'plain_text', text: 'Reject DOC-1' },
        submit: { type: 'plain_text', text: 'Reject' },
        close: { type: 'plain_text', text: 'Cancel' },
        blocks: [
          { type: 'input', block_id: 'reason', label: { type: 'plain_text', text: 'Reason' }, element: { type: 'plain_text_input', action_id: 'v', multiline: true } },
          { type: 'input', block_id: 'acc', optional: true, label: { type: 'plain_text', text: 'Account' }, element: { type: 'static_select', action_id: 'v', options: [{ text: { type: 'plain_text', text: '6000 · Office' }, value: '6000' }] } },
          { type: 'input', block_id: 'due', optional: true, label: { type: 'plain_text', text: 'Due' }, element: { type: 'datepicker', action_id: 'v' } },
          { type: 'input', block_id: 'who', optional: true, label: { type: 'plain_text', text: 'Who' }, element: { type: 'users_select', action_id: 'v' } },
        ],
      },
    });
  });
  for (const id of ['pick', 'more', 'when', 'home_button']) {
    app.action(id, async ({ ack, body }) => {
      await ack();
      received.push({ kind: 'action', body: body as unknown as Record<string, unknown> });
    });
  }

  app.view('form', async ({ ack, view, body, client }) => {
    received.push({ kind: 'view_submission', body: body as unknown as Record<string, unknown> });
    const reason = view.state.values.reason?.v?.value ?? '';
    if (reason.trim() === '') return void (await ack({ response_action: 'errors', errors: { reason: 'Please say why.' } }));
    await ack();
    await client.chat.postMessage({ channel: body.user.id, text: `Rejected: ${reason}` });
  });
  app.view({ callback_id: 'form', type: 'view_closed' }, async ({ ack, body }) => {
    await ack();
    received.push({ kind: 'view_closed', body: body as unknown as Record<string, unknown> });
  });

  app.event('app_home_opened', async ({ event, client }) => {
    received.push({ kind: 'app_home_opened', body: event as unknown as Record<string, unknown> });
    await client.views.publish({
      user_id: event.user,
      view: { type: 'home', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'Home of the mini bot' } }, { type: 'actions', elements: [{ type: 'button', action_id: 'home_button', text: { type: 'plain_text', text: 'Press' } }] }] },
    });
  });

  const server = (await app.start(0)) as Server;
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/slack/events`, received, commands, stop: async () => void (await app.stop()) };
}
