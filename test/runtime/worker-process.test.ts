// A worker-only process (COUNTERSIGN_PROCESS=worker) delivers notifications through Slack's Web
// API but never builds the Bolt app: Bolt's App is replaced by one that records being built.
import { describe, expect, it, vi } from 'vitest';
import type { Db } from '../../data/db';
import type { Engine } from '../../client/engine';
import { loadConfig } from '../../runtime/config';
import { createLogger } from '../../runtime/logger';

const built = vi.hoisted(() => ({ apps: 0 }));
vi.mock('@slack/bolt', async (importOriginal) => {
  const real = await importOriginal<typeof import('@slack/bolt')>();
  class RecordingApp {
    constructor() {
      built.apps++;
      throw new Error('the Bolt app was built');
    }
  }
  return { ...real, App: RecordingApp };
});

const { startBot } = await import('../../runtime/bot');
const { SlackNotifier } = await import('../../bot/notifier');

const cfg = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', SLACK_API_URL: 'http://127.0.0.1:9/api/' });
const deps = { cfg, db: {} as Db, engine: {} as Engine, log: createLogger('error') };

describe('a worker-only process', () => {
  it('gets a Slack notifier without building the Bolt app or listening', async () => {
    const before = built.apps;
    const bot = await startBot({ ...deps, listen: false });
    expect(bot.notifier).toBeInstanceOf(SlackNotifier);
    expect(bot.mode).toBe('none');
    expect(bot.port).toBeUndefined();
    expect(built.apps).toBe(before);
  });

  it('while a listening process does build it (the recording App is really in the way)', async () => {
    const before = built.apps;
    await expect(startBot({ ...deps, listen: true })).rejects.toThrow('the Bolt app was built');
    expect(built.apps).toBe(before + 1);
  });
});
