// Tokens and the small parsers every command family shares (users, dates, options).
import { parseIsoDate } from '../../../domain/dates';
import type { CommandError } from './types';

// ---------------------------------------------------------------- tokens

export interface Token {
  text: string;
  quoted: boolean;
}

/** Slack escapes &, < and > in the typed text; mentions stay as <@…>. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export const QUOTES = new Set(['"', '\u201c', '\u201d']); // phones and Macs turn " into “ ”

/** Splits on whitespace (not no-break spaces); double quotes (straight or curly) group words and may start mid-token (supplier="A B"). */
export function tokenize(text: string): Token[] | { error: string } {
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
export function indexOutsideQuotes(text: string, ch: string): number {
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
export function parseUser(token: string | undefined, what: string): string | { error: string } {
  if (token === undefined || token === '') return { error: `Missing ${what}.` };
  const m = MENTION_RE.exec(token);
  if (m?.[1]) return m[1];
  if (token.startsWith('@')) {
    return { error: `"${token}" is not a Slack mention: pick the ${what} from Slack's @ suggestions so it becomes a link.` };
  }
  return { error: `"${token}" is not a user: mention the ${what} with @.` };
}

export function fail(error: string, usage: string): CommandError {
  return { error, usage };
}

export function isErr<T>(v: T | { error: string }): v is { error: string } {
  return typeof v === 'object' && v !== null && 'error' in v;
}

/** key=value options; refuses unknown keys and repeated keys. */
export function parseOptions(tokens: Token[], allowed: readonly string[]): Map<string, Token> | { error: string } {
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

export function parseDate(token: string | undefined, what: string): string | { error: string } {
  if (token === undefined) return { error: `Missing the ${what} date (YYYY-MM-DD).` };
  if (!parseIsoDate(token)) return { error: `"${token}" is not a real date in YYYY-MM-DD form.` };
  return token;
}

/** `from D to D` at tokens[i..i+3]; from ≤ to. */
export function parseDateRange(tokens: Token[], i: number): { from: string; to: string } | { error: string } {
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

export function extra(tokens: Token[], from: number): string | null {
  const rest = tokens.slice(from).map((t) => t.text);
  return rest.length > 0 ? `Unexpected "${rest.join(' ')}" at the end.` : null;
}
