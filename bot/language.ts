import type { WebClient } from '@slack/web-api';
import { DEFAULT_LANGUAGE, languageFromLocale, type Language } from '../domain/i18n';

/**
 * The language a Slack member reads, from their Slack locale (users.info with include_locale).
 * Slack unreachable or the member unknown → the default language: a message in English is
 * better than no message. (Storing it on the person and the `/countersign language` override
 * are still to come.)
 */
export async function languageOf(client: WebClient, slackId: string): Promise<Language> {
  const info = await client.users.info({ user: slackId, include_locale: true }).catch(() => null);
  const locale = (info?.user as { locale?: string } | undefined)?.locale;
  return locale ? languageFromLocale(locale) : DEFAULT_LANGUAGE;
}
