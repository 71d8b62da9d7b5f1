// The payment subcommands of `/countersign`, parsed here before the general parser:
//   export payments [from YYYY-MM-DD to YYYY-MM-DD] [csv|xml|xlsx]
//   payments account [NAME IBAN [BIC]]
// Everything else goes to parse-command.ts unchanged.
import { isIsoDate } from '../../domain';
import { USAGE } from './usage';

export const PAYMENTS_USAGE = {
  export: USAGE.paymentsExport,
  account: USAGE.paymentsAccount,
} as const;

export type PaymentsFormat = 'both' | 'csv' | 'xml' | 'xlsx';

export type PaymentsCommand =
  | { cmd: 'export.payments'; from: string | null; to: string | null; format: PaymentsFormat }
  | { cmd: 'payments.account'; account: { name: string; iban: string; bic: string | null } | null };

export type PaymentsParse = PaymentsCommand | { error: string; usage: string } | null;

const unquote = (s: string) => s.replace(/^["\u201c\u201d]+|["\u201c\u201d]+$/g, '');

export function parsePaymentsCommand(text: string): PaymentsParse {
  const words = text
    .replace(/&amp;/g, '&')
    .trim()
    .replace(/^\/countersign\b\s*/i, '')
    .split(/\s+/)
    .filter(Boolean);
  const [w0, w1] = [words[0]?.toLowerCase(), words[1]?.toLowerCase()];
  if (w0 === 'export' && w1 === 'payments') return parseExportPayments(words.slice(2));
  if (w0 === 'payments' && w1 === 'account') return parseAccount(words.slice(2));
  return null;
}

function parseExportPayments(args: string[]): PaymentsParse {
  const usage = PAYMENTS_USAGE.export;
  let from: string | null = null;
  let to: string | null = null;
  let format: PaymentsFormat | null = null;
  for (let i = 0; i < args.length; i++) {
    const t = args[i]!.toLowerCase();
    if (t === 'from' || t === 'to') {
      const d = args[i + 1];
      if (!d || !isIsoDate(d)) return { error: d ? `"${d}" is not a real date in YYYY-MM-DD form.` : `Missing the date after "${t}".`, usage };
      if (t === 'from') from = d;
      else to = d;
      i++;
    } else if (t === 'csv' || t === 'xml' || t === 'xlsx' || t === 'pain001' || t === 'sepa') {
      if (format) return { error: 'Give the format once: csv or xml.', usage };
      format = t === 'pain001' || t === 'sepa' ? 'xml' : t;
    } else return { error: `Unexpected "${args[i]}": expected from …, to …, csv or xml.`, usage };
  }
  if (from && to && to < from) return { error: `The end date ${to} is before the start date ${from}.`, usage };
  return { cmd: 'export.payments', from, to, format: format ?? 'both' };
}

function parseAccount(args: string[]): PaymentsParse {
  const usage = PAYMENTS_USAGE.account;
  if (args.length === 0) return { cmd: 'payments.account', account: null };
  // NAME may be several words (quoted or not); the IBAN is the first word after it that looks like one.
  const ibanAt = args.findIndex((a, i) => i > 0 && /^[A-Za-z]{2}\d{2}[A-Za-z0-9]{8,30}$/.test(a));
  if (ibanAt < 0) return { error: 'Give the account holder name, then the IBAN (one word, e.g. EE382200221020145685), then optionally the BIC.', usage };
  const name = unquote(args.slice(0, ibanAt).join(' ')).trim();
  const rest = args.slice(ibanAt + 1);
  if (rest.length > 1) return { error: `Unexpected "${rest.slice(1).join(' ')}" at the end.`, usage };
  if (!name) return { error: 'Missing the account holder name.', usage };
  return { cmd: 'payments.account', account: { name, iban: args[ibanAt]!, bic: rest[0] ?? null } };
}
