// Fetching a private Slack file with the bot token. Slack answers 200 with an HTML sign-in
// page when the token is missing, expired or lacks files:read: the status alone proves
// nothing, so the content type and the first bytes are checked, and the size is capped.

export class DownloadError extends Error {
  override name = 'DownloadError';
}

// XML: structured e-invoices (CII, UBL, Estonian e-invoice); the extractor tells them from other XML.
export const SUPPORTED_MIME = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/webp', 'image/tiff', 'image/heic', 'image/gif', 'application/xml', 'text/xml']);

export function isSupportedUpload(mime: string | undefined, name: string): boolean {
  if (mime && SUPPORTED_MIME.has(mime.toLowerCase())) return true;
  return /\.(pdf|jpe?g|png|webp|tiff?|heic|gif|xml)$/i.test(name);
}

/**
 * Slack serves private files from its own hosts (files.slack.com, an Enterprise Grid's
 * *.slack.com) over HTTPS; the bot token is sent nowhere else, whatever host a file event names.
 * `apiUrl` (a self-hosted proxy or the fake in tests) may serve files from its own origin.
 */
export function isSlackFileUrl(url: string, apiUrl?: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (apiUrl && u.origin === new URL(apiUrl).origin) return true;
  return u.protocol === 'https:' && (u.hostname === 'slack.com' || u.hostname.endsWith('.slack.com'));
}

export async function downloadSlackFile(url: string, token: string, maxBytes: number, apiUrl?: string): Promise<{ bytes: Buffer; contentType: string }> {
  if (!isSlackFileUrl(url, apiUrl)) {
    throw new DownloadError('The file link does not point to Slack, so I did not download it (the app only sends its token to Slack). Nothing was submitted; please upload the file again.');
  }
  let res: Response;
  try {
    res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    throw new DownloadError(`I could not download the file from Slack (${(err as Error).message}). Nothing was submitted; please try again.`);
  }
  if (res.status !== 200) {
    await res.body?.cancel().catch(() => undefined);
    throw new DownloadError(`Slack answered ${res.status} when I downloaded the file. Nothing was submitted; please upload it again.`);
  }
  const contentType = (res.headers.get('content-type') ?? '').toLowerCase();
  if (contentType.startsWith('text/html')) {
    await res.body?.cancel().catch(() => undefined);
    throw new DownloadError(
      'Slack sent a sign-in page instead of your file: the app cannot read files right now (its token expired or lacks the files:read permission). Nothing was submitted; an administrator must reinstall the app.',
    );
  }
  const declared = Number(res.headers.get('content-length') ?? NaN);
  const limitText = `${Math.round(maxBytes / 1024 / 1024)} MB`;
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new DownloadError(`The file is larger than ${limitText}. Nothing was submitted; please upload a smaller file.`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  if (!reader) throw new DownloadError('Slack sent an empty file. Nothing was submitted.');
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new DownloadError(`The file is larger than ${limitText}. Nothing was submitted; please upload a smaller file.`);
    }
    chunks.push(Buffer.from(value));
  }
  const bytes = Buffer.concat(chunks);
  if (bytes.length === 0) throw new DownloadError('Slack sent an empty file. Nothing was submitted.');
  const head = bytes.subarray(0, 256).toString('latin1').trimStart().toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) {
    throw new DownloadError('Slack sent a web page instead of your file (the app cannot read files right now). Nothing was submitted; an administrator must reinstall the app.');
  }
  return { bytes, contentType };
}
