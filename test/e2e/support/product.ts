// The whole product, assembled for a browser test: the sandbox (fake Slack + page), the
// engine (real PostgreSQL + Temporal worker, real extraction) and the REAL Countersign bot in
// HTTP mode on a random port, pointed at the sandbox's fake Slack API. Started in the order
// production would: the fake first (the bot calls auth.test at once), the bot before the
// worker delivers anything.
import type { Notifier } from '../../../activities';
import { createBot, type Bot } from '../../../bot/app';
import type { BotLog } from '../../../bot/context';
import { bootstrapAdmins, ensureWorkspace } from '../../../client/directory';
import { extractDocument } from '../../../extraction';
import { SANDBOX_ADMIN_IDS, startSandbox, type Sandbox } from '../../../sandbox';
import { createHarness, type Harness } from '../../support/engine-harness';

export const SIGNING_SECRET = 'e2e-sandbox-signing-secret';
export const BOT_TOKEN = 'xoxb-e2e-sandbox-bot-token';
export const WORKSPACE = 'sandbox-e2e';

export function memoryLog(): BotLog & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (obj: object, msg?: string) => {
    lines.push(`${level} ${msg ?? ''} ${JSON.stringify(obj)}`);
  };
  return { lines, debug: () => {}, info: push('info'), warn: push('warn'), error: push('error') };
}

export interface Product {
  sandbox: Sandbox;
  engine: Harness;
  bot: Bot;
  log: ReturnType<typeof memoryLog>;
  close(): Promise<void>;
}

export async function startProduct(): Promise<Product> {
  // The bot's port is known only once it listens: the sandbox learns it then.
  const sandbox = await startSandbox({ port: 0, botEventsUrl: 'http://127.0.0.1:9/slack/events', signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN });
  let bot: Bot | undefined;
  const notifier: Notifier = {
    deliver: async (e) => {
      if (!bot) throw new Error('bot not started yet');
      await bot.notifier.deliver(e);
    },
  };
  const engine = await createHarness({ notifier, extract: (bytes, name) => extractDocument(bytes, name) });
  await ensureWorkspace(engine.db, { id: WORKSPACE, name: 'Sandbox e2e' });
  await bootstrapAdmins(engine.db, WORKSPACE, [...SANDBOX_ADMIN_IDS]);
  const log = memoryLog();
  bot = createBot({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: sandbox.slackApiUrl, port: 0, db: engine.db, engine: engine.engine, workspaceId: WORKSPACE, log, retries: 0 });
  const started = await bot.start();
  sandbox.setBotEventsUrl(`http://127.0.0.1:${started.port}/slack/events`);
  const b = bot;
  return {
    sandbox,
    engine,
    bot: b,
    log,
    async close() {
      await b.stop().catch(() => undefined);
      await engine.close();
      await sandbox.stop();
    },
  };
}
