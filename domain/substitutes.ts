/**
 * Substitutions: "B substitutes for A from … to …". Periods are instants in
 * ms, half-open [startsAt, endsAt): a substitution ending at T is no longer
 * active at T, so back-to-back periods never overlap.
 */
import { daysInMonth, isTimeZone, parseIsoDate, startOfDayIn, type CalendarDate, type Zone } from './dates';

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
 * 'YYYY-MM-DD' to 'YYYY-MM-DD', both days included, in the user's zone: an IANA name
 * ("Europe/Tallinn": the offset of each end date is used, so a period across a DST change
 * still starts and ends at local midnight), or a fixed offset in minutes EAST of UTC
 * (e.g. +120, i.e. Slack's tz_offset / 60; the opposite sign of JS getTimezoneOffset()).
 * Throws RangeError with a human message on an impossible date or from > to;
 * use tryPeriodFromDates to get the message instead.
 */
export function periodFromDates(from: string, to: string, zone: Zone): { startsAt: number; endsAt: number } {
  const r = tryPeriodFromDates(from, to, zone);
  if ('error' in r) throw new RangeError(r.error);
  return r;
}

function nextDay(d: CalendarDate): CalendarDate {
  if (d.day < daysInMonth(d.year, d.month)) return { ...d, day: d.day + 1 };
  return d.month < 12 ? { year: d.year, month: d.month + 1, day: 1 } : { year: d.year + 1, month: 1, day: 1 };
}

export function tryPeriodFromDates(
  from: string,
  to: string,
  zone: Zone,
): { startsAt: number; endsAt: number } | { error: string } {
  const f = parseIsoDate(from);
  if (!f) return { error: `"${from}" is not a real date in YYYY-MM-DD form.` };
  const t = parseIsoDate(to);
  if (!t) return { error: `"${to}" is not a real date in YYYY-MM-DD form.` };
  if (typeof zone === 'number' && (!Number.isInteger(zone) || Math.abs(zone) > 14 * 60)) {
    return { error: `Time zone offset ${zone} minutes is not a valid offset.` };
  }
  if (typeof zone === 'string' && !isTimeZone(zone)) return { error: `"${zone}" is not a known time zone.` };
  const startsAt = startOfDayIn(f, zone);
  if (startOfDayIn(t, zone) < startsAt) return { error: `The period ends (${to}) before it starts (${from}).` };
  // The end is the next day's local midnight, not +24 h: the last day may be 23 or 25 hours long.
  return { startsAt, endsAt: startOfDayIn(nextDay(t), zone) };
}
