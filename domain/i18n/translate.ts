import { CATALOGUE } from './catalogue';
import type { Entry } from './define';
import type { Language } from './languages';

export type MessageKey = keyof typeof CATALOGUE;
export type MessageVars = Readonly<Record<string, string | number>>;

/**
 * The message `key` in `language` with its `{placeholders}` filled. A
 * placeholder without a value stays visible as `{name}` rather than vanishing,
 * so a missing variable shows up in tests and not as a silently wrong sentence.
 */
export function t(language: Language, key: MessageKey, vars: MessageVars = {}): string {
  const entry: Entry = CATALOGUE[key];
  return entry[language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole,
  );
}

/** The `{placeholders}` a message uses (for the catalogue check). */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();
}
