// An upload in a DM becomes a document: downloaded with the bot token (checked: status,
// content type, size), submitted with the Slack file id as source key so a redelivered event
// or a second click finds the same document, and answered in the upload's thread.
// An e-invoice file holding several invoices (Estonian E_Invoice batches) is split here, at
// the only place files enter: one stored file and one document per invoice, so each has its
// own hash, duplicate check, extraction and approval, and engine and workflow stay one file =
// one document.
import type { WebClient } from '@slack/web-api';
import type { DocumentKind } from '../domain';
import { EngineUnavailableError } from '../client/engine';
import type { BotContext } from './context';
import { splitEInvoiceFile } from '../extraction/einvoice/split';
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
      await reply(`I can read PDF files, photos (JPEG, PNG, WebP, TIFF, HEIC) and XML e-invoices; *${esc(name)}* is ${file.mimetype ?? 'of an unknown type'}. Nothing was submitted.`);
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
    ({ bytes } = await downloadSlackFile(url, ctx.botToken, ctx.maxFileBytes, ctx.slackApiUrl));
  } catch (err) {
    if (!(err instanceof DownloadError)) throw err;
    ctx.log.warn({ fileId: p.file.id, problem: err.message }, 'file download refused');
    await reply(`⚠️ ${err.message}`);
    return null;
  }
  const parts = splitEInvoiceFile(bytes);
  try {
    const references: string[] = [];
    let created = false;
    let waiting = false;
    for (const [i, part] of parts.entries()) {
      const one = parts.length === 1 ? { key: sourceKeyFor(p.file.id), name } : { key: `${sourceKeyFor(p.file.id)}#${i + 1}`, name: `${name} (invoice ${i + 1} of ${parts.length})` };
      const submitted = await submitPart(ctx, p, part, one);
      references.push(submitted.reference);
      created ||= submitted.created;
      waiting ||= !submitted.started;
    }
    const refs = references.map((r) => `*${r}*`).join(', ');
    const kind = KIND_LABEL[p.kind].toLowerCase();
    await reply(
      waiting
        ? // Stored, its workflow not started yet (Temporal down): runtime/reconciler.ts starts it.
          `Received: ${refs} (${kind}). Countersign's engine is not reachable right now; it will be read as soon as the engine is back, and you will get the fields to check then. No need to upload it again.`
        : !created
        ? `This file is already ${refs}; nothing new was created.`
        : parts.length > 1
          ? `Got it: the file holds ${parts.length} invoices, now ${refs} (${kind}s, one document each). I am reading them; you will get the fields to check in a moment.`
          : `Got it: ${refs} (${kind}). I am reading it; you will get the fields to check in a moment.`,
    );
    await refreshHome(ctx, client, p.person.id).catch(() => undefined);
    return references[0] ?? null;
  } catch (err) {
    if (err instanceof EngineUnavailableError) {
      await reply(`⚠️ ${err.message}`);
      return null;
    }
    throw err;
  }
}

async function submitPart(
  ctx: BotContext,
  p: { person: Person; file: SlackFileLike; channel: string; threadTs: string; kind: DocumentKind },
  bytes: Buffer,
  part: { key: string; name: string },
) {
  const submitted = await ctx.engine.submit({
    workspaceId: ctx.workspaceId,
    submitterId: p.person.id,
    kind: p.kind,
    sourceKey: part.key,
    file: { bytes, name: part.name, mime: p.file.mimetype ?? 'application/octet-stream' },
  });
  await ctx.db.slackUpload.upsert({
    where: { documentId: submitted.documentId },
    create: {
      documentId: submitted.documentId,
      workspaceId: ctx.workspaceId,
      fileId: p.file.id,
      fileName: part.name,
      permalink: p.file.permalink ?? null,
      channel: p.channel,
      ts: p.threadTs,
      slackUserId: p.person.slackId,
    },
    update: {},
  });
  return submitted;
}
