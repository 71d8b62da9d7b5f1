// users.info gives a member's locale only when asked with include_locale, as Slack does.
import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../slack-fake';
import { memoryLogger } from './harness';

let fake: FakeSlack;
let client: InstanceType<typeof webApi.WebClient>;

beforeEach(async () => {
  fake = await startFakeSlack({ users: [{ id: 'U0CLAIRE', name: 'claire', locale: 'fr-FR' }, { id: 'U0BOB', name: 'bob' }] });
  client = new webApi.WebClient(fake.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: memoryLogger() });
});
afterEach(async () => {
  await fake.close();
});

describe('users.info locale', () => {
  it('returns the locale with include_locale and leaves it out without', async () => {
    const withLocale = await client.users.info({ user: 'U0CLAIRE', include_locale: true });
    expect((withLocale.user as { locale?: string }).locale).toBe('fr-FR');
    const without = await client.users.info({ user: 'U0CLAIRE' });
    expect((without.user as { locale?: string }).locale).toBeUndefined();
  });

  it('answers en-US for a member whose locale was never set', async () => {
    const info = await client.users.info({ user: 'U0BOB', include_locale: true });
    expect((info.user as { locale?: string }).locale).toBe('en-US');
  });
});
