/**
 * Refusals that several permission modules give, in one wording each, so a person hears the
 * same sentence whichever action they tried (docs/product.md "Visibility and permissions").
 */
export type Permission = { ok: true } | { ok: false; reason: string };

export const ALLOWED: Permission = { ok: true };

export function refused(reason: string): Permission {
  return { ok: false, reason };
}

/** Auditors stay independent of what they audit: read-only whatever other roles they hold. */
export const AUDITOR_READ_ONLY = 'Auditors have read-only access: they cannot change anything.';

export const UNKNOWN_USER = 'Unknown user: open the app once so Countersign knows you.';

/** One person, one decision per document round (./decide.ts rule 6). */
export const ONE_DECISION_PER_ROUND = 'You have already decided on this document in this round (yourself or through a substitute): one person, one decision per round.';

/** A coordinator never finalises (./decide.ts rule 7). */
export const COORDINATOR_NEVER_FINAL = 'A coordinator never gives the final approval, not even on behalf of someone else.';
