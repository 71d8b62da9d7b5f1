import type { Language } from './languages';

/** One message in every language: the type makes a missing translation a compile error. */
export type Entry = Readonly<Record<Language, string>>;

/**
 * A catalogue part, one per area of the product (home, approvals, commands…).
 * Placeholders are `{name}`; every language of an entry uses the same ones
 * (test/domain/i18n/catalogue.test.ts checks it).
 */
export function defineMessages<const T extends Record<string, Entry>>(messages: T): T {
  return messages;
}
