import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../domain/durations';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('parseDuration', () => {
  it.each([
    ['30s', 30 * S],
    ['15m', 15 * M],
    ['4h', 4 * H],
    ['3d', 3 * D],
    ['2w', 14 * D],
    ['1d12h', D + 12 * H],
    ['1d 12h', D + 12 * H],
    ['1H30M', H + 30 * M],
    ['0s', 0],
  ])('%s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
  it.each(['', '30', 'h', '1x', '12h1d', '1h1h', '-5m', '1.5h', '5 minutes'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [30 * S, '30s'],
    [24 * H, '1d'],
    [D + 12 * H, '1d12h'],
    [72 * H, '3d'],
    [H + 30 * M + 5 * S, '1h30m5s'],
    [250, '250ms'],
    [-15 * M, '-15m'],
  ])('%d → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
  it('round-trips through parseDuration', () => {
    for (const ms of [S, 59 * M, 25 * H, 8 * D + 3 * S]) expect(parseDuration(formatDuration(ms))).toBe(ms);
  });
});
