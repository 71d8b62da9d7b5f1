/**
 * Refusals that several permission modules give, in one wording each, so a person hears the
 * same sentence whichever action they tried (docs/product.md "Visibility and permissions").
 */
import { t } from '../i18n/translate';
import type { Language } from '../i18n/languages';

export type Permission = { ok: true } | { ok: false; reason: string };

export const ALLOWED: Permission = { ok: true };

/** A refusal sentence in a person's language (English constants above stay for callers). */
export function refusalIn(language: Language, key: RefusalKey): string {
  return t(language, key);
}

export type RefusalKey = 'refusals.auditorReadOnly' | 'refusals.unknownUser' | 'refusals.oneDecisionPerRound' | 'refusals.coordinatorNeverFinal';

export function refused(reason: string): Permission {
  return { ok: false, reason };
}

/** Auditors stay independent of what they audit: read-only whatever other roles they hold. */
export const AUDITOR_READ_ONLY = t('en', 'refusals.auditorReadOnly');

export const UNKNOWN_USER = t('en', 'refusals.unknownUser');

/** One person, one decision per document round (./decide.ts rule 6). */
export const ONE_DECISION_PER_ROUND = t('en', 'refusals.oneDecisionPerRound');

/** A coordinator never finalises (./decide.ts rule 7). */
export const COORDINATOR_NEVER_FINAL = t('en', 'refusals.coordinatorNeverFinal');
