// What every listener and the notifier share: the engine, the database, the workspace the
// Slack team maps to, the people directory, and the limits from configuration.
import type { WebClient } from '@slack/web-api';
import type { Db } from '../data/db';
import type { Engine } from '../client/engine';
import { People } from './people';

export interface BotLog {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface BotOptions {
  db: Db;
  engine: Engine;
  /** The engine workspace every Slack team maps to (COUNTERSIGN_WORKSPACE). */
  workspaceId: string;
  botToken: string;
  /** Slack's Web API base when it is not Slack's own (the fake in tests): its host may serve files too. */
  slackApiUrl?: string;
  /** Largest upload accepted, in bytes. */
  maxFileBytes: number;
  log: BotLog;
}

export interface BotContext extends BotOptions {
  people: People;
  /** Users who opened the App Home: their Home is republished after changes. */
  homeViewers: Set<string>;
  /** Slack user id → the app's DM channel with them. */
  dmChannels: Map<string, string>;
  /** Set once the app exists: the notifier and Home refreshes use the app's client. */
  client?: WebClient;
}

export function createContext(opts: BotOptions): BotContext {
  return { ...opts, people: new People(opts.db, opts.workspaceId), homeViewers: new Set(), dmChannels: new Map() };
}

export const silentLog: BotLog = { debug() {}, info() {}, warn() {}, error() {} };
