// Uploads files to someone's DM with the app through Slack's external upload flow (what
// web-api's files.uploadV2 does, spelled out so each step is checked): files.getUploadURLExternal
// with the name and byte length → POST the bytes to upload_url → files.completeUploadExternal
// with every file id and title, shared in the DM. The bytes are streamed from disk.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { WebClient } from '@slack/web-api';
import type { BotContext } from './context';
import { dmChannel } from './tracked';

export interface LocalFile {
  path: string;
  filename: string;
  title: string;
}

export async function uploadToDm(ctx: BotContext, client: WebClient, slackUserId: string, files: LocalFile[], comment: string): Promise<string[]> {
  const channel = await dmChannel(ctx, client, slackUserId);
  const uploaded: { id: string; title: string }[] = [];
  for (const f of files) {
    const { size } = await stat(f.path);
    const reserved = await client.files.getUploadURLExternal({ filename: f.filename, length: size });
    if (!reserved.upload_url || !reserved.file_id) throw new Error(`files.getUploadURLExternal gave no upload URL for ${f.filename}`);
    const res = await fetch(reserved.upload_url, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
      body: Readable.toWeb(createReadStream(f.path)) as ReadableStream<Uint8Array>,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    if (!res.ok) throw new Error(`upload of ${f.filename} failed: HTTP ${res.status}`);
    await res.arrayBuffer().catch(() => undefined);
    uploaded.push({ id: reserved.file_id, title: f.title });
  }
  const [first, ...rest] = uploaded;
  if (!first) return [];
  await client.files.completeUploadExternal({ files: [first, ...rest], channel_id: channel, initial_comment: comment });
  return uploaded.map((u) => u.id);
}
