// Decision idempotency keys: a Slack retry of one click repeats the key; the same person's
// clicks on two documents (or two steps) in the same millisecond do not.
import { describe, expect, it } from 'vitest';
import { actionKey } from '../../bot/values';

describe('actionKey', () => {
  const click = { action_ts: '1796170000.123456', action_id: 'doc_approve' };
  it('is the same for a retried delivery of one click', () => {
    expect(actionKey(click, 'U1', { d: 'doc_a', r: 1, s: 2 })).toBe(actionKey({ ...click }, 'U1', { d: 'doc_a', r: 1, s: 2 }));
  });
  it('differs for the same moment on another document, round or step', () => {
    const keys = [
      actionKey(click, 'U1', { d: 'doc_a', r: 1, s: 2 }),
      actionKey(click, 'U1', { d: 'doc_b', r: 1, s: 2 }),
      actionKey(click, 'U1', { d: 'doc_a', r: 2, s: 2 }),
      actionKey(click, 'U1', { d: 'doc_a', r: 1, s: 3 }),
      actionKey(click, 'U2', { d: 'doc_a', r: 1, s: 2 }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});
