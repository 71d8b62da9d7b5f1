// Reading what the app sends. `@slack/web-api` sends form-encoded bodies with every
// non-scalar argument (blocks, view, attachments, files...) JSON-encoded inside a field,
// JSON bodies are also accepted by Slack, and file uploads arrive as multipart/form-data.
import type { IncomingMessage } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { Json } from './types';

/** Arguments Slack documents as JSON (arrays / objects) that travel as strings in form bodies. */
const JSON_FIELDS = new Set(['blocks', 'view', 'attachments', 'files', 'metadata', 'file_uploads', 'options']);

export function readRaw(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export class BadJsonField extends Error {
  constructor(readonly field: string) {
    super(`field ${field} is not valid JSON`);
  }
}

/** Web API arguments from a form or JSON body, with the JSON-in-form fields decoded. */
export function parseApiArgs(raw: Buffer, contentType: string | undefined): Json {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  const text = raw.toString('utf8');
  if (text === '') return {};
  if (type === 'application/json') {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Json) : {};
  }
  const args: Json = {};
  for (const [key, value] of Object.entries(parseQuery(text))) {
    const single = Array.isArray(value) ? value[value.length - 1] : value;
    if (single === undefined) continue;
    if (JSON_FIELDS.has(key) && /^\s*[[{]/.test(single)) {
      try {
        args[key] = JSON.parse(single);
      } catch {
        throw new BadJsonField(key);
      }
    } else {
      args[key] = single;
    }
  }
  return args;
}

/**
 * The bytes of an upload: multipart/form-data (what web-api's files.uploadV2 sends, file in
 * any part) or a raw body. The WHATWG Request parser that Node ships does the multipart work.
 */
export async function uploadedBytes(raw: Buffer, contentType: string | undefined): Promise<Buffer> {
  if (!contentType?.toLowerCase().startsWith('multipart/form-data')) return raw;
  const form = await new Request('http://fake.invalid/', { method: 'POST', headers: { 'content-type': contentType }, body: new Uint8Array(raw) }).formData();
  // The first file part wins; a form with only text parts is taken as the text of the first.
  const parts: Array<string | Blob> = [];
  form.forEach((value) => parts.push(value));
  const file = parts.find((p): p is Blob => typeof p !== 'string');
  if (file) return Buffer.from(await file.arrayBuffer());
  return Buffer.from(typeof parts[0] === 'string' ? parts[0] : '');
}
