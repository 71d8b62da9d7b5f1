/**
 * The languages people read Countersign in. English is the fallback: a Slack
 * locale we have no catalogue for ('de-DE', 'ja-JP') reads English.
 */
export const LANGUAGES = ['en', 'fr', 'et'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Slack's `users.info` locale ('fr-FR', 'et-EE', 'en-US') → our language. */
export function languageFromLocale(locale: string | null | undefined): Language {
  const base = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return isLanguage(base) ? base : DEFAULT_LANGUAGE;
}
