// The sandbox's HTTP API: what the page reads (a person's DM, Home and modal, pushed as
// "something changed" over Server-Sent Events) and what a person does (type, upload, click,
// submit, close, open the Home tab). Every action goes to the bot the way Slack sends it,
// through slack-fake's signed HTTP client: the bot cannot tell the page from Slack.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { openAppHome, sendUserMessage, type FakeSlack, type HttpSlackClient, type Json, type SlackResponse } from '../slack-fake';
import { checkOrigin, HttpError, readBody, readJson, sendFileContent, sendJson, serveStatic } from './http-util';
import type { SandboxPerson } from './people';
import { buildSnapshot, type SeedStatus } from './snapshot';
import { typedToSlack } from './typed-text';
import type { InputValue, ValuesInput } from '../slack-fake';

export interface SandboxContext {
  fake: FakeSlack;
  readonly slack: HttpSlackClient;
  people: SandboxPerson[];
  staticDir: string;
  allowedHosts: ReadonlySet<string>;
  maxUploadBytes: number;
  seedStatus(): SeedStatus;
  /** Ephemeral ts the page keeps out of the DM (the seeding's answers). */
  hidden: ReadonlySet<string>;
  version(): number;
  /** Something changed that the fake does not announce (e.g. modal errors). */
  bump(): void;
  onVersion(listener: (version: number) => void): () => void;
  seed(): Promise<unknown>;
  reset(): Promise<unknown>;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function person(ctx: SandboxContext, id: unknown): SandboxPerson {
  const found = ctx.people.find((p) => p.id === id);
  if (!found) throw new HttpError(400, `unknown person ${String(id)}`);
  return found;
}

/** The bot could not be reached at all (not started, crashed): said plainly. */
async function toBot<T extends SlackResponse>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    if (err instanceof HttpError) throw err;
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    throw new HttpError(502, `the Countersign app is not reachable (${err instanceof Error ? err.message : String(err)}${cause})`);
  }
}

function answer(res: ServerResponse, r: SlackResponse, extra: Json = {}): void {
  sendJson(res, 200, { ok: r.status === 200, status: r.status, ...(r.status !== 200 ? { error: `the app answered HTTP ${r.status}` } : {}), ...extra });
}

/** Unique across restarts: the bot keys documents by Slack file id. */
const fileId = (): string => `F0SB${Date.now().toString(36).toUpperCase()}${randomBytes(3).toString('hex').toUpperCase()}`;

function valuesInput(v: unknown): ValuesInput {
  if (v === undefined) return {};
  if (!isObj(v)) throw new HttpError(400, 'values must be {block_id: {action_id: value}}');
  const out: ValuesInput = {};
  for (const [blockId, byAction] of Object.entries(v)) {
    if (!isObj(byAction)) throw new HttpError(400, `values.${blockId} must be an object`);
    out[blockId] = {};
    for (const [actionId, value] of Object.entries(byAction)) {
      const ok = value === null || typeof value === 'string' || (Array.isArray(value) && value.every((x) => typeof x === 'string'));
      if (!ok) throw new HttpError(400, `values.${blockId}.${actionId} must be a string, a list of strings or null`);
      (out[blockId] as Record<string, InputValue>)[actionId] = value as InputValue;
    }
  }
  return out;
}

function optionsOf(element: Json): Json[] {
  const flat = Array.isArray(element.options) ? element.options : [];
  const grouped = Array.isArray(element.option_groups) ? element.option_groups.flatMap((g) => (isObj(g) && Array.isArray(g.options) ? g.options : [])) : [];
  return [...flat, ...grouped].filter(isObj);
}

function findElement(blocks: Json[] | undefined, actionId: string): Json | undefined {
  for (const block of blocks ?? []) {
    const candidates = [...(Array.isArray(block.elements) ? block.elements : []), block.accessory, block.element];
    for (const e of candidates) if (isObj(e) && e.action_id === actionId) return e;
  }
  return undefined;
}

/** Action fields the fake's payload builder does not shape itself (overflow, multi-selects). */
function actionOverride(element: Json | undefined, value: InputValue | undefined): { value?: string; action?: Json } {
  const type = typeof element?.type === 'string' ? element.type : 'button';
  if (type === 'button' || value === undefined) return {};
  const pick = (v: string) => optionsOf(element ?? {}).find((o) => o.value === v) ?? { text: { type: 'plain_text', text: v }, value: v };
  if (type === 'overflow') return { action: { selected_option: typeof value === 'string' ? pick(value) : null, value: undefined } };
  if (type === 'multi_static_select' || type === 'checkboxes') return { action: { selected_options: (Array.isArray(value) ? value : value === null ? [] : [String(value)]).map(pick) } };
  if (type === 'multi_users_select') return { action: { selected_users: Array.isArray(value) ? value : value === null ? [] : [String(value)] } };
  if (value !== null && typeof value !== 'string') throw new HttpError(400, `a ${type} takes one value`);
  return value === null ? { action: {} } : { value };
}

export async function handleRequest(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox');
  const { pathname } = url;
  checkOrigin(req, ctx.allowedHosts);
  const { fake, slack } = ctx;

  if (req.method === 'GET') {
    if (pathname === '/' || pathname.startsWith('/static/')) return serveStatic(res, ctx.staticDir, pathname);
    if (pathname === '/api/state') {
      const me = person(ctx, url.searchParams.get('user') ?? ctx.people[0]?.id).id;
      return sendJson(res, 200, buildSnapshot({ fake, people: ctx.people, me, version: ctx.version(), seed: ctx.seedStatus(), hidden: ctx.hidden }));
    }
    if (pathname === '/api/events') return streamEvents(ctx, req, res);
    const file = /^\/files\/([A-Za-z0-9]+)(?:\/.*)?$/.exec(pathname);
    if (file?.[1]) {
      const meta = fake.file(file[1]);
      const content = fake.fileContent(file[1]);
      if (!meta || !content) throw new HttpError(404, 'no such file');
      return sendFileContent(res, { content, mimetype: meta.mimetype, name: meta.name, download: url.searchParams.has('download') });
    }
    throw new HttpError(404, 'not found');
  }
  if (req.method !== 'POST') throw new HttpError(405, 'method not allowed');

  if (pathname === '/api/upload') {
    // Bytes as the body (no multipart parser needed); a custom header, like the JSON content
    // type elsewhere, keeps cross-site forms out.
    if (req.headers['x-sandbox-upload'] !== '1') throw new HttpError(403, 'uploads come from the sandbox page');
    const who = person(ctx, url.searchParams.get('user'));
    const name = (url.searchParams.get('name') ?? '').trim();
    if (!name || name.length > 255 || /[\\/\0]/.test(name)) throw new HttpError(400, 'a file name (no slashes) is required');
    const content = await readBody(req, ctx.maxUploadBytes);
    if (content.length === 0) throw new HttpError(400, 'the file is empty');
    const mimetype = str(req.headers['content-type']?.split(';')[0]?.trim());
    // What Slack does for an upload in a DM: the file exists, a file_share message shows it,
    // and the app gets the `message` event with subtype file_share (see shareFileAsUser).
    const created = fake.addFile({ id: fileId(), name, content, ownerId: who.id, ...(mimetype && mimetype !== 'application/octet-stream' ? { mimetype } : {}) });
    const message = fake.postAsUser({ userId: who.id, text: '', files: [created], subtype: 'file_share' });
    const r = await toBot(() =>
      slack.sendEvent({
        type: 'message',
        subtype: 'file_share',
        channel: message.channel,
        channel_type: 'im',
        user: who.id,
        text: '',
        ts: message.ts,
        event_ts: message.ts,
        team: fake.teamId,
        files: [created],
        upload: false,
        display_as_bot: false,
      }),
    );
    return answer(res, r, { file: created.id, ts: message.ts });
  }

  const body = await readJson(req);
  switch (pathname) {
    case '/api/send': {
      const who = person(ctx, body.user);
      const text = typeof body.text === 'string' ? body.text : '';
      if (text.trim() === '') throw new HttpError(400, 'nothing to send');
      if (text.length > 40_000) throw new HttpError(400, 'the message is too long');
      const command = /^\s*(\/[^\s]+)(?:\s+([\s\S]*))?$/.exec(text);
      if (command) {
        if (command[1] !== '/countersign') {
          return sendJson(res, 200, { ok: false, status: 0, error: `${command[1]} is not a valid command. In this sandbox, the app has one command: /countersign` });
        }
        const before = new Set(fake.ephemerals(who.id).map((e) => e.ts));
        const sent = typedToSlack((command[2] ?? '').trim(), ctx.people, 'command');
        const r = await toBot(() => slack.sendSlashCommand({ user: who.id, text: sent }));
        // Slack shows a plain-text ack body as a private reply too (the fake only takes JSON).
        if (r.status === 200 && typeof r.body === 'string' && r.body.trim() !== '' && !fake.ephemerals(who.id).some((e) => !before.has(e.ts))) {
          fake.applyCommandAck({ channel: fake.dmChannel(who.id), user: who.id }, { text: r.body });
        }
        return answer(res, r);
      }
      const r = await toBot(() => sendUserMessage(slack, { userId: who.id, text: typedToSlack(text, ctx.people, 'message') }));
      return answer(res, r, { ts: r.message.ts });
    }
    case '/api/action': {
      const who = person(ctx, body.user);
      const actionId = str(body.actionId);
      if (!actionId) throw new HttpError(400, 'actionId is required');
      const blockId = str(body.blockId);
      const raw = body.value as InputValue | undefined;
      const viewId = str(body.viewId);
      if (viewId) {
        const view = [...fake.openViews(who.id), fake.homeView(who.id)].find((v) => v?.id === viewId);
        if (!view) throw new HttpError(409, 'that view is not open any more');
        const override = actionOverride(findElement(view.blocks, actionId), raw);
        const r = await toBot(() => slack.sendBlockAction({ user: who.id, view: viewId, actionId, ...(blockId ? { blockId } : {}), ...override, stateValues: valuesInput(body.stateValues) }));
        return answer(res, r);
      }
      const ts = str(body.ts);
      if (!ts) throw new HttpError(400, 'viewId or ts is required');
      const channel = fake.dmChannel(who.id);
      const source = fake.message(channel, ts) ?? fake.ephemerals(who.id).find((e) => e.ts === ts);
      if (!source) throw new HttpError(409, 'that message is gone');
      const override = actionOverride(findElement(source.blocks, actionId), raw);
      const r = await toBot(() => slack.sendBlockAction({ user: who.id, channel, messageTs: ts, actionId, ...(blockId ? { blockId } : {}), ...override }));
      return answer(res, r);
    }
    case '/api/submit': {
      const who = person(ctx, body.user);
      const viewId = str(body.viewId);
      const top = fake.topView(who.id);
      if (!top || (viewId && top.id !== viewId)) throw new HttpError(409, 'that form is not open any more');
      const r = await toBot(() => slack.sendViewSubmission({ user: who.id, view: top.id, values: valuesInput(body.values) }));
      ctx.bump();
      return answer(res, r, { outcome: r.outcome, ...(r.errors ? { errors: r.errors } : {}) });
    }
    case '/api/close': {
      const who = person(ctx, body.user);
      const top = fake.topView(who.id);
      if (!top) return sendJson(res, 200, { ok: true, status: 0 });
      const r = await toBot(async () => (await slack.sendViewClosed({ user: who.id, view: top.id })) ?? { status: 200, body: '' });
      ctx.bump();
      return answer(res, r);
    }
    case '/api/home': {
      const who = person(ctx, body.user);
      return answer(res, await toBot(() => openAppHome(slack, who.id)));
    }
    case '/api/seed':
      return sendJson(res, 200, { ok: true, result: await ctx.seed() });
    case '/api/reset':
      return sendJson(res, 200, { ok: true, result: await ctx.reset() });
    default:
      throw new HttpError(404, 'not found');
  }
}

/** Server-Sent Events: the state version, each time it changes (the page then re-reads). */
function streamEvents(ctx: SandboxContext, req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-content-type-options': 'nosniff' });
  res.write(`retry: 1000\ndata: ${ctx.version()}\n\n`);
  const off = ctx.onVersion((v) => res.write(`data: ${v}\n\n`));
  const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
  req.on('close', () => {
    off();
    clearInterval(ping);
  });
}
