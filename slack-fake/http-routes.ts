// The non-Web-API HTTP endpoints of the fake: private file downloads, the upload URL of
// files.uploadV2, and response_urls. Kept apart from the Web API dispatcher so each file
// does one thing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallLog } from './call-log';
import type { ConversationState } from './conversation-state';
import { readRaw, uploadedBytes } from './http-body';
import { applyResponse, type ResponseOutcome, type ResponseUrls } from './responses';
import type { Json } from './types';

export function sendJson(res: ServerResponse, status: number, body: Json): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(.+)$/i.exec(header) : null;
  return match?.[1]?.trim();
}

/**
 * What Slack serves for a private file URL fetched without a valid token: a 200 with the
 * sign-in page. A bot that does not check the content type would save this HTML as a PDF.
 */
const LOGIN_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Slack</title></head>
<body><h1>Sign in to your workspace</h1><form action="/signin" method="post"><input name="domain"></form></body></html>
`;

export async function serveFile(req: IncomingMessage, res: ServerResponse, fileId: string, ctx: { state: ConversationState; log: CallLog; botToken: string; revoked?: ReadonlySet<string> }): Promise<void> {
  const token = bearer(req);
  const authorized = token === ctx.botToken && !ctx.revoked?.has(fileId);
  const file = ctx.state.file(fileId);
  const content = ctx.state.fileContent(fileId);
  ctx.log.record({ method: 'files.download', args: { file: fileId, authorized }, token, at: Date.now(), result: { ok: authorized && file !== undefined } });
  if (!authorized) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(LOGIN_PAGE);
    return;
  }
  if (!file || !content) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('file not found');
    return;
  }
  res.writeHead(200, {
    'content-type': file.mimetype,
    'content-length': content.length,
    'content-disposition': `attachment; filename="${encodeURIComponent(file.name)}"`,
  });
  res.end(content);
}

/** The upload_url from files.getUploadURLExternal. Slack answers a plain-text "OK - <bytes>". */
export async function receiveUpload(req: IncomingMessage, res: ServerResponse, fileId: string, ctx: { state: ConversationState; log: CallLog }): Promise<void> {
  const raw = await readRaw(req);
  const pending = ctx.state.pendingUploads.get(fileId);
  const bytes = pending ? await uploadedBytes(raw, req.headers['content-type']) : undefined;
  ctx.log.record({ method: 'files.upload', args: { file: fileId, length: bytes?.length ?? 0 }, token: bearer(req), at: Date.now(), result: { ok: pending !== undefined } });
  if (!pending || !bytes) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('upload not found');
    return;
  }
  pending.bytes = bytes;
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.end(`OK - ${bytes.length}`);
}

/** A response_url (Bolt's respond()). Unknown ids get a 404, as an expired URL would. */
export async function receiveResponse(req: IncomingMessage, res: ServerResponse, id: string, ctx: { state: ConversationState; log: CallLog; responseUrls: ResponseUrls }): Promise<void> {
  const raw = (await readRaw(req)).toString('utf8');
  let body: Json;
  try {
    body = raw ? (JSON.parse(raw) as Json) : {};
  } catch {
    body = {};
  }
  const target = ctx.responseUrls.get(id);
  const outcome: ResponseOutcome = target ? applyResponse(ctx.state, target, body) : { ok: false, status: 404, error: 'expired_url' };
  const result: Json = outcome.ok ? { ok: true } : { ok: false, error: outcome.error, ...(outcome.messages ? { response_metadata: { messages: outcome.messages } } : {}) };
  ctx.log.record({ method: 'response_url', args: { ...body, response_url_id: id }, token: undefined, at: Date.now(), result });
  sendJson(res, outcome.ok ? 200 : outcome.status, result);
}
