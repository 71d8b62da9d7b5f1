// Small node:http helpers of the sandbox server: JSON answers, bounded bodies, static files,
// and the checks that keep other web pages from driving a sandbox on localhost.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) throw new HttpError(413, `the body is larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new HttpError(413, `the body is larger than ${limit} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export async function readJson(req: IncomingMessage, limit = 1024 * 1024): Promise<Record<string, unknown>> {
  // A JSON content type cannot be sent cross-origin without a CORS preflight, which this
  // server never answers: another site's page cannot post here.
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) throw new HttpError(415, 'send application/json');
  const text = (await readBody(req, limit)).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text === '' ? '{}' : text);
  } catch {
    throw new HttpError(400, 'the body is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, 'the body must be a JSON object');
  return value as Record<string, unknown>;
}

/**
 * Requests must name this server in Host (no DNS rebinding: evil.example resolving to
 * 127.0.0.1 is refused) and, when the browser says where they come from, come from it.
 */
export function checkOrigin(req: IncomingMessage, allowedHosts: ReadonlySet<string>): void {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!allowedHosts.has(host)) throw new HttpError(403, `unexpected Host header "${host}"`);
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let originHost = '';
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      originHost = '';
    }
    if (!allowedHosts.has(originHost)) throw new HttpError(403, `requests from ${origin} are not accepted`);
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // Image blocks point anywhere on the web, like in Slack.
  "img-src 'self' data: blob: http: https:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Files of the static directory only (no `..`, no hidden files, no directories). */
export async function serveStatic(res: ServerResponse, dir: string, urlPath: string): Promise<void> {
  const name = urlPath === '/' ? 'index.html' : decodeURIComponent(urlPath.replace(/^\/static\//, ''));
  const resolved = path.resolve(dir, name);
  const type = TYPES[path.extname(resolved)];
  if (!resolved.startsWith(dir + path.sep) || name.split('/').some((s) => s.startsWith('.')) || !type) throw new HttpError(404, 'not found');
  let content: Buffer;
  try {
    content = await readFile(resolved);
  } catch {
    throw new HttpError(404, 'not found');
  }
  res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': type, 'content-length': content.length, 'content-security-policy': PAGE_CSP, 'x-frame-options': 'DENY' });
  res.end(content);
}

export function sendFileContent(res: ServerResponse, p: { content: Buffer; mimetype: string; name: string; download: boolean }): void {
  // Files people upload are served as what they are, but never as a page of this origin:
  // HTML and SVG go out as downloads under a sandboxing CSP.
  const risky = /html|svg|xml|javascript/i.test(p.mimetype);
  const asciiName = p.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': risky ? 'application/octet-stream' : p.mimetype,
    'content-length': p.content.length,
    'content-disposition': `${p.download || risky ? 'attachment' : 'inline'}; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(p.name)}`,
    ...(risky ? { 'content-security-policy': "sandbox; default-src 'none'" } : {}),
  });
  res.end(p.content);
}
