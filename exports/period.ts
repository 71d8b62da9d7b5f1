// "From … to …" as people mean it: whole calendar days, both ends included, in the workspace's
// time zone (UTC unless configured), turned into the instants [start, end) the queries use.
import { isIsoDate } from '../domain';

export interface Period {
  from: string;
  to: string;
  /** First instant of `from` in the time zone. */
  start: Date;
  /** First instant of the day after `to` (exclusive). */
  end: Date;
  timeZone: string;
}

/** Offset of `timeZone` from UTC at `instant`, in ms (e.g. +7,200,000 for Europe/Tallinn in summer). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const p = Object.fromEntries(f.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The first instant of the calendar day `date` (YYYY-MM-DD) in `timeZone`. */
export function startOfZonedDay(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  // Two passes settle the offset across a DST change.
  let t = wall - zoneOffsetMs(wall, timeZone);
  t = wall - zoneOffsetMs(t, timeZone);
  return new Date(t);
}

function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export type PeriodResult = { ok: true; period: Period } | { ok: false; reason: string };

export function parsePeriod(from: string, to: string, timeZone = 'UTC'): PeriodResult {
  if (!isIsoDate(from)) return { ok: false, reason: `"${from}" is not a date: use YYYY-MM-DD.` };
  if (!isIsoDate(to)) return { ok: false, reason: `"${to}" is not a date: use YYYY-MM-DD.` };
  if (from > to) return { ok: false, reason: `The period ends (${to}) before it starts (${from}).` };
  const tz = isTimeZone(timeZone) ? timeZone : 'UTC';
  return { ok: true, period: { from, to, start: startOfZonedDay(from, tz), end: startOfZonedDay(nextDay(to), tz), timeZone: tz } };
}
