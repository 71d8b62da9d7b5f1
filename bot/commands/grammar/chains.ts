// `chain set|default|show|remove|list`: approval chains, their conditions and stages.
import type { ChainConditions, StageDef, StageMode, StageType } from '../../../domain/chains';
import { CHAIN_NAME_RE, validateChain } from '../../../domain/chains';
import type { DocumentKind } from '../../../domain/documents';
import { parseAmount } from '../../../domain/money';
import type { ParseResult, CommandError } from './types';
import { extra, fail, indexOutsideQuotes, isErr, parseOptions, parseUser, tokenize, type Token } from './tokens';
import { CHAIN_USAGE, USAGE } from '../usage';

function parseChainName(token: string | undefined, usage: string): string | CommandError {
  if (token === undefined) return fail('Missing the chain name.', usage);
  if (!CHAIN_NAME_RE.test(token)) {
    return fail(`"${token}" is not a valid chain name: use letters, digits, '-', '_' or '.', up to 64, starting with a letter or digit.`, usage);
  }
  return token;
}

export function parseChainCommand(args: Token[], raw: string): ParseResult {
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
