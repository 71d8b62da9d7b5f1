// The sandbox server's API against a real (small) Bolt app over signed HTTP: seeding through
// /countersign, what a person sees (state), typing, uploading, clicking, modals with errors,
// App Home, reset, and the guards (Host / Origin, content types, static files).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_PEOPLE, SANDBOX_ADMIN_IDS, seedCommands, startSandbox, type Sandbox, type Snapshot } from '../../sandbox';
import { typedToSlack } from '../../sandbox/typed-text';
import { MINI_SECRET, MINI_TOKEN, startMiniBot, type MiniBot } from './support/mini-bot';

let sandbox: Sandbox;
let bot: MiniBot;
let resets = 0;

const BRUNO = 'U0BOOKKEEPER';

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, botEventsUrl: 'http://127.0.0.1:9/not-yet', signingSecret: MINI_SECRET, botToken: MINI_TOKEN, onReset: async () => void (resets += 1) });
  bot = await startMiniBot(sandbox.slackApiUrl);
  sandbox.setBotEventsUrl(bot.url);
});
afterAll(async () => {
  await bot?.stop();
  await sandbox?.stop();
});

const url = (path: string) => new URL(path, sandbox.url).toString();

async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as Record<string, unknown>;
}

async function state(user = BRUNO): Promise<Snapshot> {
  const res = await fetch(url(`/api/state?user=${user}`));
  expect(res.status).toBe(200);
  return (await res.json()) as Snapshot;
}

const received = (kind: string) => bot.received.filter((r) => r.kind === kind);

describe('people and seeding', () => {
  it('has the default people, with Slack-shaped ids, and exports the administrators', () => {
    expect(DEFAULT_PEOPLE.map((p) => p.roles[0])).toEqual(['admin', 'bookkeeper', 'coordinator', 'coordinator', 'approver', 'approver', 'employee', 'auditor']);
    expect(SANDBOX_ADMIN_IDS).toEqual(['U0ADMIN']);
    expect(sandbox.fake.user('U0COORD2')).toMatchObject({ real_name: 'Kaarel Tamm', tz: 'Europe/Tallinn', name: 'kaarel' });
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('the seeding commands grant roles, code lists and the default chain, as typed by an admin', () => {
    const commands = seedCommands(DEFAULT_PEOPLE);
    expect(commands).toContain('role add @bruno bookkeeper');
    expect(commands).toContain('role add @otto auditor');
    expect(commands.some((c) => c.startsWith('role add @ada'))).toBe(false);
    expect(commands).toContain('chain set default : coding ; coordinate all @camille @kaarel ; approve any @priya @diego');
    expect(commands.at(-1)).toBe('chain default default');
    expect(typedToSlack('chain set default : coordinate all @camille @kaarel, @nobody', DEFAULT_PEOPLE, 'command')).toBe('chain set default : coordinate all <@U0COORD1|camille> <@U0COORD2|kaarel>, @nobody');
    expect(typedToSlack('codes add account 6800 Meals & <drinks> @Bruno.', DEFAULT_PEOPLE, 'message')).toBe('codes add account 6800 Meals &amp; &lt;drinks&gt; <@U0BOOKKEEPER>.');
  });

  it('seeds through real signed slash commands as the admin, and keeps the answers out of the DM', async () => {
    expect((await state()).seed.status).toBe('pending');
    const r = (await post('/api/seed', {})) as { result: { ok: boolean; steps: Array<{ command: string; reply: string }> } };
    expect(r.result.ok).toBe(true);
    expect(bot.commands).toEqual(seedCommands(DEFAULT_PEOPLE).map((c) => typedToSlack(c, DEFAULT_PEOPLE, 'command')));
    expect(received('command').every((c) => c.body.user_id === 'U0ADMIN')).toBe(true);
    expect(r.result.steps[0]?.reply).toBe('✅ done: role add <@U0BOOKKEEPER|bruno> bookkeeper');
    const admin = await state('U0ADMIN');
    expect(admin.seed.status).toBe('done');
    expect(admin.dm.items).toEqual([]);
    // A second call does not send the commands again.
    const before = bot.commands.length;
    await post('/api/seed', {});
    expect(bot.commands.length).toBe(before);
  });
});

describe('what a person does', () => {
  it('a /countersign command is a signed slash command; its ephemeral answer shows in the DM', async () => {
    const r = await post('/api/send', { user: BRUNO, text: '/countersign help' });
    expect(r).toMatchObject({ ok: true, status: 200 });
    const s = await state();
    expect(s.dm.items.at(-1)).toMatchObject({ kind: 'ephemeral', user: sandbox.fake.botUserId, text: `*Help* for <@${BRUNO}>` });
    expect(received('command').at(-1)?.body).toMatchObject({ command: '/countersign', text: 'help', user_id: BRUNO, channel_id: sandbox.fake.dmChannel(BRUNO) });
    // A plain-text ack is shown too (Slack does).
    await post('/api/send', { user: BRUNO, text: '/countersign plain' });
    expect((await state()).dm.items.at(-1)).toMatchObject({ kind: 'ephemeral', text: 'a plain text answer' });
  });

  it('another slash command is refused like Slack does, without reaching the app', async () => {
    const before = received('command').length;
    const r = await post('/api/send', { user: BRUNO, text: '/giphy cats' });
    expect(r).toMatchObject({ ok: false, status: 0 });
    expect(String(r.error)).toContain('/giphy is not a valid command');
    expect(received('command').length).toBe(before);
  });

  it('plain text is a message event with mentions as Slack sends them', async () => {
    await post('/api/send', { user: BRUNO, text: 'hello @priya & co' });
    const event = received('message').at(-1)?.body;
    expect(event).toMatchObject({ channel_type: 'im', user: BRUNO, text: 'hello <@U0APPROVER1> &amp; co' });
    await sandbox.fake.waitUntil(() => sandbox.fake.messages(BRUNO).find((m) => m.text.startsWith('You said')));
    const s = await state();
    expect(s.dm.items.map((i) => i.text).slice(-2)).toEqual(['hello <@U0APPROVER1> &amp; co', 'You said: hello <@U0APPROVER1> &amp; co']);
  });

  it('an upload becomes a Slack file shared in the DM (message/file_share); the app downloads it with its token; the page gets it back', async () => {
    const content = Buffer.from('%PDF-1.4 tiny test file');
    const res = await fetch(url(`/api/upload?user=${BRUNO}&name=${encodeURIComponent('invoice 1.pdf')}`), { method: 'POST', headers: { 'content-type': 'application/pdf', 'x-sandbox-upload': '1' }, body: content });
    const r = (await res.json()) as { ok: boolean; file: string; ts: string };
    expect(r.ok).toBe(true);
    const event = received('message').at(-1)?.body as { subtype: string; files: Array<{ id: string; name: string; mimetype: string; url_private_download: string }> };
    expect(event.subtype).toBe('file_share');
    expect(event.files[0]).toMatchObject({ id: r.file, name: 'invoice 1.pdf', mimetype: 'application/pdf' });
    expect(r.file).toMatch(/^F0SB[A-Z0-9]+$/);
    const reply = await sandbox.fake.waitUntil(() => sandbox.fake.messages(BRUNO).find((m) => m.thread_ts === r.ts));
    expect(JSON.stringify(reply.blocks)).toContain(`(${content.length} bytes, application/pdf)`);
    const s = await state();
    const upload = s.dm.items.find((i) => i.ts === r.ts)!;
    expect(upload).toMatchObject({ subtype: 'file_share', user: BRUNO });
    expect(upload.replies.map((x) => x.text)).toEqual(['got it']);
    const served = await fetch(url(upload.files![0]!.url));
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(content);
  });

  it('selects, overflow menus and date pickers in a message send block_actions with Slack’s shapes', async () => {
    const msg = sandbox.fake.messages(BRUNO).find((m) => m.text === 'got it')!;
    for (const [actionId, value] of [
      ['pick', 'b'],
      ['more', 'w'],
      ['when', '2025-03-14'],
    ] as const) {
      const r = await post('/api/action', { user: BRUNO, ts: msg.ts, actionId, blockId: 'acts', value });
      expect(r).toMatchObject({ ok: true, status: 200 });
    }
    const actions = received('action').slice(-3).map((a) => (a.body.actions as Array<Record<string, unknown>>)[0]);
    expect(actions[0]).toMatchObject({ type: 'static_select', action_id: 'pick', block_id: 'acts', selected_option: { value: 'b', text: { text: 'Beta' } } });
    expect(actions[1]).toMatchObject({ type: 'overflow', action_id: 'more', selected_option: { value: 'w' } });
    expect(actions[1]).not.toHaveProperty('value');
    expect(actions[2]).toMatchObject({ type: 'datepicker', selected_date: '2025-03-14' });
    expect(received('action').at(-1)?.body).toMatchObject({ container: { type: 'message', message_ts: msg.ts }, user: { id: BRUNO } });
  });

  it('a button opens a modal; empty submit shows the app’s errors; a good one closes it; Cancel sends view_closed', async () => {
    const msg = sandbox.fake.messages(BRUNO).find((m) => m.text === 'got it')!;
    expect(await post('/api/action', { user: BRUNO, ts: msg.ts, actionId: 'open_form', blockId: 'acts' })).toMatchObject({ ok: true });
    await sandbox.fake.waitUntil(() => sandbox.fake.topView(BRUNO));
    let s = await state();
    expect(s.modal).toMatchObject({ callback_id: 'form', title: { text: 'Reject DOC-1' } });
    expect(s.people.find((p) => p.id === BRUNO)?.hasModal).toBe(true);

    const empty = await post('/api/submit', { user: BRUNO, viewId: s.modal!.id, values: { reason: { v: null }, acc: { v: null }, due: { v: null }, who: { v: null } } });
    expect(empty).toMatchObject({ ok: true, outcome: 'errors', errors: { reason: 'Please say why.' } });
    s = await state();
    expect(s.modal?.errors).toEqual({ reason: 'Please say why.' });

    const good = await post('/api/submit', { user: BRUNO, viewId: s.modal!.id, values: { reason: { v: 'Wrong total' }, acc: { v: '6000' }, due: { v: '2025-04-01' }, who: { v: 'U0APPROVER1' } } });
    expect(good).toMatchObject({ ok: true, outcome: 'closed' });
    const values = (received('view_submission').at(-1)?.body.view as { state: { values: Record<string, Record<string, unknown>> } }).state.values;
    expect(values).toMatchObject({
      reason: { v: { type: 'plain_text_input', value: 'Wrong total' } },
      acc: { v: { type: 'static_select', selected_option: { value: '6000', text: { text: '6000 · Office' } } } },
      due: { v: { type: 'datepicker', selected_date: '2025-04-01' } },
      who: { v: { type: 'users_select', selected_user: 'U0APPROVER1' } },
    });
    expect((await state()).modal).toBeNull();
    await sandbox.fake.waitUntil(() => sandbox.fake.messages(BRUNO).find((m) => m.text === 'Rejected: Wrong total'));

    await post('/api/action', { user: BRUNO, ts: msg.ts, actionId: 'open_form', blockId: 'acts' });
    await sandbox.fake.waitUntil(() => sandbox.fake.topView(BRUNO));
    expect(await post('/api/close', { user: BRUNO })).toMatchObject({ ok: true });
    expect((await state()).modal).toBeNull();
    expect(received('view_closed')).toHaveLength(1);
  });

  it('opening the Home tab sends app_home_opened; its buttons are clicks in the home view', async () => {
    expect(await post('/api/home', { user: BRUNO })).toMatchObject({ ok: true });
    const home = await sandbox.fake.waitUntil(() => sandbox.fake.homeView(BRUNO));
    expect((await state()).home?.id).toBe(home.id);
    expect(await post('/api/action', { user: BRUNO, viewId: home.id, actionId: 'home_button' })).toMatchObject({ ok: true });
    expect(received('action').at(-1)?.body).toMatchObject({ container: { type: 'view', view_id: home.id }, view: { type: 'home' } });
  });

  it('clicks on things that are gone, and unknown people, are refused', async () => {
    expect(await post('/api/action', { user: BRUNO, ts: '1.000000', actionId: 'pick' })).toMatchObject({ ok: false, error: 'that message is gone' });
    expect(await post('/api/submit', { user: BRUNO, viewId: 'V0NOPE' })).toMatchObject({ ok: false });
    expect(await post('/api/send', { user: 'U0NOBODY', text: 'hi' })).toMatchObject({ ok: false, error: 'unknown person U0NOBODY' });
    expect((await fetch(url('/api/state?user=U0NOBODY'))).status).toBe(400);
  });

  it('says plainly when the app cannot be reached', async () => {
    sandbox.setBotEventsUrl('http://127.0.0.1:9/slack/events');
    try {
      const r = await post('/api/send', { user: BRUNO, text: '/countersign help' });
      expect(r.ok).toBe(false);
      expect(String(r.error)).toMatch(/not reachable/);
    } finally {
      sandbox.setBotEventsUrl(bot.url);
    }
  });
});

describe('live updates and reset', () => {
  it('pushes a new version over Server-Sent Events when the conversation changes', async () => {
    const controller = new AbortController();
    const res = await fetch(url('/api/events'), { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    const v0 = Number(/data: (\d+)/.exec(first)?.[1]);
    await post('/api/send', { user: BRUNO, text: 'ping' });
    let text = '';
    while (!/data: (\d+)/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    expect(Number(/data: (\d+)/.exec(text)?.[1])).toBeGreaterThan(v0);
    controller.abort();
  });

  it('Reset forgets the conversation, calls onReset and seeds again', async () => {
    const commandsBefore = bot.commands.length;
    const r = (await post('/api/reset', {})) as { result: { ok: boolean } };
    expect(r.result.ok).toBe(true);
    expect(resets).toBe(1);
    expect(bot.commands.length).toBe(commandsBefore + seedCommands(DEFAULT_PEOPLE).length);
    const s = await state();
    expect(s.dm.items).toEqual([]);
    expect(s.seed.status).toBe('done');
    expect(sandbox.fake.user(BRUNO)?.real_name).toBe('Bruno Keller');
  });
});

describe('guards', () => {
  it('serves the page and its modules with a strict CSP, and nothing outside the static folder', async () => {
    const page = await fetch(url('/'));
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('/static/app.js');
    expect((await fetch(url('/static/blockkit.js'))).headers.get('content-type')).toContain('text/javascript');
    for (const bad of ['/static/../index.ts', '/static/%2e%2e/index.ts', '/static/..%2fpeople.ts', '/static/blockkit.d.ts', '/nope']) {
      expect((await fetch(url(bad))).status, bad).toBe(404);
    }
  });

  it('refuses other Host names (DNS rebinding) and other origins', async () => {
    const { request } = await import('node:http');
    const status = (headers: Record<string, string>, method = 'GET', path = '/api/state') =>
      new Promise<number>((resolve, reject) => {
        const u = new URL(sandbox.url);
        const req = request({ host: u.hostname, port: u.port, path, method, headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(method === 'POST' ? '{}' : undefined);
      });
    const host = new URL(sandbox.url).host;
    expect(await status({ host })).toBe(200);
    expect(await status({ host: `localhost:${new URL(sandbox.url).port}` })).toBe(200);
    expect(await status({ host: 'evil.example' })).toBe(403);
    expect(await status({ host, origin: 'https://evil.example', 'content-type': 'application/json' }, 'POST', '/api/reset')).toBe(403);
    expect(await status({ host, 'content-type': 'text/plain' }, 'POST', '/api/reset')).toBe(415);
    expect(await status({ host, 'content-type': 'application/pdf' }, 'POST', `/api/upload?user=${BRUNO}&name=x.pdf`)).toBe(403);
    expect(resets).toBe(1);
  });

  it('serves uploaded HTML as a download, never as a page of the sandbox', async () => {
    const file = sandbox.fake.addFile({ name: 'x.html', content: Buffer.from('<script>alert(1)</script>'), ownerId: BRUNO, mimetype: 'text/html' });
    const res = await fetch(url(`/files/${file.id}/x.html`));
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment/);
  });
});
