// An upload in a DM becomes a document: downloaded with the bot token (checked: status,
// content type, size), submitted with the Slack file id as source key so a redelivered event
// or a second click finds the same document, and answered in the upload's thread.
import type { WebClient } from '@slack/web-api';
import type { DocumentKind } from '../domain';
import { EngineUnavailableError } from '../client/engine';
import type { BotContext } from './context';
import { DownloadError, downloadSlackFile, isSupportedUpload } from './download';
import type { Person } from './people';
import { refreshHome } from './home';
import { esc } from './views/blocks';
import { KIND_LABEL } from './views/labels';
import { kindChoiceMessage } from './views/messages';

export interface SlackFileLike {
  id: string;
  name?: string;
  title?: string;
  mimetype?: string;
  url_private?: string;
  url_private_download?: string;
  permalink?: string;
  size?: number;
}

export const sourceKeyFor = (fileId: string) => `slack-file:${fileId}`;

export async function handleFileShare(ctx: BotContext, client: WebClient, p: { slackUserId: string; channel: string; ts: string; files: SlackFileLike[] }): Promise<void> {
  const person = await ctx.people.ensure(client, p.slackUserId);
  const reply = (text: string) => client.chat.postMessage({ channel: p.channel, thread_ts: p.ts, text });
  for (const file of p.files) {
    const name = file.name ?? file.title ?? file.id;
    if (!isSupportedUpload(file.mimetype, name)) {
      await reply(`I can read PDF files and photos (JPEG, PNG, WebP, TIFF, HEIC); *${esc(name)}* is ${file.mimetype ?? 'of an unknown type'}. Nothing was submitted.`);
      continue;
    }
    if (person.roles.includes('bookkeeper')) {
      const choice = kindChoiceMessage(name, JSON.stringify({ f: file.id, c: p.channel, t: p.ts }));
      await client.chat.postMessage({ channel: p.channel, thread_ts: p.ts, text: choice.text, blocks: choice.blocks });
      continue;
    }
    await submitUpload(ctx, client, { person, file, channel: p.channel, threadTs: p.ts, kind: 'expense' });
  }
}

/** Downloads and submits one file; answers in the thread. Returns the reference, or null when nothing was submitted. */
export async function submitUpload(
  ctx: BotContext,
  client: WebClient,
  p: { person: Person; file: SlackFileLike; channel: string; threadTs: string; kind: DocumentKind },
): Promise<string | null> {
  const reply = (text: string) => client.chat.postMessage({ channel: p.channel, thread_ts: p.threadTs, text });
  const name = p.file.name ?? p.file.title ?? p.file.id;
  const url = p.file.url_private_download ?? p.file.url_private;
  if (!url) {
    await reply(`Slack did not give me a link to *${esc(name)}*. Nothing was submitted; please upload it again.`);
    return null;
  }
  let bytes: Buffer;
  try {
    ({ bytes } = await downloadSlackFile(url, ctx.botToken, ctx.maxFileBytes));
  } catch (err) {
    if (!(err instanceof DownloadError)) throw err;
    ctx.log.warn({ fileId: p.file.id, problem: err.message }, 'file download refused');
    await reply(`⚠️ ${err.message}`);
    return null;
  }
  try {
    const submitted = await ctx.engine.submit({
      workspaceId: ctx.workspaceId,
      submitterId: p.person.id,
      kind: p.kind,
      sourceKey: sourceKeyFor(p.file.id),
      file: { bytes, name, mime: p.file.mimetype ?? 'application/octet-stream' },
    });
    await ctx.db.slackUpload.upsert({
      where: { documentId: submitted.documentId },
      create: {
        documentId: submitted.documentId,
        workspaceId: ctx.workspaceId,
        fileId: p.file.id,
        fileName: name,
        permalink: p.file.permalink ?? null,
        channel: p.channel,
        ts: p.threadTs,
        slackUserId: p.person.slackId,
      },
      update: {},
    });
    await reply(
      submitted.created
        ? `Got it: *${submitted.reference}* (${KIND_LABEL[p.kind].toLowerCase()}). I am reading it; you will get the fields to check in a moment.`
        : `This file is already *${submitted.reference}*; nothing new was created.`,
    );
    await refreshHome(ctx, client, p.person.id).catch(() => undefined);
    return submitted.reference;
  } catch (err) {
    if (err instanceof EngineUnavailableError) {
      await reply(`⚠️ ${err.message}`);
      return null;
    }
    throw err;
  }
}
