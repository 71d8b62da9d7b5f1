// The Slack app manifest users paste to create the app: it must grant what the bot uses.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const manifest = parse(readFileSync(path.resolve(import.meta.dirname, '../../slack/manifest.yaml'), 'utf8'));

describe('slack/manifest.yaml', () => {
  it('declares /countersign with user and channel escaping', () => {
    const cmd = manifest.features.slash_commands.find((c: { command: string }) => c.command === '/countersign');
    expect(cmd).toMatchObject({ should_escape: true, url: expect.stringMatching(/\/slack\/events$/) });
  });

  it('has App Home with the messages tab, interactivity and the bot events the listeners handle', () => {
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false });
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(expect.arrayContaining(['message.im', 'app_home_opened']));
  });

  it('grants the scopes of every Web API method the bot calls', () => {
    // chat.postMessage/update/postEphemeral, files.info + downloads, external uploads,
    // conversations.open, users.info, the slash command.
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['chat:write', 'files:read', 'files:write', 'im:write', 'im:history', 'users:read', 'commands']));
  });
});
