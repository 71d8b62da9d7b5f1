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
