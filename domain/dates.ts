/**
 * Calendar dates typed by people ('YYYY-MM-DD'). Pure arithmetic on
 * Date.UTC, which reads no clock and no time zone, so it is safe in
 * deterministic workflow code.
 */
export interface CalendarDate {
  year: number;
  month: number; // 1–12
  day: number;
}

const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** 'YYYY-MM-DD' that names a real day (no 2025-02-30), else null. */
export function parseIsoDate(text: string): CalendarDate | null {
  const m = ISO_DATE_RE.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function isIsoDate(text: string): boolean {
  return parseIsoDate(text) !== null;
}

/** Midnight at the start of the date, in a zone `offsetMinutes` east of UTC, as epoch ms. */
export function startOfDay(d: CalendarDate, offsetMinutes: number): number {
  return Date.UTC(d.year, d.month - 1, d.day) - offsetMinutes * 60_000;
}

export const DAY_MS = 86_400_000;

/** A time zone: an IANA name ("Europe/Tallinn"), whose offset changes with DST, or a fixed offset in minutes east of UTC. */
export type Zone = string | number;

/** Minutes east of UTC in `timeZone` at the instant `at` (Intl's zone data: no clock is read). */
export function zoneOffsetAt(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((local - Math.floor(at / 1000) * 1000) / 60_000);
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Local midnight at the start of the date in `zone`, as epoch ms. An IANA zone is asked for its
 * offset on that very date (summer and winter differ), not the offset of the day it was typed.
 */
export function startOfDayIn(d: CalendarDate, zone: Zone): number {
  if (typeof zone === 'number') return startOfDay(d, zone);
  const utcMidnight = Date.UTC(d.year, d.month - 1, d.day);
  const guess = utcMidnight - zoneOffsetAt(zone, utcMidnight) * 60_000;
  return utcMidnight - zoneOffsetAt(zone, guess) * 60_000;
}
