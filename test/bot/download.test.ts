// Which file links get the bot token: Slack's own HTTPS hosts, and the configured API origin.
import { describe, expect, it } from 'vitest';
import { isSlackFileUrl } from '../../bot/download';

describe('isSlackFileUrl', () => {
  it("accepts Slack's file hosts over HTTPS", () => {
    expect(isSlackFileUrl('https://files.slack.com/files-pri/T0-F0/download/a.pdf')).toBe(true);
    expect(isSlackFileUrl('https://files.acme.enterprise.slack.com/files-pri/T0-F0/a.pdf')).toBe(true);
  });
  it('refuses other hosts, look-alikes, plain HTTP, credentials in the URL and garbage', () => {
    expect(isSlackFileUrl('https://evil.example/files-pri/a.pdf')).toBe(false);
    expect(isSlackFileUrl('https://files.slack.com.evil.example/a.pdf')).toBe(false);
    expect(isSlackFileUrl('https://evilslack.com/a.pdf')).toBe(false);
    expect(isSlackFileUrl('http://files.slack.com/files-pri/a.pdf')).toBe(false);
    expect(isSlackFileUrl('https://user:pw@files.slack.com/a.pdf')).toBe(false);
    expect(isSlackFileUrl('not a url')).toBe(false);
  });
  it('accepts the configured API origin (a proxy, or the fake in tests), and only that origin', () => {
    expect(isSlackFileUrl('http://127.0.0.1:4000/files/F1/a.pdf', 'http://127.0.0.1:4000/api/')).toBe(true);
    expect(isSlackFileUrl('http://127.0.0.1:4001/files/F1/a.pdf', 'http://127.0.0.1:4000/api/')).toBe(false);
  });
});
