import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, mergeSettings, validateSettings } from '../../domain/settings';

describe('settings', () => {
  it('defaults: remind after 24h, escalate after 72h to the administrators', () => {
    expect(DEFAULT_SETTINGS).toEqual({ reminderAfterMs: 86_400_000, escalateAfterMs: 259_200_000, escalationUserId: null });
    expect(validateSettings(DEFAULT_SETTINGS)).toEqual([]);
  });
  it('defaults cannot be mutated by accident', () => {
    expect(Object.isFrozen(DEFAULT_SETTINGS)).toBe(true);
  });
  it('refuses escalation not after the reminder', () => {
    expect(validateSettings({ reminderAfterMs: 60_000, escalateAfterMs: 60_000, escalationUserId: null })).toEqual([
      'The escalation delay (1m) must be longer than the reminder delay (1m).',
    ]);
  });
  it('refuses zero delays and an empty escalation user', () => {
    expect(validateSettings({ reminderAfterMs: 0, escalateAfterMs: 10, escalationUserId: ' ' })).toEqual([
      'The reminder delay must be longer than zero.',
      'The escalation user is empty.',
    ]);
  });
  it('mergeSettings applies a partial change and validates it', () => {
    const r = mergeSettings(DEFAULT_SETTINGS, { reminderAfterMs: 30_000, escalationUserId: 'U9' });
    expect(r).toEqual({ settings: { reminderAfterMs: 30_000, escalateAfterMs: 259_200_000, escalationUserId: 'U9' }, errors: [] });
    expect(mergeSettings(DEFAULT_SETTINGS, { reminderAfterMs: 100 * 3_600_000 }).errors).toHaveLength(1);
  });
});
