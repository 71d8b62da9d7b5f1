// Carries out a parsed `/countersign` command with the engine's services. The services check
// administrator rights themselves and answer with the exact reason; the bot only maps Slack
// users to internal ones and turns the outcome into a private reply.
import type { WebClient } from '@slack/web-api';
import { describeChain, formatDuration, roleLabel, tryPeriodFromDates } from '../../domain';
import { mayReadConfiguration } from '../../domain/permissions/workspace';
import { getChain, listChains, removeChain, setChain, setDefaultChain } from '../../client/chains';
import { addCode, listCodes, type CodeType } from '../../client/codes';
import { addRole, listRoles, removeRole } from '../../client/roles';
import type { Outcome } from '../../client/result';
import { readSettings, updateSettings } from '../../client/settings';
import { addSubstitution, listSubstitutions, removeSubstitution } from '../../client/substitutes';
import type { BotContext } from '../context';
import { refreshHome } from '../home';
import { slackDate } from '../views/blocks';
import type { ParsedCommand } from './parse-command';

type Runnable = Exclude<ParsedCommand, { cmd: 'help' | 'export' | 'status' | 'export.payments' | 'payments.account' | 'payments.batchFile' | 'payments.notDuplicate' | 'export.postings' | 'rule.set' | 'rule.remove' | 'rule.show' | 'rule.list' | 'codes.import' | 'codes.retire' | 'codes.restore' }>;

export async function runCommand(ctx: BotContext, client: WebClient, slackUserId: string, c: Runnable): Promise<string> {
  const me = await ctx.people.ensure(client, slackUserId);
  const idOf = async (slackId: string) => (await ctx.people.ensure(client, slackId)).id;
  const mention = (id: string | null | undefined) => ctx.people.mention(id);
  /** Engine messages name people by internal id: show them as Slack mentions. */
  const humanize = async (text: string) => {
    let out = text;
    for (const id of new Set(text.match(/usr_[0-9a-f]{20}/g) ?? [])) out = out.replaceAll(id, await mention(id));
    return out;
  };
  const answer = async (o: Outcome<unknown>, extra = '') => (o.ok ? `✅ ${await humanize(o.message)}${extra}` : `🚫 ${await humanize(o.reason)}`);
  const mayReadConfig = mayReadConfiguration(me).ok;
  const ws = ctx.workspaceId;

  switch (c.cmd) {
    case 'role.add':
    case 'role.remove': {
      const userId = await idOf(c.userId);
      const p = { workspaceId: ws, actorId: me.id, userId, role: c.role };
      const o = c.cmd === 'role.add' ? await addRole(ctx.db, p, ctx.engine) : await removeRole(ctx.db, p, ctx.engine);
      if (o.ok) await refreshHome(ctx, client, userId).catch(() => undefined);
      return answer(o);
    }
    case 'roles': {
      const target = c.userId ? await idOf(c.userId) : null;
      if (!mayReadConfig && target !== me.id) return '🚫 Only an administrator or an auditor can see other people’s roles; `/countersign roles @you` shows yours.';
      const rows = await listRoles(ctx.db, { workspaceId: ws, ...(target ? { userId: target } : {}) });
      if (rows.length === 0) return 'Nobody yet.';
      return rows.map((u) => `• ${u.slackId ? `<@${u.slackId}>` : u.name}: ${u.roles.map((r) => roleLabel(r)).join(', ')}${u.codingRight ? ' (+ coding right)' : ''}`).join('\n');
    }
    case 'chain.set': {
      const stages = [];
      for (const s of c.stages) stages.push({ ...s, assignees: await Promise.all(s.assignees.map(idOf)) });
      return answer(await setChain(ctx.db, { workspaceId: ws, actorId: me.id, chain: { name: c.name, isDefault: false, conditions: c.conditions, stages } }));
    }
    case 'chain.default':
      return answer(await setDefaultChain(ctx.db, { workspaceId: ws, actorId: me.id, name: c.name }));
    case 'chain.remove':
      return answer(await removeChain(ctx.db, { workspaceId: ws, actorId: me.id, name: c.name }));
    case 'chain.list':
    case 'chain.show': {
      if (!mayReadConfig) return '🚫 Only an administrator or an auditor can see the approval chains.';
      const chains = c.cmd === 'chain.list' ? await listChains(ctx.db, ws) : [await getChain(ctx.db, ws, c.name)].filter((x) => x !== null);
      if (chains.length === 0) return c.cmd === 'chain.list' ? 'There are no chains yet: `/countersign chain set …`' : `🚫 There is no chain named ${c.name}.`;
      const names = new Map<string, string>();
      for (const id of new Set(chains.flatMap((ch) => ch.stages.flatMap((s) => s.assignees)))) names.set(id, await mention(id));
      return chains.map((ch) => `• ${describeChain(ch, (id) => names.get(id) ?? id)}`).join('\n');
    }
    case 'substitute.add': {
      const forUserId = c.forUserId === 'me' ? me.id : await idOf(c.forUserId);
      const substituteId = await idOf(c.substituteId);
      // The person's IANA zone (from Slack): its offset on each end date, not today's. Without
      // one, the offset Slack gave.
      const user = await ctx.db.user.findUnique({ where: { id: me.id }, select: { timeZone: true } });
      const period = tryPeriodFromDates(c.from, c.to, user?.timeZone ?? me.tzOffsetMinutes);
      if ('error' in period) return `🚫 ${period.error}`;
      const o = await addSubstitution(ctx.db, ctx.engine, { workspaceId: ws, actorId: me.id, substituteId, forUserId, ...period });
      if (!o.ok) return answer(o);
      // The outcome's sentence says whether it was new or a repeat, and what the engine could not be told.
      return `✅ ${await mention(substituteId)} substitutes for ${await mention(forUserId)} from ${c.from} to ${c.to} (both included). ID: \`${o.value.id}\`. ${o.message}`;
    }
    case 'substitutes': {
      const all = await listSubstitutions(ctx.db, ws);
      const mine = mayReadConfig ? all : all.filter((s) => s.forUserId === me.id || s.substituteId === me.id);
      if (mine.length === 0) return 'No current or future substitutes.';
      const lines = await Promise.all(mine.map(async (s) => `• \`${s.id}\` ${await mention(s.substituteId)} for ${await mention(s.forUserId)}, ${slackDate(new Date(s.startsAt))} → ${slackDate(new Date(s.endsAt))}`));
      return lines.join('\n');
    }
    case 'substitute.remove':
      return answer(await removeSubstitution(ctx.db, ctx.engine, { workspaceId: ws, actorId: me.id, id: c.id }));
    case 'settings': {
      const changes: { reminderAfterMs?: number; escalateAfterMs?: number; escalationUserId?: string | null } = {};
      if (c.reminderAfterMs !== undefined) changes.reminderAfterMs = c.reminderAfterMs;
      if (c.escalateAfterMs !== undefined) changes.escalateAfterMs = c.escalateAfterMs;
      if (c.escalationUserId !== undefined) changes.escalationUserId = c.escalationUserId === null ? null : await idOf(c.escalationUserId);
      const show = async (s: { reminderAfterMs: number; escalateAfterMs: number; escalationUserId: string | null }) =>
        `Reminder after *${formatDuration(s.reminderAfterMs)}*, escalation after *${formatDuration(s.escalateAfterMs)}* to ${s.escalationUserId ? await mention(s.escalationUserId) : 'the administrators'}.`;
      if (Object.keys(changes).length === 0) {
        const current = await readSettings(ctx.db, { workspaceId: ws, viewerId: me.id });
        return current.ok ? show(current.value) : answer(current);
      }
      const o = await updateSettings(ctx.db, ctx.engine, { workspaceId: ws, actorId: me.id, changes });
      return o.ok ? `✅ Settings saved. ${await show(o.value)}` : answer(o);
    }
    case 'codes.add': {
      const type = (c.type === 'cost-centre' ? 'cost_centre' : c.type) as CodeType;
      return answer(await addCode(ctx.db, { workspaceId: ws, actorId: me.id, type, code: c.code, label: c.label }));
    }
    case 'codes.list': {
      const type = c.type === null ? undefined : ((c.type === 'cost-centre' ? 'cost_centre' : c.type) as CodeType);
      const rows = await listCodes(ctx.db, ws, type);
      if (rows.length === 0) return `No codes yet${c.type ? ` for ${c.type}` : ''}: \`/countersign codes add …\``;
      return rows.map((r) => `• ${r.type.replace('_', '-')} \`${r.code}\` ${r.label}${r.retiredAt ? ' _(retired)_' : ''}`).join('\n');
    }
  }
}

