// What a failed Slack call means for the outbox: try again later (Slack or the network is
// having a moment, or we are rate-limited) or give up (the person cannot be reached: Slack
// answers the same however often we ask).
import type { DeliveryFailure } from '../activities/deps';

/** Slack errors that no retry can cure: the recipient is gone, the channel is, or the message is refused. */
const PERMANENT = new Set([
  'user_disabled',
  'account_inactive',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'user_not_found',
  'users_not_found',
  'user_not_visible',
  'cannot_dm_bot',
  'restricted_action',
  'msg_too_long',
  'no_text',
  'invalid_blocks',
  'invalid_blocks_format',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'missing_scope',
]);

export function classifySlackFailure(err: unknown): DeliveryFailure {
  const e = err as { code?: string; data?: { error?: string }; retryAfter?: number; message?: string };
  // @slack/web-api: ok:false answers are platform errors with Slack's code in data.error.
  if (e?.code === 'slack_webapi_platform_error' && e.data?.error) {
    const code = e.data.error;
    return { permanent: PERMANENT.has(code), reason: code };
  }
  if (e?.code === 'slack_webapi_rate_limited_error') return { permanent: false, reason: 'ratelimited', retryAfterMs: (e.retryAfter ?? 1) * 1000 };
  return { permanent: false, reason: e?.message ?? String(err) };
}
