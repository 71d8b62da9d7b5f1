// Bookkeeping commands: `export postings …`, `rule …` (a supplier's coding), and the
// `codes import|retire` verbs (`codes add|list` are in settings.ts).
import { D } from '../../../domain/decimal';
import type { ParseResult, PostingsFormatArg, RuleLineArg } from './types';
import { extra, fail, isErr, parseDateRange, type Token } from './tokens';
import { USAGE } from '../usage';

const FORMATS: Record<string, PostingsFormatArg> = { csv: 'csv', xlsx: 'xlsx', fec: 'fec', 'fec-pipe': 'fec-pipe', xero: 'xero', ee: 'ee', 'e-invoice': 'ee', einvoice: 'ee' };

/** `export postings from D to D [csv|xlsx|fec|fec-pipe|xero|ee] [again]` (args after "postings"). */
export function parseExportPostings(args: Token[]): ParseResult {
  const u = USAGE.postingsExport;
  const range = parseDateRange(args, 0);
  if (isErr(range)) return fail(range.error, u);
  let format: PostingsFormatArg | null = null;
  let again = false;
  for (const t of args.slice(4)) {
    const w = t.text.toLowerCase();
    if (w === 'again') again = true;
    else if (FORMATS[w]) {
      if (format) return fail('Give the format once.', u);
      format = FORMATS[w]!;
    } else return fail(`Unexpected "${t.text}": expected csv, xlsx, fec, fec-pipe, xero, ee or again.`, u);
  }
  return { cmd: 'export.postings', ...range, format: format ?? 'csv', again };
}

/** `rule set SUPPLIER : ACCOUNT VAT [cc=CODE] [project=CODE] [PCT%] ; …`, `rule remove SUPPLIER`, `rule list`. */
export function parseRuleCommand(args: Token[]): ParseResult {
  const u = USAGE.rule;
  const verb = args[0]?.text.toLowerCase();
  if (verb === 'list') return extra(args, 1) ? fail(extra(args, 1)!, u) : { cmd: 'rule.list' };
  if (verb === 'remove' || verb === 'show') {
    const supplier = args.slice(1).map((t) => t.text).join(' ').trim();
    return supplier ? { cmd: verb === 'remove' ? 'rule.remove' : 'rule.show', supplier } : fail('Name the supplier (VAT id, registration number or name).', u);
  }
  if (verb !== 'set') return fail(verb === undefined ? 'Say set, show, remove or list.' : `Unknown rule command "${args[0]?.text}".`, u);
  const colon = args.findIndex((t) => !t.quoted && t.text === ':');
  if (colon < 2) return fail('Name the supplier, then ":" and the coding lines.', u);
  const supplier = args.slice(1, colon).map((t) => t.text).join(' ').trim();
  const groups: Token[][] = [[]];
  for (const t of args.slice(colon + 1)) {
    if (!t.quoted && t.text === ';') groups.push([]);
    else if (!t.quoted && t.text.endsWith(';')) {
      groups[groups.length - 1]!.push({ ...t, text: t.text.slice(0, -1) });
      groups.push([]);
    } else groups[groups.length - 1]!.push(t);
  }
  const lines: RuleLineArg[] = [];
  for (const g of groups.filter((x) => x.length > 0)) {
    const words = g.map((t) => t.text);
    const [account, vatCode] = words;
    if (!account || !vatCode || account.includes('=') || vatCode.includes('=')) return fail('Each line starts with the account and the VAT code.', u);
    const line: RuleLineArg = { account, vatCode, costCentre: null, project: null, percent: null };
    for (const w of words.slice(2)) {
      const m = /^(cc|cost-centre|project)=(.+)$/i.exec(w);
      if (m) {
        if (m[1]!.toLowerCase() === 'project') line.project = m[2]!;
        else line.costCentre = m[2]!;
      } else if (/^\d{1,3}(\.\d{1,2})?%$/.test(w)) line.percent = w.slice(0, -1);
      else return fail(`Unexpected "${w}" in a coding line: expected cc=CODE, project=CODE or a percentage like 60%.`, u);
    }
    lines.push(line);
  }
  if (lines.length === 0) return fail('Give at least one coding line after ":".', u);
  if (lines.length === 1 && lines[0]!.percent === null) lines[0]!.percent = '100';
  if (lines.some((l) => l.percent === null)) return fail('With several lines, give each its percentage (e.g. 60% ; 40%).', u);
  const sum = lines.reduce((s, l) => s.plus(l.percent!), new D(0));
  if (!sum.equals(100)) return fail(`The percentages add up to ${sum.toString()} %, not 100 %.`, u);
  return { cmd: 'rule.set', supplier, lines };
}

/** `codes import FILE [apply]` (FILE: a Slack file link or ID) and `codes retire|restore TYPE CODE`. */
export function parseCodesImport(args: Token[]): ParseResult {
  const u = USAGE.codesImport;
  const ref = args[1]?.text;
  if (!ref) return fail('Upload the CSV or XLSX in our DM, then give its link (More actions → Copy link) or file ID.', u);
  const id = /\b(F[A-Z0-9]{6,})\b/.exec(ref)?.[1];
  if (!id) return fail(`"${ref}" is not a Slack file link or file ID.`, u);
  const rest = args.slice(2).map((t) => t.text.toLowerCase());
  if (rest.some((w) => w !== 'apply')) return fail(`Unexpected "${rest.join(' ')}": only "apply" may follow the file.`, u);
  return { cmd: 'codes.import', fileId: id, apply: rest.includes('apply') };
}
