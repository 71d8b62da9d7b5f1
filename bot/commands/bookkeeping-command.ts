// Bookkeeping commands from Slack: supplier coding rules, code lists imported from an uploaded
// CSV/XLSX (a preview first, `apply` to import), retiring codes, and the postings export sent
// to the caller's DM. The client services check the rights and answer with the reason.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebClient } from '@slack/web-api';
import { importCodes, readSheet, setCodeRetired } from '../../client/code-import';
import { describeShares, listCodingRules, removeCodingRule, setCodingRule, supplierKeyOf } from '../../client/coding-suggestions';
import type { CodeKind } from '../../domain';
import { mayExportData } from '../../domain/permissions/workspace';
import { exportPostings, postingsFileName, type PostingsFormat } from '../../exports/postings';
import type { BotContext } from '../context';
import { DownloadError, downloadSlackFile } from '../download';
import { uploadToDm } from '../slack-upload';
import type { ParsedCommand } from './parse-command';

type Cmd = Extract<ParsedCommand, { cmd: 'rule.set' | 'rule.remove' | 'rule.show' | 'rule.list' | 'codes.import' | 'codes.retire' | 'codes.restore' }>;
type Say = (text: string) => Promise<void>;

const kindOf = (t: string): CodeKind => (t === 'cost-centre' ? 'cost_centre' : (t as CodeKind));

export async function runBookkeepingCommand(ctx: BotContext, client: WebClient, slackUserId: string, c: Cmd): Promise<string> {
  const me = await ctx.people.ensure(client, slackUserId);
  const ws = ctx.workspaceId;
  const answer = (o: { ok: true; message: string } | { ok: false; reason: string }) => (o.ok ? `✅ ${o.message}` : `🚫 ${o.reason}`);
  switch (c.cmd) {
    case 'rule.set':
      return answer(await setCodingRule(ctx.db, { workspaceId: ws, actorId: me.id, supplier: c.supplier, lines: c.lines.map((l) => ({ ...l, percent: l.percent ?? '100' })) }));
    case 'rule.remove':
      return answer(await removeCodingRule(ctx.db, { workspaceId: ws, actorId: me.id, supplier: c.supplier }));
    case 'rule.show':
    case 'rule.list': {
      const rules = await listCodingRules(ctx.db, ws);
      const supplier = c.cmd === 'rule.show' ? c.supplier : null;
      const key = supplier ? supplierKeyOf(supplier).key : null;
      const shown = key ? rules.filter((r) => r.key === key) : rules;
      if (shown.length === 0) return supplier ? `There is no coding rule for ${supplier}.` : 'There are no coding rules yet: `/countersign rule set …`';
      return shown.map((r) => `• *${r.supplier}*: ${describeShares(r.lines)}`).join('\n');
    }
    case 'codes.retire':
    case 'codes.restore':
      return answer(await setCodeRetired(ctx.db, { workspaceId: ws, actorId: me.id, type: kindOf(c.type), code: c.code, retired: c.cmd === 'codes.retire' }));
    case 'codes.import': {
      const info = await client.files.info({ file: c.fileId }).catch(() => null);
      const file = info?.file;
      if (!file?.url_private) return `🚫 I cannot see file ${c.fileId}: upload it in our DM first, then copy its link.`;
      const name = file.name ?? 'codes.csv';
      if (!/\.(csv|txt|xlsx)$/i.test(name)) return `🚫 ${name} is not a CSV or XLSX file.`;
      let bytes: Buffer;
      try {
        ({ bytes } = await downloadSlackFile(file.url_private, ctx.botToken, ctx.maxFileBytes, ctx.slackApiUrl));
      } catch (err) {
        if (err instanceof DownloadError) return `🚫 ${err.message}`;
        throw err;
      }
      const rows = await readSheet(bytes, name).catch(() => null);
      if (!rows) return `🚫 ${name} could not be read as CSV or XLSX.`;
      const r = await importCodes(ctx.db, { workspaceId: ws, actorId: me.id, rows, apply: c.apply });
      if (!r.ok) return `🚫 ${r.reason}`;
      return r.value.applied ? `✅ ${name} imported. ${r.value.preview}` : `*Preview of ${name}* (nothing changed yet):\n${r.value.preview}\nTo import: \`/countersign codes import ${c.fileId} apply\``;
    }
  }
}

/** `export postings …`: the file goes to the caller's DM; its documents are then marked exported. */
export async function runPostingsExport(ctx: BotContext, client: WebClient, slackUserId: string, c: Extract<ParsedCommand, { cmd: 'export.postings' }>, say: Say): Promise<void> {
  const me = await ctx.people.ensure(client, slackUserId);
  const may = mayExportData(me);
  if (!may.ok) return say(`🚫 ${may.reason} Nothing was exported.`);
  const format: PostingsFormat = c.format === 'fec-pipe' ? 'fec' : c.format;
  await say(`⏳ Preparing the postings of the documents approved from ${c.from} to ${c.to} (${c.format.toUpperCase()})… I will send the file to our DM.`);
  const dir = await mkdtemp(join(tmpdir(), 'countersign-postings-'));
  try {
    const filename = postingsFileName(format, c.from, c.to);
    const path = join(dir, filename);
    const r = await exportPostings(ctx.db, { workspaceId: ctx.workspaceId, actorId: me.id, from: c.from, to: c.to, format, again: c.again, pipe: c.format === 'fec-pipe' }, path);
    if (!r.ok) return say(`🚫 ${r.reason}`);
    await uploadToDm(ctx, client, slackUserId, [{ path, filename, title: filename }], `📤 ${r.message}`);
    await say(`✅ Sent to our DM: ${filename}. ${r.message}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
