// `settings …` and `codes add|list`: the workspace's delays, escalation and coding lists.
import { parseDuration } from '../../../domain/durations';
import { CODE_TYPES, type CodeType, type CommandError, type ParsedCommand, type ParseResult } from './types';
import { extra, fail, isErr, parseOptions, parseUser, type Token } from './tokens';
import { CODES_USAGE, USAGE } from '../usage';
import { parseCodesImport } from './bookkeeping';

export function parseSettingsCommand(args: Token[]): ParseResult {
  const u = USAGE.settings;
  const opts = parseOptions(args, ['reminder', 'escalation', 'escalate-to']);
  if (isErr(opts)) return fail(opts.error, u);
  const out: Extract<ParsedCommand, { cmd: 'settings' }> = { cmd: 'settings' };
  for (const [key, field] of [
    ['reminder', 'reminderAfterMs'],
    ['escalation', 'escalateAfterMs'],
  ] as const) {
    const t = opts.get(key)?.text;
    if (t === undefined) continue;
    const ms = parseDuration(t);
    if (ms === null) return fail(`${key}=${t} is not a duration.`, u);
    if (ms === 0) return fail(`${key} must be longer than zero.`, u);
    out[field] = ms;
  }
  if (out.reminderAfterMs !== undefined && out.escalateAfterMs !== undefined && out.escalateAfterMs <= out.reminderAfterMs) {
    return fail('escalation must be longer than reminder (escalation comes after the reminder).', u);
  }
  const to = opts.get('escalate-to')?.text;
  if (to !== undefined) {
    if (['admins', 'admin', 'administrators', 'none'].includes(to.toLowerCase())) out.escalationUserId = null;
    else {
      const id = parseUser(to, 'escalation user');
      if (isErr(id)) return fail(id.error, u);
      out.escalationUserId = id;
    }
  }
  return out;
}

function parseCodeType(text: string | undefined, usage: string): CodeType | CommandError {
  const t = text?.toLowerCase();
  const type = t === 'costcentre' || t === 'cost_centre' ? 'cost-centre' : t;
  if (type === undefined) return fail(`Missing the code type (${CODE_TYPES.join(', ')}).`, usage);
  if (!(CODE_TYPES as readonly string[]).includes(type)) return fail(`Unknown code type "${text}": use ${CODE_TYPES.join(', ')}.`, usage);
  return type as CodeType;
}

const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,31}$/;

export function parseCodesCommand(args: Token[], raw: string): ParseResult {
  const verb = args[0]?.text.toLowerCase();
  if (verb === 'list') {
    if (args.length === 1) return { cmd: 'codes.list', type: null };
    const type = parseCodeType(args[1]?.text, USAGE.codesList);
    if (typeof type !== 'string') return type;
    const e = extra(args, 2);
    return e ? fail(e, USAGE.codesList) : { cmd: 'codes.list', type };
  }
  if (verb === 'import') return parseCodesImport(args);
  if (verb === 'retire' || verb === 'restore') {
    const type = parseCodeType(args[1]?.text, USAGE.codesRetire);
    if (typeof type !== 'string') return type;
    const code = args[2]?.text;
    if (!code) return fail('Missing the code.', USAGE.codesRetire);
    const e = extra(args, 3);
    return e ? fail(e, USAGE.codesRetire) : { cmd: verb === 'retire' ? 'codes.retire' : 'codes.restore', type, code };
  }
  if (verb !== 'add') return fail(verb === undefined ? 'Say "add" or "list".' : `Unknown codes command "${args[0]?.text}".`, CODES_USAGE);
  const u = USAGE.codesAdd;
  const type = parseCodeType(args[1]?.text, u);
  if (typeof type !== 'string') return type;
  const code = args[2]?.text;
  if (code === undefined) return fail('Missing the code.', u);
  if (!CODE_RE.test(code)) return fail(`"${code}" is not a valid code: letters, digits, '.', '_', '/', '-', up to 32.`, u);
  // The label is the rest of the line as typed (quotes optional), so spacing survives.
  const afterCode = raw.replace(/^\s*\S+\s+\S+\s+\S+\s+\S+\s*/, '');
  const label = afterCode.replace(/^["\u201c](.*)["\u201d]$/s, '$1');
  if (label.trim() === '') return fail(`Missing the label for ${type} ${code}.`, u);
  return { cmd: 'codes.add', type, code, label: label.trim() };
}
