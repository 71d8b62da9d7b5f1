/**
 * Refusals that several permission modules give, in one wording each, so a person hears the
 * same sentence whichever action they tried (docs/product.md "Visibility and permissions").
 */
import { t } from '../i18n/translate';

export type Permission = { ok: true } | { ok: false; reason: string };

export const ALLOWED: Permission = { ok: true };

// The English sentences below are the catalogue's (domain/i18n/catalogue/refusals.ts); in a
// person's language they are t(language, 'refusals.…').

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
