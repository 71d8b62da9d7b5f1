// One engine (real PostgreSQL + Temporal worker), one fake Slack and the REAL bot, started
// the way production starts it: HTTP receiver on a random port with signed requests, or
// Socket Mode through the fake's WebSocket. One per test file.
import { randomUUID } from 'node:crypto';
import type { Notifier } from '../../../activities';
import { createBot, type Bot } from '../../../bot/app';
import type { BotLog } from '../../../bot/context';
import { extractDocument } from '../../../extraction';
import { createHttpSlackClient, createSocketSlackClient, startFakeSlack, type FakeSlack, type HttpSlackClient, type SlackSender } from '../../../slack-fake';
import type { NotificationEvent } from '../../../workflows/notifications';
import { createHarness, type Harness } from '../../support/engine-harness';
import { FAKE_USERS, seedSlackWorkspace, type SlackSeed } from '../../../scripts/lib/slack-people';

export const SIGNING_SECRET = 'bot-test-signing-secret';

export function memoryLog(): BotLog & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (obj: object, msg?: string) => {
    lines.push(`${level} ${msg ?? ''} ${JSON.stringify(obj)}`);
  };
  return { lines, debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}

export interface BotHarness {
  fake: FakeSlack;
  engine: Harness;
  seed: SlackSeed;
  bot: Bot;
  slack: SlackSender;
  http?: HttpSlackClient;
  port?: number;
  log: ReturnType<typeof memoryLog>;
  /** Notifications the bot delivered (after the Slack side succeeded). */
  waitForEvent(pred: (e: NotificationEvent) => boolean, timeoutMs?: number): Promise<NotificationEvent>;
  close(): Promise<void>;
}

/** `botDb` gives the bot its own view of the database (e.g. one made slow), the engine keeps the real one. */
/** `withhold` drops the deliveries it matches, as if their Slack update were still to come (an outbox that lags). */
export async function startBotHarness(opts: { socket?: boolean; extraction?: boolean; botDb?: (db: Harness['db']) => Harness['db']; withhold?: (e: NotificationEvent) => boolean } = {}): Promise<BotHarness> {
  // The fake first: the Bolt app calls auth.test as soon as it exists.
  const fake = await startFakeSlack({ users: FAKE_USERS });
  let bot: Bot | undefined;
  const notifier: Notifier = {
    deliver: async (e) => {
      if (!bot) throw new Error('bot not started yet');
      if (opts.withhold?.(e)) return;
      await bot.notifier.deliver(e);
    },
  };
  const engine = await createHarness({ notifier, ...(opts.extraction === false ? {} : { extract: (b, n) => extractDocument(b, n) }) });
  // A workspace of its own per harness: document ids derive from the workspace and Slack's file
  // id, and every test file shares one Temporal server, so two files' "F0FAKE00001" in one
  // workspace would name the same workflow.
  const seed = await seedSlackWorkspace(engine.db, `W-${randomUUID().slice(0, 8)}`);
  const log = memoryLog();
  bot = createBot({
    botToken: fake.botToken,
    signingSecret: SIGNING_SECRET,
    ...(opts.socket ? { appToken: fake.appToken } : {}),
    apiUrl: fake.apiUrl,
    port: 0,
    db: opts.botDb ? opts.botDb(engine.db) : engine.db,
    engine: engine.engine,
    workspaceId: seed.workspaceId,
    log,
    retries: 0,
  });
  const started = await bot.start();
  const http = started.port !== undefined ? createHttpSlackClient({ fake, url: `http://127.0.0.1:${started.port}/slack/events`, signingSecret: SIGNING_SECRET }) : undefined;
  const slack: SlackSender = http ?? createSocketSlackClient({ fake });
  const b = bot;
  return {
    fake,
    engine,
    seed,
    bot: b,
    slack,
    http,
    port: started.port,
    log,
    waitForEvent: (pred, timeoutMs) => engine.notifier.waitFor(pred, timeoutMs),
    async close() {
      await b.stop().catch(() => undefined);
      await engine.close();
      await fake.close();
    },
  };
}
