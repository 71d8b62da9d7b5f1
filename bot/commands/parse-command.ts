/**
 * Parser for the `/countersign` slash command. Pure: text in, a typed command
 * or a refusal out; the bot checks permissions and does the work.
 *
 * Users arrive as Slack escaped mentions (`<@U123>` or `<@U123|ann>`); we
 * keep the Slack id and let the bot map it. Keywords are case-insensitive;
 * names, codes and labels are kept as typed.
 */
import type { ParseResult } from './grammar/types';
import { fail, isErr, tokenize, unescapeSlack } from './grammar/tokens';
import { parseChainCommand } from './grammar/chains';
import { parseExportPostings, parseRuleCommand } from './grammar/bookkeeping';
import { parseExportPayments, parsePaymentsCommand } from './grammar/payments';
import { parseRoleCommand, parseRolesCommand, parseSubstituteCommand } from './grammar/people';
import { parseExportCommand, parseStatusCommand } from './grammar/reports';
import { parseCodesCommand, parseSettingsCommand } from './grammar/settings';
import { CHAIN_USAGE, CODES_USAGE, HELP_TEXT, SUBSTITUTE_USAGE, USAGE } from './usage';

export { CODE_TYPES, isCommandError, type CodeType, type CommandError, type ExportFormat, type ExportKind, type ParsedCommand, type ParseResult, type PaymentsFormat } from './grammar/types';

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
      if (args[0]?.text.toLowerCase() === 'postings') return parseExportPostings(args.slice(1));
      return args[0]?.text.toLowerCase() === 'payments' ? parseExportPayments(args.slice(1)) : parseExportCommand(args);
    case 'rule':
      return parseRuleCommand(args);
    case 'payments':
      return parsePaymentsCommand(args);
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
    payments: USAGE.paymentsAccount,
    rule: USAGE.rule,
  };
  return byHead[head] ?? HELP_TEXT;
}
