// languageOf reads a member's language from the (fake) Slack's users.info locale.
import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { languageOf } from '../../bot/language';
import { startFakeSlack, type FakeSlack } from '../../slack-fake';
import { memoryLogger } from '../slack-fake/harness';

let fake: FakeSlack;
let client: InstanceType<typeof webApi.WebClient>;

beforeEach(async () => {
  fake = await startFakeSlack({ users: [
    { id: 'U0CLAIRE', name: 'claire', locale: 'fr-FR' },
    { id: 'U0MARI', name: 'mari', locale: 'et-EE' },
    { id: 'U0HANS', name: 'hans', locale: 'de-DE' },
  ] });
  client = new webApi.WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: memoryLogger() });
});
afterEach(async () => {
  await fake.close();
});

describe('languageOf', () => {
  it('maps French and Estonian locales, and falls back to English', async () => {
    expect(await languageOf(client, 'U0CLAIRE')).toBe('fr');
    expect(await languageOf(client, 'U0MARI')).toBe('et');
    expect(await languageOf(client, 'U0HANS')).toBe('en');
    expect(await languageOf(client, 'U0NOBODY')).toBe('en');
  });
});
