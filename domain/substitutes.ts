/**
 * Substitutions: "B substitutes for A from … to …". Periods are instants in
 * ms, half-open [startsAt, endsAt): a substitution ending at T is no longer
 * active at T, so back-to-back periods never overlap.
 */
import { DAY_MS, parseIsoDate, startOfDay } from './dates';

export interface Substitution {
  id: string;
  substituteId: string;
  forUserId: string;
  startsAt: number;
  endsAt: number;
}

export function isActive(sub: Substitution, now: number): boolean {
  return sub.startsAt <= now && now < sub.endsAt;
}

/** Substitutions in force at `now` (self-substitutions ignored: they grant nothing). */
export function activeSubstitutions(subs: Substitution[], now: number): Substitution[] {
  return subs.filter((s) => isActive(s, now) && s.substituteId !== s.forUserId);
}

/** Users `actorId` currently substitutes for, sorted and without repeats. */
export function principalsFor(actorId: string, subs: Substitution[], now: number): string[] {
  const ids = activeSubstitutions(subs, now)
    .filter((s) => s.substituteId === actorId)
    .map((s) => s.forUserId);
  return [...new Set(ids)].sort();
}

/** Users currently substituting for `userId`, sorted and without repeats. */
export function substitutesOf(userId: string, subs: Substitution[], now: number): string[] {
  const ids = activeSubstitutions(subs, now)
    .filter((s) => s.forUserId === userId)
    .map((s) => s.substituteId);
  return [...new Set(ids)].sort();
}

/**
 * The next instant strictly after `now` at which some substitution starts or
 * ends, so a workflow can sleep on one timer and re-offer pending steps then.
 * Empty periods (startsAt ≥ endsAt) never change anything and are skipped.
 */
export function nextSubstitutionChange(subs: Substitution[], now: number): number | null {
  let next: number | null = null;
  for (const s of subs) {
    if (s.startsAt >= s.endsAt || s.substituteId === s.forUserId) continue;
    for (const t of [s.startsAt, s.endsAt]) {
      if (t > now && (next === null || t < next)) next = t;
    }
  }
  return next;
}

/**
 * 'YYYY-MM-DD' to 'YYYY-MM-DD', both days included, in the user's zone
 * (`timeZoneOffsetMinutes` EAST of UTC, e.g. +120 for Tallinn in winter,
 * i.e. Slack's tz_offset / 60; the opposite sign of JS getTimezoneOffset()).
 * Throws RangeError with a human message on an impossible date or from > to;
 * use tryPeriodFromDates to get the message instead.
 */
export function periodFromDates(from: string, to: string, timeZoneOffsetMinutes: number): { startsAt: number; endsAt: number } {
  const r = tryPeriodFromDates(from, to, timeZoneOffsetMinutes);
  if ('error' in r) throw new RangeError(r.error);
  return r;
}

export function tryPeriodFromDates(
  from: string,
  to: string,
  timeZoneOffsetMinutes: number,
): { startsAt: number; endsAt: number } | { error: string } {
  const f = parseIsoDate(from);
  if (!f) return { error: `"${from}" is not a real date in YYYY-MM-DD form.` };
  const t = parseIsoDate(to);
  if (!t) return { error: `"${to}" is not a real date in YYYY-MM-DD form.` };
  if (!Number.isInteger(timeZoneOffsetMinutes) || Math.abs(timeZoneOffsetMinutes) > 14 * 60) {
    return { error: `Time zone offset ${timeZoneOffsetMinutes} minutes is not a valid offset.` };
  }
  const startsAt = startOfDay(f, timeZoneOffsetMinutes);
  const lastDayStart = startOfDay(t, timeZoneOffsetMinutes);
  if (lastDayStart < startsAt) return { error: `The period ends (${to}) before it starts (${from}).` };
  return { startsAt, endsAt: lastDayStart + DAY_MS };
}
