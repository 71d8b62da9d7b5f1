/**
 * Parser for the `/countersign` slash command. Pure: text in, a typed command
 * or a refusal out; the bot checks permissions and does the work.
 *
 * Users arrive as Slack escaped mentions (`<@U123>` or `<@U123|ann>`); we
 * keep the Slack id and let the bot map it. Keywords are case-insensitive;
 * names, codes and labels are kept as typed.
 */
import type { ChainConditions, StageDef, StageMode, StageType } from '../../domain/chains';
import { CHAIN_NAME_RE, validateChain } from '../../domain/chains';
import { isDocumentStatus, type DocumentKind, type DocumentStatus } from '../../domain/documents';
import { parseAmount } from '../../domain/money';
import { parseDuration } from '../../domain/durations';
import { parseIsoDate } from '../../domain/dates';
import { parseRole, type Role } from '../../domain/roles';
import { CHAIN_USAGE, CODES_USAGE, HELP_TEXT, SUBSTITUTE_USAGE, USAGE } from './usage';

export const CODE_TYPES = ['account', 'vat', 'cost-centre', 'project'] as const;
export type CodeType = (typeof CODE_TYPES)[number];
export type ExportKind = 'audit' | 'documents' | 'payments';
export type ExportFormat = 'csv' | 'xlsx';

export type ParsedCommand =
  | { cmd: 'help' }
  | { cmd: 'role.add' | 'role.remove'; userId: string; role: Role | 'coding-right' }
  | { cmd: 'roles'; userId: string | null }
  | { cmd: 'chain.set'; name: string; conditions: ChainConditions; stages: StageDef[] }
  | { cmd: 'chain.default' | 'chain.show' | 'chain.remove'; name: string }
  | { cmd: 'chain.list' }
  /** forUserId 'me' means the user who typed the command. Dates are 'YYYY-MM-DD', both included. */
  | { cmd: 'substitute.add'; substituteId: string; forUserId: string | 'me'; from: string; to: string }
  | { cmd: 'substitutes' }
  | { cmd: 'substitute.remove'; id: string }
  /** No field set: show the settings. escalationUserId null: back to the administrators. */
  | { cmd: 'settings'; reminderAfterMs?: number; escalateAfterMs?: number; escalationUserId?: string | null }
  | { cmd: 'codes.add'; type: CodeType; code: string; label: string }
  | { cmd: 'codes.list'; type: CodeType | null }
  | { cmd: 'status'; documentId: string }
  /** status null: every status. */
  | { cmd: 'export'; what: ExportKind; from: string; to: string; format: ExportFormat; status: DocumentStatus[] | null };

export interface CommandError {
  error: string;
  usage: string;
}

export type ParseResult = ParsedCommand | CommandError;

export function isCommandError(r: ParseResult): r is CommandError {
  return 'error' in r;
}

// ---------------------------------------------------------------- tokens

interface Token {
  text: string;
  quoted: boolean;
}

/** Slack escapes &, < and > in the typed text; mentions stay as <@…>. */
function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const QUOTES = new Set(['"', '\u201c', '\u201d']); // phones and Macs turn " into “ ”

/** Splits on whitespace (not no-break spaces); double quotes (straight or curly) group words and may start mid-token (supplier="A B"). */
function tokenize(text: string): Token[] | { error: string } {
  const tokens: Token[] = [];
  let cur = '';
  let quoted = false;
  let inQuote = false;
  let started = false;
  for (const ch of text) {
    if (QUOTES.has(ch)) {
      inQuote = !inQuote;
      quoted = true;
      started = true;
    } else if (!inQuote && /[^\S\u00a0\u202f]/.test(ch)) {
      // No-break spaces do not separate: they are thousands separators ('1 000,50').
      if (started) tokens.push({ text: cur, quoted });
      cur = '';
      quoted = false;
      started = false;
    } else {
      cur += ch;
      started = true;
    }
  }
  if (inQuote) return { error: 'A quote is not closed.' };
  if (started) tokens.push({ text: cur, quoted });
  return tokens;
}

/** Index of the first `ch` outside double quotes, or -1. */
function indexOutsideQuotes(text: string, ch: string): number {
  let inQuote = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (QUOTES.has(c)) inQuote = !inQuote;
    else if (c === ch && !inQuote) return i;
  }
  return -1;
}

const MENTION_RE = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

/** `<@U123>` / `<@U123|ann>` → 'U123', or an error naming the token. */
function parseUser(token: string | undefined, what: string): string | { error: string } {
  if (token === undefined || token === '') return { error: `Missing ${what}.` };
  const m = MENTION_RE.exec(token);
  if (m?.[1]) return m[1];
  if (token.startsWith('@')) {
    return { error: `"${token}" is not a Slack mention: pick the ${what} from Slack's @ suggestions so it becomes a link.` };
  }
  return { error: `"${token}" is not a user: mention the ${what} with @.` };
}

function fail(error: string, usage: string): CommandError {
  return { error, usage };
}

function isErr<T>(v: T | { error: string }): v is { error: string } {
  return typeof v === 'object' && v !== null && 'error' in v;
}

/** key=value options; refuses unknown keys and repeated keys. */
function parseOptions(tokens: Token[], allowed: readonly string[]): Map<string, Token> | { error: string } {
  const out = new Map<string, Token>();
  for (const t of tokens) {
    const eq = t.text.indexOf('=');
    if (eq <= 0) return { error: `Unexpected "${t.text}": expected one of ${allowed.map((k) => `${k}=…`).join(', ')}.` };
    const key = t.text.slice(0, eq).toLowerCase();
    if (!allowed.includes(key)) return { error: `Unknown option "${key}". Options: ${allowed.join(', ')}.` };
    if (out.has(key)) return { error: `Option "${key}" is given twice.` };
    out.set(key, { text: t.text.slice(eq + 1), quoted: t.quoted });
  }
  return out;
}

function parseDate(token: string | undefined, what: string): string | { error: string } {
  if (token === undefined) return { error: `Missing the ${what} date (YYYY-MM-DD).` };
  if (!parseIsoDate(token)) return { error: `"${token}" is not a real date in YYYY-MM-DD form.` };
  return token;
}

/** `from D to D` at tokens[i..i+3]; from ≤ to. */
function parseDateRange(tokens: Token[], i: number): { from: string; to: string } | { error: string } {
  const kwFrom = tokens[i]?.text.toLowerCase();
  if (kwFrom !== 'from') return { error: kwFrom === undefined ? 'Missing "from YYYY-MM-DD".' : `Expected "from", got "${tokens[i]?.text}".` };
  const from = parseDate(tokens[i + 1]?.text, 'start');
  if (isErr(from)) return from;
  const kwTo = tokens[i + 2]?.text.toLowerCase();
  if (kwTo !== 'to') return { error: kwTo === undefined ? 'Missing "to YYYY-MM-DD".' : `Expected "to", got "${tokens[i + 2]?.text}".` };
  const to = parseDate(tokens[i + 3]?.text, 'end');
  if (isErr(to)) return to;
  if (to < from) return { error: `The end date ${to} is before the start date ${from}.` };
  return { from, to };
}

function extra(tokens: Token[], from: number): string | null {
  const rest = tokens.slice(from).map((t) => t.text);
  return rest.length > 0 ? `Unexpected "${rest.join(' ')}" at the end.` : null;
}

// ---------------------------------------------------------------- subcommands

export function parseCommand(text: string): ParseResult {
  const raw = unescapeSlack(text).trim().replace(/^\/countersign\b\s*/i, '');
  const toks = tokenize(raw);
  if (isErr(toks)) {
    const [w1 = '', w2 = ''] = raw.toLowerCase().split(/\s+/);
    return fail(toks.error, w1 === 'chain' && w2 === 'set' ? USAGE.chainSet : usageForHead(w1));
  }
  const head = toks[0]?.text.toLowerCase();
  const args = toks.slice(1);
  switch (head) {
    case undefined:
    case 'help':
      return { cmd: 'help' };
    case 'role':
      return parseRoleCommand(args);
    case 'roles':
      return parseRolesCommand(args);
    case 'chain':
      return parseChainCommand(args, raw);
    case 'substitute':
      return parseSubstituteCommand(args);
    case 'substitutes':
      return args.length > 0 ? fail(`Unexpected "${args.map((t) => t.text).join(' ')}" after substitutes.`, USAGE.substitutes) : { cmd: 'substitutes' };
    case 'settings':
      return parseSettingsCommand(args);
    case 'codes':
      return parseCodesCommand(args, raw);
    case 'status':
      return parseStatusCommand(args);
    case 'export':
      return parseExportCommand(args);
    default:
      return fail(`Unknown command "${toks[0]?.text}". Type /countersign help for the list.`, HELP_TEXT);
  }
}

/** The usage to show when the line cannot even be tokenized. */
function usageForHead(head: string): string {
  const byHead: Record<string, string> = {
    role: USAGE.role,
    roles: USAGE.roles,
    chain: CHAIN_USAGE,
    substitute: SUBSTITUTE_USAGE,
    substitutes: USAGE.substitutes,
    settings: USAGE.settings,
    codes: CODES_USAGE,
    status: USAGE.status,
    export: USAGE.export,
  };
  return byHead[head] ?? HELP_TEXT;
}

function parseRoleCommand(args: Token[]): ParseResult {
  const u = USAGE.role;
  const verb = args[0]?.text.toLowerCase();
  if (verb !== 'add' && verb !== 'remove') {
    return fail(verb === undefined ? 'Say "add" or "remove".' : `Expected "add" or "remove", got "${args[0]?.text}".`, u);
  }
  const userId = parseUser(args[1]?.text, 'user');
  if (isErr(userId)) return fail(userId.error, u);
  const roleText = args[2]?.text;
  if (roleText === undefined) return fail('Missing the role.', u);
  const role = parseRole(roleText);
  if (role === null) return fail(`Unknown role "${roleText}".`, u);
  const e = extra(args, 3);
  if (e) return fail(e, u);
  return { cmd: verb === 'add' ? 'role.add' : 'role.remove', userId, role };
}

function parseRolesCommand(args: Token[]): ParseResult {
  if (args.length === 0) return { cmd: 'roles', userId: null };
  const userId = parseUser(args[0]?.text, 'user');
  if (isErr(userId)) return fail(userId.error, USAGE.roles);
  const e = extra(args, 1);
  if (e) return fail(e, USAGE.roles);
  return { cmd: 'roles', userId };
}

function parseChainName(token: string | undefined, usage: string): string | CommandError {
  if (token === undefined) return fail('Missing the chain name.', usage);
  if (!CHAIN_NAME_RE.test(token)) {
    return fail(`"${token}" is not a valid chain name: use letters, digits, '-', '_' or '.', up to 64, starting with a letter or digit.`, usage);
  }
  return token;
}

function parseChainCommand(args: Token[], raw: string): ParseResult {
  const verb = args[0]?.text.toLowerCase();
  const simple: Record<string, { cmd: 'chain.default' | 'chain.show' | 'chain.remove'; usage: string }> = {
    default: { cmd: 'chain.default', usage: USAGE.chainDefault },
    show: { cmd: 'chain.show', usage: USAGE.chainShow },
    remove: { cmd: 'chain.remove', usage: USAGE.chainRemove },
  };
  if (verb === 'set') return parseChainSet(raw);
  if (verb === 'list') {
    const e = extra(args, 1);
    return e ? fail(e, USAGE.chainList) : { cmd: 'chain.list' };
  }
  const s = verb === undefined ? undefined : simple[verb];
  if (!s) {
    return fail(verb === undefined ? 'Say what to do with chains.' : `Unknown chain command "${args[0]?.text}".`, CHAIN_USAGE);
  }
  const name = parseChainName(args[1]?.text, s.usage);
  if (typeof name !== 'string') return name;
  const e = extra(args, 2);
  if (e) return fail(e, s.usage);
  return { cmd: s.cmd, name };
}

const CHAIN_OPTIONS = ['kind', 'min', 'max', 'cost-centre', 'supplier'] as const;

/** `chain set NAME [options] : STAGE ; STAGE …` — the ':' may touch its neighbours. */
function parseChainSet(raw: string): ParseResult {
  const u = USAGE.chainSet;
  const colon = indexOutsideQuotes(raw, ':');
  if (colon < 0) return fail('Missing ":" between the chain name/conditions and the stages.', u);
  const headToks = tokenize(raw.slice(0, colon));
  if (isErr(headToks)) return fail(headToks.error, u);
  // headToks: chain set NAME opts…
  const name = parseChainName(headToks[2]?.text, u);
  if (typeof name !== 'string') return name;

  const opts = parseOptions(headToks.slice(3), CHAIN_OPTIONS);
  if (isErr(opts)) return fail(opts.error, u);
  const conditions: ChainConditions = {};
  const kind = opts.get('kind')?.text.toLowerCase();
  if (kind !== undefined) {
    if (kind !== 'invoice' && kind !== 'expense') return fail(`kind must be "invoice" or "expense", not "${kind}".`, u);
    conditions.kind = kind satisfies DocumentKind;
  }
  for (const [key, field] of [
    ['min', 'minAmount'],
    ['max', 'maxAmount'],
  ] as const) {
    const t = opts.get(key)?.text;
    if (t === undefined) continue;
    const amount = parseAmount(t);
    if (amount === null) return fail(`${key}=${t} is not an amount.`, u);
    conditions[field] = amount;
  }
  const cc = opts.get('cost-centre')?.text;
  if (cc !== undefined) {
    if (cc.trim() === '') return fail('cost-centre= needs a code.', u);
    conditions.costCentre = cc;
  }
  const supplier = opts.get('supplier')?.text;
  if (supplier !== undefined) {
    if (supplier.trim() === '') return fail('supplier= needs a name.', u);
    conditions.supplier = supplier.trim().replace(/\s+/g, ' ');
  }

  const segments = raw.slice(colon + 1).split(';').map((s) => s.trim());
  while (segments.length > 0 && segments[segments.length - 1] === '') segments.pop(); // a trailing ';' is harmless
  if (segments.length === 0) return fail('No stages after ":".', u);
  const stages: StageDef[] = [];
  for (const [i, seg] of segments.entries()) {
    const stage = parseStage(seg, i + 1);
    if (isErr(stage)) return fail(stage.error, u);
    stages.push(stage);
  }

  // Structural rules (order of stages, min < max…) answered now rather than
  // after a round trip; role checks need the users and are the bot's job.
  const problems = validateChain({ name, isDefault: false, conditions, stages });
  if (problems.length > 0) return fail(problems.join(' '), u);
  return { cmd: 'chain.set', name, conditions, stages };
}

const STAGE_TYPES: Record<string, StageType> = { coding: 'coding', coordinate: 'coordinate', approve: 'approve' };

function parseStage(segment: string, n: number): StageDef | { error: string } {
  if (segment === '') return { error: `Stage ${n} is empty (two ";" in a row?).` };
  const toks = segment.split(/\s+/);
  const typeText = toks[0] as string;
  const type = STAGE_TYPES[typeText.toLowerCase()];
  if (!type) return { error: `Stage ${n}: "${typeText}" is not a stage; use coding, coordinate or approve.` };
  let rest = toks.slice(1);
  let mode: StageMode | undefined;
  const modeText = rest[0]?.toLowerCase();
  if (modeText === 'all' || modeText === 'any') {
    mode = modeText;
    rest = rest.slice(1);
  }
  if (type !== 'coding' && mode === undefined) {
    return { error: `Stage ${n}: say "${type} all" or "${type} any" before the users.` };
  }
  const assignees: string[] = [];
  for (const t of rest) {
    const id = parseUser(t, 'user');
    if (isErr(id)) return { error: `Stage ${n}: ${id.error}` };
    assignees.push(id);
  }
  if (type !== 'coding' && assignees.length === 0) return { error: `Stage ${n}: ${type} needs at least one @user.` };
  // Coding defaults to 'any': one of the named bookkeepers (or any bookkeeper) codes.
  return { type, mode: mode ?? 'any', assignees };
}

function parseSubstituteCommand(args: Token[]): ParseResult {
  if (args[0]?.text.toLowerCase() === 'remove') {
    const id = args[1]?.text;
    if (id === undefined || id === '') return fail('Missing the substitution ID (see /countersign substitutes).', USAGE.substituteRemove);
    const e = extra(args, 2);
    if (e) return fail(e, USAGE.substituteRemove);
    return { cmd: 'substitute.remove', id };
  }
  const u = USAGE.substitute;
  if (args.length === 0) return fail('Say who substitutes for whom.', SUBSTITUTE_USAGE);
  const substituteId = parseUser(args[0]?.text, 'substitute');
  if (isErr(substituteId)) return fail(substituteId.error, u);
  if (args[1]?.text.toLowerCase() !== 'for') return fail(args[1] ? `Expected "for", got "${args[1].text}".` : 'Missing "for @user".', u);
  const forText = args[2]?.text;
  let forUserId: string;
  if (forText?.toLowerCase() === 'me') {
    forUserId = 'me';
  } else {
    const id = parseUser(forText, 'absent user');
    if (isErr(id)) return fail(id.error, u);
    forUserId = id;
  }
  if (forUserId === substituteId) return fail('A user cannot substitute for themself.', u);
  const range = parseDateRange(args, 3);
  if (isErr(range)) return fail(range.error, u);
  const e = extra(args, 7);
  if (e) return fail(e, u);
  return { cmd: 'substitute.add', substituteId, forUserId, ...range };
}

function parseSettingsCommand(args: Token[]): ParseResult {
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

function parseCodesCommand(args: Token[], raw: string): ParseResult {
  const verb = args[0]?.text.toLowerCase();
  if (verb === 'list') {
    if (args.length === 1) return { cmd: 'codes.list', type: null };
    const type = parseCodeType(args[1]?.text, USAGE.codesList);
    if (typeof type !== 'string') return type;
    const e = extra(args, 2);
    return e ? fail(e, USAGE.codesList) : { cmd: 'codes.list', type };
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

function parseStatusCommand(args: Token[]): ParseResult {
  const u = USAGE.status;
  const t = args[0]?.text;
  if (t === undefined) return fail('Missing the document ID.', u);
  const id = t.replace(/^#/, '');
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(id)) return fail(`"${t}" is not a document ID.`, u);
  const e = extra(args, 1);
  if (e) return fail(e, u);
  return { cmd: 'status', documentId: id };
}

function parseExportCommand(args: Token[]): ParseResult {
  const u = USAGE.export;
  const what = args[0]?.text.toLowerCase();
  if (what !== 'audit' && what !== 'documents' && what !== 'payments') {
    return fail(what === undefined ? 'Say what to export: audit, documents or payments.' : `Cannot export "${args[0]?.text}": use audit, documents or payments.`, u);
  }
  const range = parseDateRange(args, 1);
  if (isErr(range)) return fail(range.error, u);
  let format: ExportFormat | undefined;
  let status: DocumentStatus[] | null = null;
  for (const t of args.slice(5)) {
    const lower = t.text.toLowerCase();
    if (lower === 'csv' || lower === 'xlsx') {
      if (format) return fail('Give the format once: csv or xlsx.', u);
      format = lower;
    } else if (lower.startsWith('status=')) {
      if (status) return fail('Option "status" is given twice.', u);
      const list = lower.slice('status='.length).split(',').filter((s) => s !== '');
      if (list.length === 0) return fail('status= needs at least one status.', u);
      status = [];
      for (const s of list) {
        const norm = s.replace(/-/g, '_');
        if (!isDocumentStatus(norm)) return fail(`Unknown status "${s}".`, u);
        if (!status.includes(norm)) status.push(norm);
      }
    } else {
      return fail(`Unexpected "${t.text}": expected csv, xlsx or status=….`, u);
    }
  }
  return { cmd: 'export', what, ...range, format: format ?? 'csv', status };
}
