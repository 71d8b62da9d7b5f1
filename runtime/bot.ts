// Starts the Slack bot when credentials are configured. Without them the engine keeps
// running and says what is missing.
import type { Notifier } from '../activities';
import type { Db } from '../activities/db';
import type { Engine } from '../client/engine';
import type { Config } from './config';
import type { Logger } from './logger';

export interface RunningBot {
  mode: 'http' | 'socket' | 'none';
  notifier?: Notifier;
  stop(): Promise<void>;
}

export async function startBot(p: { cfg: Config; db: Db; engine: Engine; log: Logger }): Promise<RunningBot> {
  if (!p.cfg.SLACK_BOT_TOKEN || (!p.cfg.SLACK_SIGNING_SECRET && !p.cfg.SLACK_APP_TOKEN)) {
    p.log.warn('Slack credentials missing: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET');
    return { mode: 'none', stop: async () => {} };
  }
  p.log.warn('the Slack bot is not part of this build yet');
  return { mode: 'none', stop: async () => {} };
}
