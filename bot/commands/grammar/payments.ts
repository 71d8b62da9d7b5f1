// The payment commands: `export payments [from YYYY-MM-DD] [to YYYY-MM-DD] [csv|xml|xlsx]` and
// `payments account [NAME IBAN [BIC]]`, `payments batch N file [csv|xml]` (a batch's files again)
// and `payments not-duplicate DOC-N` (release an invoice held as a possible duplicate).
import { isIsoDate } from '../../../domain';
import type { ParseResult, PaymentsFormat } from './types';
import { fail, type Token } from './tokens';
import { USAGE } from '../usage';

export function parseExportPayments(args: Token[]): ParseResult {
  const usage = USAGE.paymentsExport;
  let from: string | null = null;
  let to: string | null = null;
  let format: PaymentsFormat | null = null;
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.text.toLowerCase();
    if (t === 'from' || t === 'to') {
      const d = args[i + 1]?.text;
      if (!d || !isIsoDate(d)) return fail(d ? `"${d}" is not a real date in YYYY-MM-DD form.` : `Missing the date after "${t}".`, usage);
      if (t === 'from') from = d;
      else to = d;
      i++;
    } else if (t === 'csv' || t === 'xml' || t === 'xlsx' || t === 'pain001' || t === 'sepa') {
      if (format) return fail('Give the format once: csv or xml.', usage);
      format = t === 'pain001' || t === 'sepa' ? 'xml' : t;
    } else return fail(`Unexpected "${args[i]!.text}": expected from …, to …, csv or xml.`, usage);
  }
  if (from && to && to < from) return fail(`The end date ${to} is before the start date ${from}.`, usage);
  return { cmd: 'export.payments', from, to, format: format ?? 'both' };
}

function parseBatchFile(args: Token[]): ParseResult {
  const usage = USAGE.paymentsBatchFile;
  const batch = args[0]?.text;
  if (!batch || !/^(?:PB-?|#)?\d+$/i.test(batch)) return fail(batch ? `"${batch}" is not a payment batch number.` : 'Say which payment batch: its number.', usage);
  if (args[1]?.text.toLowerCase() !== 'file') return fail('Say "file" after the batch number.', usage);
  const f = args[2]?.text.toLowerCase();
  if (args.length > 3 || (f !== undefined && !['csv', 'xml', 'sepa', 'pain001'].includes(f))) return fail(`Unexpected "${args.slice(2).map((t) => t.text).join(' ')}": expected csv or xml.`, usage);
  return { cmd: 'payments.batchFile', batch, format: f === undefined ? 'both' : f === 'csv' ? 'csv' : 'xml' };
}

export function parsePaymentsCommand(args: Token[]): ParseResult {
  const usage = USAGE.paymentsAccount;
  const verb = args[0]?.text.toLowerCase();
  if (verb === 'batch') return parseBatchFile(args.slice(1));
  if (verb === 'not-duplicate') {
    if (args.length !== 2) return fail('Say which document: `payments not-duplicate DOC-12`.', USAGE.paymentsNotDuplicate);
    return { cmd: 'payments.notDuplicate', document: args[1]!.text };
  }
  if (verb !== 'account') return fail(verb === undefined ? 'Say "account", "batch" or "not-duplicate".' : `Expected "account", "batch" or "not-duplicate", got "${args[0]?.text}".`, usage);
  const rest = args.slice(1);
  if (rest.length === 0) return { cmd: 'payments.account', account: null };
  // NAME may be several words (quoted or not); the IBAN is the first word after it that looks like one.
  const ibanAt = rest.findIndex((a, i) => i > 0 && !a.quoted && /^[A-Za-z]{2}\d{2}[A-Za-z0-9]{8,30}$/.test(a.text));
  if (ibanAt < 0) return fail('Give the account holder name, then the IBAN (one word, e.g. EE382200221020145685), then optionally the BIC.', usage);
  const name = rest
    .slice(0, ibanAt)
    .map((t) => t.text)
    .join(' ')
    .trim();
  const tail = rest.slice(ibanAt + 1);
  if (tail.length > 1) return fail(`Unexpected "${tail.slice(1).map((t) => t.text).join(' ')}" at the end.`, usage);
  if (!name) return fail('Missing the account holder name.', usage);
  return { cmd: 'payments.account', account: { name, iban: rest[ibanAt]!.text, bic: tail[0]?.text ?? null } };
}
