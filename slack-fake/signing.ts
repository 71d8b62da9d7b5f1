// Slack's request signing: `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the
// app's signing secret. Bolt refuses requests with a bad signature or a timestamp more than
// five minutes old (HTTP 401).
import { createHmac } from 'node:crypto';

export function slackSignature(signingSecret: string, timestamp: number | string, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/** Seconds since the epoch, the unit of x-slack-request-timestamp. */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

export function signedHeaders(signingSecret: string, rawBody: string, timestamp: number = nowSeconds()): Record<string, string> {
  return {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(signingSecret, timestamp, rawBody),
  };
}
