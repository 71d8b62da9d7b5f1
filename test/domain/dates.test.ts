import { describe, expect, it } from 'vitest';
import { daysInMonth, isIsoDate, parseIsoDate, startOfDay } from '../../domain/dates';

describe('dates', () => {
  it('parses real dates only', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('1900-02-29')).toBeNull();
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2025-4-1')).toBe(false);
    expect(isIsoDate('2025-04-31')).toBe(false);
    expect(isIsoDate('2025-00-10')).toBe(false);
  });
  it('knows month lengths', () => {
    expect([1, 2, 4, 12].map((m) => daysInMonth(2025, m))).toEqual([31, 28, 30, 31]);
  });
  it('startOfDay subtracts an east-of-UTC offset', () => {
    expect(startOfDay({ year: 2025, month: 1, day: 1 }, 60)).toBe(Date.UTC(2024, 11, 31, 23));
  });
});
