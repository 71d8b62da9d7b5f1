// A local stand-in for Slack's servers: the Web API (POST /api/<method>), private file
// URLs, the upload URL, response_urls and the Socket Mode WebSocket, all on one
// node:http server on 127.0.0.1. Point Bolt at it with
//   clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } }
// Tests read what the bot did through `calls` / `waitFor` and the conversation accessors.
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallLog, type WaitOptions } from './call-log';
import { ConversationState } from './conversation-state';
import { receiveResponse, receiveUpload, sendJson, serveFile } from './http-routes';
import { dmChannelFor, SlackIds } from './ids';
import type { ApiContext } from './methods';
import { applyCommandAck, ResponseUrls, type ResponseOutcome } from './responses';
import { SocketModeServer, type AckFrame, type EnvelopeOptions, type EnvelopeType } from './socket-mode-server';
import type { FakeEphemeral, FakeFile, FakeMessage, FakeUser, FakeUserInput, FakeView, Json, RecordedCall, ResponseUrlTarget, StateChange } from './types';
import { ViewState } from './view-state';
import { dispatchWebApi } from './web-api-dispatch';

export interface FakeSlackOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  botToken?: string;
  /** App-level token for Socket Mode (apps.connections.open). */
  appToken?: string;
  teamId?: string;
  teamDomain?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  users?: FakeUserInput[];
  /** Lifetime of trigger_ids the simulators issue; Slack's is 3000 ms. */
  triggerTtlMs?: number;
}

export interface FakeSlack {
  readonly apiUrl: string;
  /** http://127.0.0.1:PORT */
  readonly baseUrl: string;
  readonly port: number;
  readonly botToken: string;
  readonly appToken: string;
  readonly teamId: string;
  readonly teamDomain: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  /** Every request the app made, oldest first (Web API methods, `files.upload`, `files.download`, `response_url`). */
  readonly calls: RecordedCall[];

  waitFor(method: string, predicate?: (call: RecordedCall) => boolean, options?: number | WaitOptions): Promise<RecordedCall>;
  waitUntil<T>(check: () => T | undefined | null | false, options?: { timeoutMs?: number; describe?: () => string }): Promise<T>;
  /** Forget calls, messages, ephemerals, views, files and triggers (users stay). */
  reset(): void;
  close(): Promise<void>;
  /** The next call(s) of `method` answer `{ok:false, error}` (one queued error per call). */
  failNext(method: string, error: string): void;
  onChange(listener: (change: StateChange) => void): () => void;

  addUser(user: FakeUserInput): FakeUser;
  user(id: string): FakeUser | undefined;
  /** An administrator deactivated this member: conversations.open answers user_disabled, their DM is archived (is_archived). */
  deactivateUser(id: string): void;
  addFile(file: { id?: string; name: string; title?: string; mimetype?: string; content: Buffer; ownerId: string }): FakeFile;
  file(id: string): FakeFile | undefined;
  fileContent(id: string): Buffer | undefined;
  files(): FakeFile[];
  /** From now on the file is served as the sign-in page even with the bot token, as Slack does once the token lost files:read. */
  revokeFileAccess(fileId: string): void;

  /** The app's DM channel with a user (what conversations.open returns). */
  dmChannel(userId: string): string;
  /** Messages of a channel (a user id means the DM with that user), oldest first. Snapshots. */
  messages(channel: string): FakeMessage[];
  message(channel: string, ts: string): FakeMessage | undefined;
  /** Channels that have messages. */
  channels(): string[];
  ephemerals(userId?: string): FakeEphemeral[];
  homeView(userId: string): FakeView | undefined;
  /** The user's modal stack, bottom first. */
  openViews(userId: string): FakeView[];
  topView(userId: string): FakeView | undefined;

  /** Record a message a human wrote (the simulators then send the matching event). */
  postAsUser(input: { userId: string; channel?: string; text?: string; files?: FakeFile[]; thread_ts?: string; subtype?: string }): FakeMessage;
  issueTrigger(userId: string): string;
  issueResponseUrl(target: ResponseUrlTarget): string;
  applyViewSubmissionAck(userId: string, viewId: string, ack: Json | undefined): { outcome: string; errors?: Record<string, string> };
  applyCommandAck(target: ResponseUrlTarget, ack: unknown): ResponseOutcome;
  /** The user dismisses their top modal. */
  closeTopView(userId: string): FakeView | undefined;

  sendEnvelope(type: EnvelopeType, payload: Json, options?: EnvelopeOptions): Promise<AckFrame>;
  waitForSocketConnection(timeoutMs?: number): Promise<void>;
  readonly socketConnections: number;
  /** Send Slack's `disconnect` frame so the app reconnects. */
  requestSocketReconnect(reason?: string): void;
}

const snapshot = <T>(value: T): T => structuredClone(value);

export async function startFakeSlack(opts: FakeSlackOptions = {}): Promise<FakeSlack> {
  const config = {
    teamId: opts.teamId ?? 'T0FAKETEAM',
    teamDomain: opts.teamDomain ?? 'countersign-fake',
    botUserId: opts.botUserId ?? 'U0FAKEBOT',
    botId: opts.botId ?? 'B0FAKEBOT',
    appId: opts.appId ?? 'A0FAKEAPP',
  };
  const botToken = opts.botToken ?? 'xoxb-fake-bot-token';
  const appToken = opts.appToken ?? 'xapp-1-fake-app-token';

  const ids = new SlackIds();
  const log = new CallLog();
  const changes = new EventEmitter();
  changes.setMaxListeners(0);
  const emit = (change: StateChange) => {
    changes.emit('change', change);
    log.tick();
  };
  const state = new ConversationState(config, ids, emit);
  /** Files served as the sign-in page whatever the token (revokeFileAccess). */
  const revokedFiles = new Set<string>();
  const views = new ViewState(ids, config, opts.triggerTtlMs ?? 3000, emit);
  const responseUrls = new ResponseUrls(ids);
  const socket = new SocketModeServer(ids, config.appId);
  const forcedErrors = new Map<string, string[]>();

  state.addUser({ id: config.botUserId, name: 'countersign', real_name: 'Countersign', is_bot: true });
  for (const user of opts.users ?? []) state.addUser(user);

  let baseUrl = '';
  const api: ApiContext = {
    state,
    views,
    ids,
    get baseUrl() {
      return baseUrl;
    },
    socketUrl: () => socket.issueUrl(baseUrl.replace(/^http/, 'ws')),
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const [, first, second] = path.split('/');
    if (first === 'api' && second && (req.method === 'POST' || req.method === 'GET')) {
      return dispatchWebApi(req, res, second, { api, log, botToken, appToken, forcedErrors });
    }
    if (first === 'files' && second && req.method === 'GET') return serveFile(req, res, second, { state, log, botToken, revoked: revokedFiles });
    if (first === 'upload' && req.method === 'POST') return receiveUpload(req, res, path.split('/').at(-1) ?? '', { state, log });
    if (first === 'response' && second && req.method === 'POST') return receiveResponse(req, res, second, { state, log, responseUrls });
    sendJson(res, 404, { ok: false, error: 'not_found' });
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error', detail: String(error) });
      else res.end();
    });
  });
  server.on('upgrade', (req, sock, head) => socket.handleUpgrade(req, sock, head));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${baseUrl}/api/`,
    baseUrl,
    port,
    botToken,
    appToken,
    ...config,
    calls: log.calls,

    waitFor: (method, predicate, options) => log.waitFor(method, predicate, options),
    waitUntil: (check, options) => log.waitUntil(check, options),
    reset() {
      log.clear();
      state.clear();
      revokedFiles.clear();
      views.clear();
      responseUrls.clear();
      forcedErrors.clear();
    },
    async close() {
      log.close();
      socket.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    failNext(method, error) {
      forcedErrors.set(method, [...(forcedErrors.get(method) ?? []), error]);
    },
    onChange(listener) {
      changes.on('change', listener);
      return () => changes.off('change', listener);
    },

    addUser: (user) => state.addUser(user),
    user: (id) => state.users.get(id),
    deactivateUser(id) {
      const user = state.users.get(id);
      if (!user) throw new Error(`no fake user ${id}`);
      user.deleted = true;
    },
    addFile: (file) => state.addFile(file, baseUrl),
    file: (id) => state.file(id),
    fileContent: (id) => state.fileContent(id),
    files: () => snapshot(state.allFiles()),
    revokeFileAccess: (fileId) => void revokedFiles.add(fileId),

    dmChannel: dmChannelFor,
    messages: (channel) => snapshot(state.messages(channel)),
    message: (channel, ts) => snapshot(state.findMessage(channel, ts)),
    channels: () => state.channelIds(),
    ephemerals: (userId) => snapshot(state.ephemerals(userId)),
    homeView: (userId) => snapshot(views.home(userId)),
    openViews: (userId) => snapshot(views.stack(userId)),
    topView: (userId) => snapshot(views.top(userId)),

    postAsUser: (input) =>
      state.post({
        channel: input.channel ?? dmChannelFor(input.userId),
        user: input.userId,
        text: input.text,
        files: input.files,
        thread_ts: input.thread_ts,
        subtype: input.subtype,
      }),
    issueTrigger: (userId) => views.issueTrigger(userId),
    issueResponseUrl: (target) => responseUrls.issue(baseUrl, target),
    applyViewSubmissionAck: (userId, viewId, ack) => views.applySubmissionAck(userId, viewId, ack),
    applyCommandAck: (target, ack) => applyCommandAck(state, target, ack),
    closeTopView: (userId) => views.closeTop(userId),

    sendEnvelope: (type, payload, options) => socket.send(type, payload, options),
    waitForSocketConnection: (timeoutMs) => socket.waitForConnection(timeoutMs),
    get socketConnections() {
      return socket.connectionCount;
    },
    requestSocketReconnect: (reason) => socket.requestReconnect(reason),
  };
}
