// Slack-looking identifiers. Deterministic counters (not random) so that two runs of a test
// produce the same ids, except where Slack's ids are opaque secrets (triggers, envelopes).
import { randomBytes, randomUUID } from 'node:crypto';

export class SlackIds {
  private counter = 0;
  private lastMicros = 0;

  /** `<prefix>0FAKE00001`-style id (V for views, F for files, Ev for events...). */
  next(prefix: string): string {
    this.counter += 1;
    return `${prefix}0FAKE${String(this.counter).padStart(5, '0')}`;
  }

  /**
   * A message timestamp "1700000000.000100": the wall clock in microseconds, strictly
   * increasing so that two messages posted in the same millisecond still sort and differ.
   */
  nextTs(): string {
    const now = Date.now() * 1000;
    this.lastMicros = now > this.lastMicros ? now : this.lastMicros + 1;
    return `${Math.floor(this.lastMicros / 1e6)}.${String(this.lastMicros % 1e6).padStart(6, '0')}`;
  }

  /** trigger_id as Slack shapes them: "<number>.<number>.<hex>". */
  trigger(): string {
    this.counter += 1;
    return `${this.counter}.${Date.now()}.${randomBytes(16).toString('hex')}`;
  }

  /** Like the block_id / action_id Slack generates when the app gives none ("Xa9Qz"). */
  short(): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    return [...randomBytes(5)].map((b) => alphabet[b % alphabet.length]).join('');
  }

  secret(): string {
    return randomBytes(12).toString('hex');
  }

  envelope(): string {
    return randomUUID();
  }
}

/** The DM channel between the app and a user: stable per user, even across fake restarts. */
export function dmChannelFor(userId: string): string {
  return `D${userId.replace(/^[UW]/, '')}`;
}
