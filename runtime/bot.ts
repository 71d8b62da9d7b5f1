// Starts the Slack bot when credentials are configured: HTTP mode at POST /slack/events on
// PORT, or Socket Mode when SLACK_APP_TOKEN is set. Without credentials the engine keeps
// running and says what is missing.
import type { Notifier } from '../activities';
import type { Db } from '../data/db';
import type { Engine } from '../client/engine';
import { createBot } from '../bot/app';
import { createDeliveryNotifier } from '../bot/delivery';
import type { Config } from './config';
import type { Logger } from './logger';

export interface RunningBot {
  mode: 'http' | 'socket' | 'none';
  notifier?: Notifier;
  /** The HTTP port listened on (HTTP mode). */
  port?: number;
  stop(): Promise<void>;
}

/**
 * `listen: false` (a worker-only process) builds only a Web API client and the notifier, no
 * Bolt app: workers deliver DMs, the bot process answers Slack.
 */
export async function startBot(p: { cfg: Config; db: Db; engine: Engine; log: Logger; listen?: boolean }): Promise<RunningBot> {
  const { cfg } = p;
  if (!cfg.SLACK_BOT_TOKEN || (!cfg.SLACK_SIGNING_SECRET && !cfg.SLACK_APP_TOKEN)) {
    p.log.warn('Slack credentials missing: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode)');
    return { mode: 'none', stop: async () => {} };
  }
  const log = p.log.child({ component: 'slack' });
  const botLog = {
    debug: (o: object, m?: string) => log.debug(o, m),
    info: (o: object, m?: string) => log.info(o, m),
    warn: (o: object, m?: string) => log.warn(o, m),
    error: (o: object, m?: string) => log.error(o, m),
  };
  if (p.listen === false) {
    const notifier = createDeliveryNotifier({ botToken: cfg.SLACK_BOT_TOKEN, apiUrl: cfg.SLACK_API_URL, db: p.db, engine: p.engine, workspaceId: cfg.COUNTERSIGN_WORKSPACE, log: botLog });
    return { mode: 'none', notifier, stop: async () => {} };
  }
  const bot = createBot({
    botToken: cfg.SLACK_BOT_TOKEN,
    signingSecret: cfg.SLACK_SIGNING_SECRET,
    appToken: cfg.SLACK_APP_TOKEN,
    apiUrl: cfg.SLACK_API_URL,
    port: cfg.PORT,
    db: p.db,
    engine: p.engine,
    workspaceId: cfg.COUNTERSIGN_WORKSPACE,
    maxFileBytes: cfg.MAX_FILE_MB * 1024 * 1024,
    log: botLog,
  });
  const started = await bot.start();
  log.info({ mode: bot.mode, ...(started.port !== undefined ? { port: started.port, path: '/slack/events' } : {}) }, 'Slack bot running');
  return { mode: bot.mode, notifier: bot.notifier, ...(started.port !== undefined ? { port: started.port } : {}), stop: () => bot.stop() };
}
