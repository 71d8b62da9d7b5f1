// response_urls as Slack treats them (what Bolt's respond() posts to), without an app:
// the test plays the app with plain fetch.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../slack-fake';

let fake: FakeSlack;
beforeEach(async () => {
  fake = await startFakeSlack();
});
afterEach(async () => {
  await fake.close();
});

const respond = (url: string, body: Record<string, unknown>) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('response_url', () => {
  it('shows a plain response to the user only, and in_channel to everyone', async () => {
    const url = fake.issueResponseUrl({ channel: 'C1', user: 'U0ALICE' });
    expect((await respond(url, { text: 'just for you' })).status).toBe(200);
    expect((await respond(url, { text: 'for all', response_type: 'in_channel' })).status).toBe(200);
    expect(fake.ephemerals('U0ALICE')).toMatchObject([{ channel: 'C1', text: 'just for you', source: 'response_url' }]);
    expect(fake.messages('C1')).toMatchObject([{ text: 'for all', user: fake.botUserId }]);
    expect((await fake.waitFor('response_url', (c) => c.args.response_type === 'in_channel')).result).toEqual({ ok: true });
  });

  it('deletes the original message, and answers 404 to an unknown url', async () => {
    const message = fake.postAsUser({ userId: fake.botUserId, channel: 'C1', text: 'to delete' });
    const url = fake.issueResponseUrl({ channel: 'C1', user: 'U0ALICE', messageTs: message.ts });
    expect((await respond(url, { delete_original: true })).status).toBe(200);
    expect(fake.messages('C1')).toEqual([]);
    expect((await respond(`${fake.baseUrl}/response/nope`, { text: 'x' })).status).toBe(404);
  });

  it('refuses blocks beyond the limits with 400', async () => {
    const url = fake.issueResponseUrl({ channel: 'C1', user: 'U0ALICE' });
    const response = await respond(url, { blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(fake.ephemerals()).toEqual([]);
  });
});
