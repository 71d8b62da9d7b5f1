import { describe, expect, it } from 'vitest';
import {
  activeSubstitutions,
  nextSubstitutionChange,
  periodFromDates,
  principalsFor,
  substitutesOf,
  tryPeriodFromDates,
  type Substitution,
} from '../../domain/substitutes';

const sub = (id: string, substituteId: string, forUserId: string, startsAt: number, endsAt: number): Substitution => ({
  id,
  substituteId,
  forUserId,
  startsAt,
  endsAt,
});

describe('activeSubstitutions', () => {
  const s = sub('1', 'b', 'a', 100, 200);
  it('is active from startsAt inclusive to endsAt exclusive', () => {
    expect(activeSubstitutions([s], 99)).toEqual([]);
    expect(activeSubstitutions([s], 100)).toEqual([s]);
    expect(activeSubstitutions([s], 199)).toEqual([s]);
    expect(activeSubstitutions([s], 200)).toEqual([]);
  });
  it('ignores self-substitution and empty periods', () => {
    expect(activeSubstitutions([sub('2', 'a', 'a', 0, 1000), sub('3', 'b', 'a', 500, 500)], 500)).toEqual([]);
  });
});

describe('principalsFor / substitutesOf', () => {
  const subs = [sub('1', 'b', 'a', 0, 100), sub('2', 'b', 'c', 50, 150), sub('3', 'b', 'a', 0, 100), sub('4', 'd', 'a', 0, 100)];
  it('lists the active principals, sorted and unique', () => {
    expect(principalsFor('b', subs, 60)).toEqual(['a', 'c']);
    expect(principalsFor('b', subs, 120)).toEqual(['c']);
    expect(principalsFor('b', subs, 150)).toEqual([]);
    expect(principalsFor('a', subs, 60)).toEqual([]);
  });
  it('lists the active substitutes of a user', () => {
    expect(substitutesOf('a', subs, 60)).toEqual(['b', 'd']);
    expect(substitutesOf('a', subs, 100)).toEqual([]);
  });
});

describe('nextSubstitutionChange', () => {
  const subs = [sub('1', 'b', 'a', 100, 200), sub('2', 'c', 'a', 150, 300)];
  it('returns the next start or end strictly after now', () => {
    expect(nextSubstitutionChange(subs, 0)).toBe(100);
    expect(nextSubstitutionChange(subs, 100)).toBe(150);
    expect(nextSubstitutionChange(subs, 160)).toBe(200);
    expect(nextSubstitutionChange(subs, 200)).toBe(300);
  });
  it('returns null when nothing will change', () => {
    expect(nextSubstitutionChange(subs, 300)).toBeNull();
    expect(nextSubstitutionChange([], 0)).toBeNull();
  });
  it('skips empty periods and self-substitutions', () => {
    expect(nextSubstitutionChange([sub('1', 'b', 'a', 50, 50), sub('2', 'a', 'a', 60, 70), sub('3', 'b', 'a', 80, 90)], 0)).toBe(80);
  });
});

describe('periodFromDates', () => {
  it('covers whole days in UTC', () => {
    expect(periodFromDates('2025-03-01', '2025-03-01', 0)).toEqual({
      startsAt: Date.UTC(2025, 2, 1),
      endsAt: Date.UTC(2025, 2, 2),
    });
  });
  it('uses the offset east of UTC (Tallinn +02:00 starts at 22:00 UTC the day before)', () => {
    const p = periodFromDates('2025-01-10', '2025-01-12', 120);
    expect(p.startsAt).toBe(Date.UTC(2025, 0, 9, 22));
    expect(p.endsAt).toBe(Date.UTC(2025, 0, 12, 22));
  });
  it('handles negative offsets and leap days', () => {
    const p = periodFromDates('2024-02-28', '2024-02-29', -300);
    expect(p.startsAt).toBe(Date.UTC(2024, 1, 28, 5));
    expect(p.endsAt).toBe(Date.UTC(2024, 2, 1, 5));
  });
  it('refuses impossible dates', () => {
    expect(() => periodFromDates('2025-02-29', '2025-03-01', 0)).toThrow(/"2025-02-29" is not a real date/);
    expect(() => periodFromDates('2025-01-01', '2025-13-01', 0)).toThrow(/"2025-13-01"/);
    expect(() => periodFromDates('1/2/2025', '2025-01-03', 0)).toThrow(RangeError);
  });
  it('refuses to < from', () => {
    expect(() => periodFromDates('2025-03-02', '2025-03-01', 0)).toThrow(/ends \(2025-03-01\) before it starts/);
  });
  it('tryPeriodFromDates returns the message instead of throwing', () => {
    expect(tryPeriodFromDates('2025-04-31', '2025-05-01', 0)).toEqual({ error: '"2025-04-31" is not a real date in YYYY-MM-DD form.' });
    expect(tryPeriodFromDates('2025-04-01', '2025-05-01', 24 * 60)).toHaveProperty('error');
  });
});

// Issue 13 #12: a period typed in winter for days in summer (or across the change) starts and
// ends at local midnight in the person's IANA zone on those dates, not at a UTC offset captured
// once.
describe('periodFromDates in an IANA time zone (DST)', () => {
  it('uses the summer offset for summer days and the winter offset for winter days', () => {
    // Tallinn: UTC+2 in winter, UTC+3 from the last Sunday of March (2026-03-29).
    const p = periodFromDates('2026-03-28', '2026-03-30', 'Europe/Tallinn');
    expect(new Date(p.startsAt).toISOString()).toBe('2026-03-27T22:00:00.000Z');
    expect(new Date(p.endsAt).toISOString()).toBe('2026-03-30T21:00:00.000Z');
    const summer = periodFromDates('2026-07-01', '2026-07-01', 'Europe/Tallinn');
    expect(summer.endsAt - summer.startsAt).toBe(24 * 3_600_000);
    expect(new Date(summer.startsAt).toISOString()).toBe('2026-06-30T21:00:00.000Z');
  });

  it('gives the short and the long day their true length', () => {
    const spring = periodFromDates('2026-03-08', '2026-03-08', 'America/New_York');
    expect(spring.endsAt - spring.startsAt).toBe(23 * 3_600_000);
    const autumn = periodFromDates('2026-11-01', '2026-11-01', 'America/New_York');
    expect(autumn.endsAt - autumn.startsAt).toBe(25 * 3_600_000);
  });

  it('refuses an unknown zone', () => {
    expect(tryPeriodFromDates('2026-01-01', '2026-01-02', 'Mars/Olympus')).toEqual({ error: '"Mars/Olympus" is not a known time zone.' });
  });
});
