// The Slack side of a worker-only process (COUNTERSIGN_PROCESS=worker): the notifier the
// activities deliver through, on a plain Web API client. No Bolt app is built and nothing
// listens: the bot process answers Slack, workers only send.
import { WebClient } from '@slack/web-api';
import type { Db } from '../data/db';
import type { Engine } from '../client/engine';
import { createContext, type BotLog } from './context';
import { SlackNotifier } from './notifier';

export interface DeliveryConfig {
  botToken: string;
  /** Web API base URL (default: Slack's). */
  apiUrl?: string;
  db: Db;
  engine: Engine;
  workspaceId: string;
  log: BotLog;
}

export function createDeliveryNotifier(cfg: DeliveryConfig): SlackNotifier {
  const ctx = createContext({ db: cfg.db, engine: cfg.engine, workspaceId: cfg.workspaceId, botToken: cfg.botToken, maxFileBytes: 0, log: cfg.log });
  ctx.client = new WebClient(cfg.botToken, cfg.apiUrl ? { slackApiUrl: cfg.apiUrl } : {});
  return new SlackNotifier(ctx);
}
