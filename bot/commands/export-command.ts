// `/countersign export …`: the file is written by the streaming exporters into a temporary
// directory, then uploaded to the caller's DM with Slack's external upload flow. The caller
// hears "Preparing…" privately first; refusals (the exporters and payment services check the
// roles themselves) and failures are private answers too. Temporary files are always removed.
import { join } from 'node:path';
import type { WebClient } from '@slack/web-api';
import { createPaymentBatch, getDebtorAccount, setDebtorAccount, type SkippedInvoice } from '../../payments';
import { exportAudit, exportDocuments, exportFileName } from '../../exports';
import { exportPaymentsReport } from '../../payments/report';
import { mayExportData, mayExportPayments, mayMakePaymentBatches, maySeePayments } from '../../domain/permissions/workspace';
import type { BotContext } from '../context';
import { uploadToDm, type LocalFile } from '../slack-upload';
import type { ParsedCommand } from './parse-command';
import { USAGE } from './usage';
import { withTempDir } from './temp-dir';
import { sendBatchFiles } from './batch-file-command';

type Say = (text: string) => Promise<void>;
type TableExport = Extract<ParsedCommand, { cmd: 'export' }>;

export const ACCOUNT_HINT = `An administrator sets it with \`${USAGE.paymentsAccount.split('  ')[0]}\`.`;


const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** audit / documents (from the general parser). */
export async function runTableExport(ctx: BotContext, client: WebClient, slackUserId: string, c: TableExport, say: Say): Promise<void> {
  const me = await ctx.people.ensure(client, slackUserId);
  const may = mayExportData(me);
  if (!may.ok) return say(`🚫 ${may.reason} Nothing was exported.`);
  const statuses: (string | undefined)[] = c.what === 'documents' && c.status ? c.status : [undefined];
  await say(`⏳ Preparing the ${c.what === 'audit' ? 'audit log' : 'document list'} from ${c.from} to ${c.to} (${c.format.toUpperCase()})… I will send it to our DM.`);
  await withTempDir(async (dir) => {
    const files: LocalFile[] = [];
    const counts: string[] = [];
    for (const status of statuses) {
      const base = exportFileName(c.what === 'audit' ? 'audit' : 'documents', c.from, c.to, c.format);
      const filename = status ? base.replace(/\.(csv|xlsx)$/, `-${status}.$1`) : base;
      const path = join(dir, filename);
      const p = { workspaceId: ctx.workspaceId, actorId: me.id, from: c.from, to: c.to, format: c.format };
      const r = c.what === 'audit' ? await exportAudit(ctx.db, p, path) : await exportDocuments(ctx.db, { ...p, ...(status ? { status } : {}) }, path);
      if (!r.ok) return say(`🚫 ${r.reason} Nothing was exported.`);
      files.push({ path, filename, title: filename });
      counts.push(`${filename}: ${plural(r.value.rows, c.what === 'audit' ? 'event' : 'document')}`);
    }
    await uploadToDm(ctx, client, slackUserId, files, `📤 Your export is ready. ${counts.join(' · ')}`);
    await say(`✅ Sent to our DM: ${counts.join(' · ')}.`);
  });
}

function skippedText(skipped: SkippedInvoice[]): string {
  return skipped.length === 0 ? '' : `\nLeft out:\n${skipped.map((s) => `• ${s.reason}`).join('\n')}`;
}

/**
 * Payment managers: a new payment batch of the approved invoices (due in the period) and its
 * files, CSV and SEPA pain.001 XML. Administrators and auditors (who change nothing): the report
 * of the payments made in the period.
 */
export async function runPaymentsExport(ctx: BotContext, client: WebClient, slackUserId: string, c: Extract<ParsedCommand, { cmd: 'export.payments' }>, say: Say): Promise<void> {
  const me = await ctx.people.ensure(client, slackUserId);
  const may = mayExportPayments(me);
  if (!may.ok) return say(`🚫 ${may.reason} Nothing was exported.`);
  const ws = ctx.workspaceId;
  const period = c.from || c.to ? ` due ${c.from ? `from ${c.from} ` : ''}${c.to ? `to ${c.to}` : ''}`.trimEnd() : '';

  if (!mayMakePaymentBatches(me).ok) {
    // Read-only: what was paid in the period.
    if (c.format === 'xml') return say('🚫 Only a payment manager creates payment batches and their SEPA files. Administrators and auditors can export the payments made: `/countersign export payments from YYYY-MM-DD to YYYY-MM-DD [csv|xlsx]`.');
    if (!c.from || !c.to) return say('🚫 Give the period of the payments to report: `/countersign export payments from YYYY-MM-DD to YYYY-MM-DD [csv|xlsx]`.');
    const format = c.format === 'xlsx' ? 'xlsx' : 'csv';
    await say(`⏳ Preparing the payments made from ${c.from} to ${c.to} (${format.toUpperCase()})… I will send it to our DM.`);
    await withTempDir(async (dir) => {
      const filename = exportFileName('payments', c.from!, c.to!, format);
      const path = join(dir, filename);
      const r = await exportPaymentsReport(ctx.db, { workspaceId: ws, actorId: me.id, from: c.from!, to: c.to!, format }, path);
      if (!r.ok) return say(`🚫 ${r.reason} Nothing was exported.`);
      await uploadToDm(ctx, client, slackUserId, [{ path, filename, title: filename }], `📤 Payments made from ${c.from} to ${c.to}: ${plural(r.value.rows, 'payment')}.`);
      await say(`✅ Sent to our DM: ${filename} (${plural(r.value.rows, 'payment')}).`);
    });
    return;
  }

  if (c.format === 'xlsx') return say('🚫 A payment batch comes as CSV and SEPA XML: use csv or xml (or neither for both).');
  const sepa = c.format !== 'csv';
  if (sepa && !(await getDebtorAccount(ctx.db, ws))) {
    return say(`🚫 The workspace has no debtor account yet (the account payments are made from), so no SEPA file can be made. ${ACCOUNT_HINT} Or export a CSV batch: \`/countersign export payments csv\`.`);
  }
  await say(`⏳ Preparing a payment batch of the approved invoices${period}… I will send the files to our DM.`);
  const batch = await createPaymentBatch(ctx.db, { workspaceId: ws, actorId: me.id, ...(c.from ? { from: c.from } : {}), ...(c.to ? { to: c.to } : {}), format: sepa ? 'sepa' : 'csv' });
  if (!batch.ok) return say(`🚫 ${batch.reason}${/debtor account/.test(batch.reason) ? ` ${ACCOUNT_HINT}` : ''} Nothing was exported.`);
  const b = batch.value;
  const formats = c.format === 'csv' ? (['csv'] as const) : c.format === 'xml' ? (['pain001'] as const) : (['csv', 'pain001'] as const);
  const summary = `Payment batch *${b.seq}*: ${plural(b.count, 'invoice')}, ${b.total}${b.currency ? ` ${b.currency}` : ''}, execution date ${b.executionDate}: ${b.documents.map((d) => d.reference).join(', ')}.`;
  const failed = await sendBatchFiles(ctx, client, slackUserId, me.id, b, formats, `📤 ${summary}${skippedText(b.skipped)}\nMark them paid in the App Home once the bank has paid them.`);
  // The batch is made either way: say so, and how to get its files.
  if (failed) return say(`🚫 ${summary} The batch was made, but ${failed}${skippedText(b.skipped)}`);
  await say(`✅ ${summary} Files sent to our DM.${skippedText(b.skipped)}`);
}

export async function runAccountCommand(ctx: BotContext, client: WebClient, slackUserId: string, c: Extract<ParsedCommand, { cmd: 'payments.account' }>): Promise<string> {
  const me = await ctx.people.ensure(client, slackUserId);
  if (!c.account) {
    // The company's IBAN is for those who handle payments, not for everyone in the workspace.
    const may = maySeePayments(me);
    if (!may.ok) return `🚫 ${may.reason}`;
    const current = await getDebtorAccount(ctx.db, ctx.workspaceId);
    return current ? `Payments are made from *${current.name}*, IBAN ${current.iban}${current.bic ? `, BIC ${current.bic}` : ''}.` : `No debtor account is set yet. ${ACCOUNT_HINT}`;
  }
  const o = await setDebtorAccount(ctx.db, { workspaceId: ctx.workspaceId, actorId: me.id, ...c.account });
  return o.ok ? `✅ ${o.message}` : `🚫 ${o.reason}`;
}
