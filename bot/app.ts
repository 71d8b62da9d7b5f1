// Builds the Bolt app: HTTP receiver at POST /slack/events (signature and timestamp checked
// by Bolt: 401 otherwise), or Socket Mode when an app-level token is given; all Web API calls
// go to `apiUrl` (Slack's by default, the fake in tests). Returns the notifier the worker
// delivers through.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel, type Logger } from '@slack/bolt';
import type { Db } from '../data/db';
import type { Engine } from '../client/engine';
import { createContext, type BotContext, type BotLog } from './context';
import { registerListeners } from './listeners';
import { SlackNotifier } from './notifier';

export interface BotConfig {
  botToken: string;
  signingSecret?: string;
  /** xapp- token: Socket Mode instead of HTTP. */
  appToken?: string;
  /** Web API base URL, e.g. http://127.0.0.1:PORT/api/ (default: Slack's). */
  apiUrl?: string;
  /** HTTP port (0: any free port). */
  port?: number;
  db: Db;
  engine: Engine;
  workspaceId: string;
  maxFileBytes?: number;
  log: BotLog;
  /** Web API retries (tests use 0). */
  retries?: number;
}

export interface Bot {
  mode: 'http' | 'socket';
  app: App;
  ctx: BotContext;
  notifier: SlackNotifier;
  start(): Promise<{ port?: number }>;
  stop(): Promise<void>;
}

/** Token-looking strings never reach the logs, whatever a library decides to print. */
export function redactTokens(text: string): string {
  return text.replace(/\b(xox[abposr]|xapp)-[A-Za-z0-9-]+/g, '$1-[redacted]').replace(/(Bearer\s+)\S+/gi, '$1[redacted]');
}

function boltLogger(log: BotLog): Logger {
  let level = LogLevel.INFO;
  const text = (msg: unknown[]) => redactTokens(msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' '));
  return {
    debug: (...m: unknown[]) => (level === LogLevel.DEBUG ? log.debug({ bolt: true }, text(m)) : undefined),
    info: (...m: unknown[]) => log.info({ bolt: true }, text(m)),
    warn: (...m: unknown[]) => log.warn({ bolt: true }, text(m)),
    error: (...m: unknown[]) => log.error({ bolt: true }, text(m)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

export function createBot(cfg: BotConfig): Bot {
  const ctx = createContext({
    db: cfg.db,
    engine: cfg.engine,
    workspaceId: cfg.workspaceId,
    botToken: cfg.botToken,
    ...(cfg.apiUrl ? { slackApiUrl: cfg.apiUrl } : {}),
    maxFileBytes: cfg.maxFileBytes ?? 25 * 1024 * 1024,
    log: cfg.log,
  });
  const socket = Boolean(cfg.appToken);
  const clientOptions = {
    ...(cfg.apiUrl ? { slackApiUrl: cfg.apiUrl } : {}),
    ...(cfg.retries !== undefined ? { retryConfig: { retries: cfg.retries } } : {}),
  };
  const logger = boltLogger(cfg.log);
  const app = socket
    ? new App({ token: cfg.botToken, appToken: cfg.appToken, socketMode: true, logger, clientOptions })
    : new App({ token: cfg.botToken, signingSecret: cfg.signingSecret ?? '', logger, clientOptions });
  app.error(async (err) => {
    cfg.log.error({ err: redactTokens(String(err?.message ?? err)) }, 'Slack listener error');
  });
  ctx.client = app.client;
  registerListeners(app, ctx);
  const notifier = new SlackNotifier(ctx);
  return {
    mode: socket ? 'socket' : 'http',
    app,
    ctx,
    notifier,
    async start() {
      if (socket) {
        await app.start();
        return {};
      }
      const server = (await app.start(cfg.port ?? 3000)) as Server;
      return { port: (server.address() as AddressInfo).port };
    },
    async stop() {
      await app.stop();
    },
  };
}
