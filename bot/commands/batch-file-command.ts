// A payment batch's files, sent to the caller's DM: right after the batch is made, and again on
// `/countersign payments batch N file` — the batch is committed before its files are uploaded,
// so a failed upload must never leave invoices locked in a batch nobody can get the file of.
// The files are rebuilt from the batch (it is never edited afterwards), so they come out the same.
import type { WebClient } from '@slack/web-api';
import { clearDuplicateFlag, exportPayments, paymentFileName } from '../../payments';
import { findBatch } from '../../payments/views';
import { findDocumentId } from '../../client/queries';
import { mayExportPayments } from '../../domain/permissions/workspace';
import type { BotContext } from '../context';
import { uploadToDm, type LocalFile } from '../slack-upload';
import type { ParsedCommand } from './parse-command';
import { withTempDir } from './temp-dir';

type FileFormat = 'csv' | 'pain001';

export const refetchHint = (seq: number) => `Get them again with \`/countersign payments batch ${seq} file\`.`;

/** Builds and uploads the files; a sentence saying what failed (and how to get them again), or null. */
export async function sendBatchFiles(ctx: BotContext, client: WebClient, slackUserId: string, actorId: string, batch: { id: string; seq: number }, formats: readonly FileFormat[], comment: string): Promise<string | null> {
  return withTempDir(async (dir) => {
    const files: LocalFile[] = [];
    for (const format of formats) {
      const filename = paymentFileName(batch.seq, format);
      const path = `${dir}/${filename}`;
      const r = await exportPayments(ctx.db, { workspaceId: ctx.workspaceId, actorId, batch: batch.id, format }, path);
      if (!r.ok) return `its ${format === 'pain001' ? 'SEPA' : 'CSV'} file could not be made: ${r.reason}`;
      files.push({ path, filename, title: format === 'pain001' ? `Payment batch ${batch.seq} (SEPA pain.001)` : `Payment batch ${batch.seq} (CSV)` });
    }
    try {
      await uploadToDm(ctx, client, slackUserId, files, comment);
      return null;
    } catch (err) {
      ctx.log.warn({ err: err instanceof Error ? err.message : String(err), batch: batch.seq }, 'payment batch files not uploaded');
      return `its files could not be sent to our DM (Slack: ${err instanceof Error ? err.message : String(err)}). ${refetchHint(batch.seq)}`;
    }
  });
}

export async function runBatchFileCommand(ctx: BotContext, client: WebClient, slackUserId: string, c: Extract<ParsedCommand, { cmd: 'payments.batchFile' }>): Promise<string> {
  const me = await ctx.people.ensure(client, slackUserId);
  const may = mayExportPayments(me);
  if (!may.ok) return `🚫 ${may.reason}`;
  const batch = await findBatch(ctx.db, ctx.workspaceId, c.batch);
  if (!batch) return `🚫 There is no payment batch ${c.batch}.`;
  const formats: FileFormat[] = c.format === 'csv' ? ['csv'] : c.format === 'xml' ? ['pain001'] : batch.format === 'sepa' ? ['csv', 'pain001'] : ['csv'];
  const failed = await sendBatchFiles(ctx, client, slackUserId, me.id, batch, formats, `📤 Payment batch ${batch.seq} (made ${batch.createdAt.toISOString().slice(0, 10)}), its files again.`);
  return failed ? `🚫 Payment batch ${batch.seq}: ${failed}` : `✅ Payment batch ${batch.seq}: files sent to our DM.`;
}

export async function runNotDuplicateCommand(ctx: BotContext, client: WebClient, slackUserId: string, c: Extract<ParsedCommand, { cmd: 'payments.notDuplicate' }>): Promise<string> {
  const me = await ctx.people.ensure(client, slackUserId);
  const documentId = await findDocumentId(ctx.db, ctx.workspaceId, c.document);
  if (!documentId) return `🚫 There is no document ${c.document}.`;
  const r = await clearDuplicateFlag(ctx.db, { workspaceId: ctx.workspaceId, actorId: me.id, documentId });
  return r.ok ? `✅ ${r.message}` : `🚫 ${r.reason}`;
}
