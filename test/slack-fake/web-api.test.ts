// The fake's Web API as the real @slack/web-api client (the one Bolt uses) sees it.
import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../slack-fake';
import { memoryLogger } from './harness';

let fake: FakeSlack;
let client: InstanceType<typeof webApi.WebClient>;

// web-api logs the response_metadata of refused calls; those refusals are what these tests expect.
const quiet = memoryLogger();
const clientFor = (token: string) => new webApi.WebClient(token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: quiet });

/** The Slack error code of a rejected call. */
async function slackError(call: Promise<unknown>): Promise<{ error: string; messages: string[] }> {
  try {
    await call;
  } catch (e) {
    const data = (e as { data?: { error?: string; response_metadata?: { messages?: string[] } } }).data;
    return { error: data?.error ?? String(e), messages: data?.response_metadata?.messages ?? [] };
  }
  throw new Error('the call succeeded; an error was expected');
}

beforeEach(async () => {
  fake = await startFakeSlack({ users: [{ id: 'U0ALICE', name: 'alice', real_name: 'Alice Martin', tz: 'Europe/Tallinn', display_name: 'Ali' }] });
  client = clientFor(fake.botToken);
});
afterEach(async () => {
  await fake.close();
});

describe('authentication and unknown methods', () => {
  it('answers auth.test with the bot identity', async () => {
    const result = await client.auth.test();
    expect(result).toMatchObject({ ok: true, user_id: fake.botUserId, bot_id: fake.botId, team_id: fake.teamId });
  });

  it('refuses a wrong token with invalid_auth and no token with not_authed', async () => {
    expect((await slackError(clientFor('xoxb-wrong').auth.test())).error).toBe('invalid_auth');
    expect((await slackError(clientFor('').auth.test())).error).toBe('not_authed');
  });

  it('refuses the bot token for apps.connections.open and the app token elsewhere', async () => {
    expect((await slackError(client.apps.connections.open())).error).toBe('not_allowed_token_type');
    expect((await slackError(clientFor(fake.appToken).chat.postMessage({ channel: 'C1', text: 'x' }))).error).toBe('not_allowed_token_type');
  });

  it('answers unknown_method for a method it does not know, and records it', async () => {
    expect((await slackError(client.apiCall('chat.teleport', { channel: 'C1' }))).error).toBe('unknown_method');
    expect(fake.calls.at(-1)).toMatchObject({ method: 'chat.teleport', args: { channel: 'C1' }, result: { ok: false, error: 'unknown_method' } });
  });

  it('can be told to fail the next call of a method', async () => {
    fake.failNext('chat.postMessage', 'channel_not_found');
    expect((await slackError(client.chat.postMessage({ channel: 'C1', text: 'a' }))).error).toBe('channel_not_found');
    expect((await client.chat.postMessage({ channel: 'C1', text: 'b' })).ok).toBe(true);
  });
});

describe('messages', () => {
  it('records chat.postMessage with its blocks parsed from the form body', async () => {
    const blocks = [{ type: 'section', block_id: 's1', text: { type: 'mrkdwn', text: '*Invoice* 42' } }];
    const posted = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'Invoice 42', blocks });
    const call = await fake.waitFor('chat.postMessage');
    expect(call.args.blocks).toEqual(blocks);
    expect(call.token).toBe(fake.botToken);
    expect(posted).toMatchObject({ ok: true, channel: 'C0GENERAL', message: { text: 'Invoice 42', bot_id: fake.botId } });
    expect(fake.messages('C0GENERAL').map((m) => m.text)).toEqual(['Invoice 42']);
  });

  it('posts to a user id into the DM, whose id conversations.open gives stably', async () => {
    const opened = await client.conversations.open({ users: 'U0ALICE' });
    const again = await client.conversations.open({ users: 'U0ALICE' });
    expect(opened.channel?.id).toMatch(/^D/);
    expect(again.channel?.id).toBe(opened.channel?.id);
    const posted = await client.chat.postMessage({ channel: 'U0ALICE', text: 'hello' });
    expect(posted.channel).toBe(opened.channel?.id);
    expect(fake.messages(opened.channel?.id ?? '').map((m) => m.text)).toEqual(['hello']);
  });

  it('updates a message in place with chat.update and refuses an unknown ts', async () => {
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'pending' });
    await client.chat.postMessage({ channel: 'C1', text: 'other' });
    await client.chat.update({ channel: 'C1', ts: posted.ts ?? '', text: 'approved' });
    expect(fake.messages('C1').map((m) => [m.ts, m.text])).toEqual([
      [posted.ts, 'approved'],
      [expect.any(String), 'other'],
    ]);
    expect(fake.message('C1', posted.ts ?? '')?.updates).toBe(1);
    expect((await slackError(client.chat.update({ channel: 'C1', ts: '1.000001', text: 'x' }))).error).toBe('message_not_found');
  });

  it('deletes messages, gives permalinks, stores ephemerals and reactions', async () => {
    const posted = await client.chat.postMessage({ channel: 'C1', text: 'bye' });
    const ts = posted.ts ?? '';
    await client.reactions.add({ channel: 'C1', timestamp: ts, name: 'white_check_mark' });
    expect(fake.message('C1', ts)?.reactions).toEqual([{ name: 'white_check_mark', users: [fake.botUserId], count: 1 }]);
    expect((await slackError(client.reactions.add({ channel: 'C1', timestamp: ts, name: 'white_check_mark' }))).error).toBe('already_reacted');
    const link = await client.chat.getPermalink({ channel: 'C1', message_ts: ts });
    expect(link.permalink).toBe(`${fake.baseUrl}/archives/C1/p${ts.replace('.', '')}`);
    await client.chat.delete({ channel: 'C1', ts });
    expect(fake.messages('C1')).toEqual([]);
    await client.chat.postEphemeral({ channel: 'C1', user: 'U0ALICE', text: 'only you' });
    expect(fake.ephemerals('U0ALICE')).toMatchObject([{ channel: 'C1', text: 'only you', source: 'chat.postEphemeral' }]);
  });

  it('refuses a message without text or blocks, and Block Kit beyond Slack limits', async () => {
    expect((await slackError(client.chat.postMessage({ channel: 'C1' } as never))).error).toBe('no_text');
    const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    const many = await slackError(client.chat.postMessage({ channel: 'C1', text: 'x', blocks: tooMany }));
    expect(many.error).toBe('invalid_blocks');
    expect(many.messages).toEqual(['[ERROR] must provide no more than 50 items [json-pointer:/blocks]']);
    const longText = await slackError(client.chat.postMessage({ channel: 'C1', text: 'x', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'a'.repeat(3001) } }] }));
    expect(longText).toEqual({ error: 'invalid_blocks', messages: ['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]'] });
    expect(fake.messages('C1')).toEqual([]);
  });

  it('gives blocks without ids the generated block_id / action_id Slack would', async () => {
    await client.chat.postMessage({
      channel: 'C1',
      text: 'x',
      blocks: [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Go' } }] }],
    });
    const [block] = fake.messages('C1')[0]?.blocks ?? [];
    expect(block?.block_id).toMatch(/^[A-Za-z0-9]{5}$/);
    expect((block?.elements as Array<{ action_id: string }>)[0]?.action_id).toMatch(/^[A-Za-z0-9]{5}$/);
  });
});

describe('users', () => {
  it('answers users.info with the profile fields and user_not_found otherwise', async () => {
    const info = await client.users.info({ user: 'U0ALICE' });
    expect(info.user).toMatchObject({ id: 'U0ALICE', name: 'alice', real_name: 'Alice Martin', tz: 'Europe/Tallinn', profile: { display_name: 'Ali' } });
    expect([7200, 10800]).toContain(info.user?.tz_offset);
    expect((await slackError(client.users.info({ user: 'U0NOBODY' }))).error).toBe('user_not_found');
  });
});

describe('views', () => {
  const modal = (title: string) => ({ type: 'modal' as const, title: { type: 'plain_text' as const, text: title }, blocks: [] });

  it('opens a modal for the user of a trigger it issued, once', async () => {
    const trigger = fake.issueTrigger('U0ALICE');
    const opened = await client.views.open({ trigger_id: trigger, view: modal('Code invoice') });
    expect(fake.openViews('U0ALICE').map((v) => v.id)).toEqual([opened.view?.id]);
    expect((await slackError(client.views.open({ trigger_id: trigger, view: modal('Again') }))).error).toBe('exchanged_trigger_id');
  });

  it('refuses an empty trigger and an expired one', async () => {
    expect((await slackError(client.views.open({ trigger_id: '', view: modal('x') }))).error).toBe('invalid_trigger_id');
    const shortLived = await startFakeSlack({ triggerTtlMs: -1 });
    try {
      const expired = shortLived.issueTrigger('U0ALICE');
      const other = new webApi.WebClient(shortLived.botToken, { slackApiUrl: shortLived.apiUrl, retryConfig: { retries: 0 }, logger: quiet });
      expect((await slackError(other.views.open({ trigger_id: expired, view: modal('x') }))).error).toBe('expired_trigger_id');
    } finally {
      await shortLived.close();
    }
  });

  it('refuses a modal title over 24 characters with invalid_arguments', async () => {
    const result = await slackError(client.views.open({ trigger_id: fake.issueTrigger('U0ALICE'), view: modal('A title that is far too long') }));
    expect(result).toEqual({ error: 'invalid_arguments', messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'] });
    expect(fake.openViews('U0ALICE')).toEqual([]);
  });

  it('updates a view in place, detects a stale hash, pushes, and publishes the Home tab', async () => {
    const opened = await client.views.open({ trigger_id: fake.issueTrigger('U0ALICE'), view: modal('One') });
    const id = opened.view?.id ?? '';
    const updated = await client.views.update({ view_id: id, hash: opened.view?.hash, view: modal('Two') });
    expect(updated.view?.id).toBe(id);
    expect((await slackError(client.views.update({ view_id: id, hash: opened.view?.hash, view: modal('Three') }))).error).toBe('hash_conflict');
    await client.views.push({ trigger_id: fake.issueTrigger('U0ALICE'), view: modal('Pushed') });
    expect(fake.openViews('U0ALICE').map((v) => (v.title as { text: string }).text)).toEqual(['Two', 'Pushed']);

    await client.views.publish({ user_id: 'U0ALICE', view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Inbox: 3' } }] } });
    expect(fake.homeView('U0ALICE')?.blocks[0]).toMatchObject({ text: { text: 'Inbox: 3' } });
    expect((await slackError(client.views.publish({ user_id: 'U0ALICE', view: modal('Not home') as never }))).error).toBe('invalid_arguments');
  });
});

describe('files', () => {
  it('uploads through files.uploadV2 into a channel, then serves the bytes to the bot token only', async () => {
    const content = Buffer.from('%PDF-1.4 fake invoice');
    const upload = await client.filesUploadV2({ channel_id: 'C1', filename: 'invoice.pdf', file: content, initial_comment: 'Invoice 42' });
    expect(upload.ok).toBe(true);
    const message = fake.messages('C1')[0];
    expect(message).toMatchObject({ text: 'Invoice 42', files: [{ name: 'invoice.pdf', mimetype: 'application/pdf', size: content.length }] });
    const file = message?.files?.[0];
    expect(fake.fileContent(file?.id ?? '')).toEqual(content);
    expect((await client.files.info({ file: file?.id ?? '' })).file?.name).toBe('invoice.pdf');

    const withToken = await fetch(file?.url_private ?? '', { headers: { authorization: `Bearer ${fake.botToken}` } });
    expect(withToken.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await withToken.arrayBuffer())).toEqual(content);

    const withoutToken = await fetch(file?.url_private ?? '');
    expect(withoutToken.status).toBe(200);
    expect(withoutToken.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await withoutToken.text()).toContain('<html');
    expect((await fake.waitFor('files.download', (c) => c.args.authorized === false)).args.file).toBe(file?.id);
  });

  it('serves files added by the test and answers file_not_found for others', async () => {
    const file = fake.addFile({ name: 'receipt.png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47]), ownerId: 'U0ALICE' });
    expect(file).toMatchObject({ mimetype: 'image/png', url_private: `${fake.baseUrl}/files/${file.id}/receipt.png` });
    const wrongToken = await fetch(file.url_private, { headers: { authorization: 'Bearer xoxb-stolen' } });
    expect(wrongToken.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await slackError(client.files.info({ file: 'F0NOPE' }))).error).toBe('file_not_found');
  });
});

describe('waiting', () => {
  it('waits for a call that arrives later, from a given index', async () => {
    await client.chat.postMessage({ channel: 'C1', text: 'first' });
    const since = fake.calls.length;
    const waiting = fake.waitFor('chat.postMessage', undefined, { since });
    await client.chat.postMessage({ channel: 'C1', text: 'second' });
    expect((await waiting).args.text).toBe('second');
  });

  it('times out with the calls it saw', async () => {
    await client.auth.test();
    await expect(fake.waitFor('views.open', undefined, 50)).rejects.toThrow(/views\.open.*calls seen since #0: auth\.test/);
  });

  it('reset forgets calls and conversation state but keeps users', async () => {
    await client.chat.postMessage({ channel: 'C1', text: 'x' });
    fake.reset();
    expect(fake.calls).toEqual([]);
    expect(fake.messages('C1')).toEqual([]);
    expect(fake.user('U0ALICE')?.name).toBe('alice');
  });
});

describe('a deactivated member', () => {
  it('cannot be messaged: conversations.open answers user_disabled, their open DM is archived, users.info shows deleted', async () => {
    const dm = (await client.conversations.open({ users: 'U0ALICE' })).channel!.id!;
    await client.chat.postMessage({ channel: dm, text: 'before' });
    fake.deactivateUser('U0ALICE');
    expect((await slackError(client.conversations.open({ users: 'U0ALICE' }))).error).toBe('user_disabled');
    expect((await slackError(client.chat.postMessage({ channel: dm, text: 'after' }))).error).toBe('is_archived');
    expect((await slackError(client.chat.postMessage({ channel: 'U0ALICE', text: 'after' }))).error).toBe('is_archived');
    expect((await client.users.info({ user: 'U0ALICE' })).user).toMatchObject({ id: 'U0ALICE', deleted: true });
    expect(fake.messages(dm).map((m) => m.text)).toEqual(['before']);
  });
});
