// The bot as `npm start` builds it (runtime/bot.ts from a validated Config) in Socket Mode:
// apps.connections.open with the app token, then events, commands and clicks as envelopes
// on the fake's WebSocket. One document end to end.
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Notifier } from '../../activities';
import { extractDocument } from '../../extraction';
import { loadConfig } from '../../runtime/config';
import { startBot, type RunningBot } from '../../runtime/bot';
import { clickButton, createSocketSlackClient, shareFileAsUser, startFakeSlack, type FakeSlack, type SlackSender } from '../../slack-fake';
import { setChain } from '../../scripts/lib/seed';
import { createHarness, type Harness } from '../support/engine-harness';
import { invoicePdf } from './support/pdf';
import { FAKE_USERS, seedSlackWorkspace, SLACK, type SlackSeed } from '../../scripts/lib/slack-people';
import { buttons, textOf, waitMessage, waitMessageState } from './support/slack-view';

let fake: FakeSlack;
let engine: Harness;
let seed: SlackSeed;
let running: RunningBot;
let slack: SlackSender;
const logged: string[] = [];

beforeAll(async () => {
  fake = await startFakeSlack({ users: FAKE_USERS });
  const notifier: Notifier = { deliver: (e) => running.notifier!.deliver(e) };
  engine = await createHarness({ notifier, extract: (b, n) => extractDocument(b, n) });
  const workspaceId = `W-${randomUUID().slice(0, 8)}`; // own workspace: see bot-harness.ts
  seed = await seedSlackWorkspace(engine.db, workspaceId);
  await setChain(engine.db, workspaceId, 'default', [{ type: 'approve', mode: 'any', assignees: [seed.id.appr1] }], {}, true);
  const cfg = loadConfig({ SLACK_BOT_TOKEN: fake.botToken, SLACK_APP_TOKEN: fake.appToken, SLACK_API_URL: fake.apiUrl, COUNTERSIGN_WORKSPACE: workspaceId, DATA_DIR: engine.filesDir });
  const sink = new Writable({
    write(chunk, _enc, done) {
      logged.push(String(chunk));
      done();
    },
  });
  const log = pino({ level: 'debug', redact: { paths: ['*.token', 'token'], censor: '[redacted]' } }, sink);
  running = await startBot({ cfg, db: engine.db, engine: engine.engine, log });
  slack = createSocketSlackClient({ fake });
});
afterAll(async () => {
  await running?.stop();
  await engine?.close();
  await fake?.close();
});

describe('Socket Mode', () => {
  it('connects with the app token and answers a slash command in its ack', async () => {
    expect(running.mode).toBe('socket');
    const open = await fake.waitFor('apps.connections.open');
    expect(open.token).toBe(fake.appToken);
    const r = await slack.sendSlashCommand({ user: SLACK.emp, text: 'status' });
    expect(r.body).toMatchObject({ text: expect.stringContaining('Missing the document ID') });
    expect(fake.ephemerals(SLACK.emp).at(-1)?.text).toMatch(/Usage: \/countersign status DOC-ID/);
  });

  it('takes an upload to approval through envelopes', async () => {
    const content = await invoicePdf({ supplier: 'Socket Cafe OU', number: 'S-1', net: '10.00', vat: '2.40', total: '12.40' });
    const { message } = await shareFileAsUser(slack, { userId: SLACK.emp, name: 'socket.pdf', content, mimetype: 'application/pdf' });
    const reply = await waitMessage(fake, SLACK.emp, (m) => m.thread_ts === message.ts && /Got it/.test(m.text), 'the thread reply');
    const reference = /DOC-\d+/.exec(reply.text)![0];
    await waitMessage(fake, SLACK.emp, (m) => m.text.startsWith(`${reference}:`) && buttons(m).includes('doc_confirm'), 'the confirmation request');
    await clickButton(fake, slack, { userId: SLACK.emp, actionId: 'doc_confirm' });
    const ask = await waitMessage(fake, SLACK.appr1, (m) => m.text.startsWith(`${reference}:`) && buttons(m).includes('step_approve'), 'the approval request');
    await clickButton(fake, slack, { userId: SLACK.appr1, actionId: 'step_approve' });
    await waitMessageState(fake, SLACK.appr1, ask.ts, (m) => buttons(m).length === 0 && textOf(m).includes(`Approved by <@${SLACK.appr1}>`));
    await waitMessage(fake, SLACK.emp, (m) => m.text.includes(`${reference} is now approved`), 'the approval notice');
    const doc = await engine.db.document.findFirstOrThrow({ where: { fileName: 'socket.pdf' } });
    expect(doc.status).toBe('approved');
    expect(logged.join('')).toContain('Slack bot running');
    expect(logged.join('')).not.toContain(fake.botToken);
    expect(logged.join('')).not.toContain(fake.appToken);
  });
});
