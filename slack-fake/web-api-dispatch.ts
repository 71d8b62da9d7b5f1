// POST /api/<method>: parse the arguments, authenticate like Slack, run the handler,
// record the call. Slack answers HTTP 200 with `ok: false` for every API-level error,
// so the bot's error handling sees exactly what it would in production.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { CallLog } from './call-log';
import { BadJsonField, parseApiArgs, readRaw } from './http-body';
import { bearer, sendJson } from './http-routes';
import { APP_TOKEN_METHODS, METHODS, type ApiContext } from './methods';
import { fail } from './methods/context';
import type { Json } from './types';

export interface DispatchContext {
  api: ApiContext;
  log: CallLog;
  botToken: string;
  appToken: string;
  /** Errors queued by failNext(method, error), consumed one per call. */
  forcedErrors: Map<string, string[]>;
}

const BAD_FIELD_ERRORS: Record<string, string> = { blocks: 'invalid_blocks_format', attachments: 'invalid_attachments' };

export async function dispatchWebApi(req: IncomingMessage, res: ServerResponse, method: string, ctx: DispatchContext): Promise<void> {
  const raw = await readRaw(req);
  let args: Json = {};
  let result: Json | undefined;
  try {
    args =
      req.method === 'GET'
        ? (parseQuery(new URL(req.url ?? '/', 'http://x').search.slice(1)) as Json)
        : parseApiArgs(raw, req.headers['content-type']);
  } catch (error) {
    result = error instanceof BadJsonField ? fail(BAD_FIELD_ERRORS[error.field] ?? 'invalid_arguments', [`[ERROR] ${error.message}`]) : fail('invalid_json');
  }
  // Slack accepts the token in the body too; it is a credential, not an argument.
  const token = bearer(req) ?? (typeof args.token === 'string' ? args.token : undefined);
  delete args.token;
  result ??= await answer(method, args, token, ctx);
  ctx.log.record({ method, args, token, at: Date.now(), result });
  sendJson(res, 200, result);
}

async function answer(method: string, args: Json, token: string | undefined, ctx: DispatchContext): Promise<Json> {
  const handler = METHODS[method];
  if (!handler) return fail('unknown_method');
  if (!token) return fail('not_authed');
  const expected = APP_TOKEN_METHODS.has(method) ? ctx.appToken : ctx.botToken;
  if (token !== expected) return fail(token === ctx.appToken || token === ctx.botToken ? 'not_allowed_token_type' : 'invalid_auth');
  const forced = ctx.forcedErrors.get(method)?.shift();
  if (forced) return fail(forced);
  try {
    return await handler(args, ctx.api);
  } catch (error) {
    // A bug in the fake must not look like a Slack outage to the app: say what broke.
    return fail('internal_error', [`[ERROR] fake Slack crashed in ${method}: ${String(error)}`]);
  }
}
