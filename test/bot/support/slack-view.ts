// Reading the fake Slack like a person would: the messages in someone's DM, their buttons,
// their text; and waiting for a message to appear or change, never sleeping.
import type { FakeMessage, FakeSlack, Json } from '../../../slack-fake';

export const TIMEOUT = 25_000;

export function buttons(m: { blocks?: Json[] } | undefined): string[] {
  return (m?.blocks ?? []).flatMap((b) => (Array.isArray(b.elements) ? (b.elements as Json[]) : [])).filter((e) => e.type === 'button').map((e) => String(e.action_id));
}

/** Text and blocks of a message, flattened for `toContain`. */
export function textOf(m: { text?: string; blocks?: Json[] } | undefined): string {
  return `${m?.text ?? ''}\n${JSON.stringify(m?.blocks ?? [])}`;
}

export function waitMessage(fake: FakeSlack, slackId: string, pred: (m: FakeMessage) => boolean, what = 'a message'): Promise<FakeMessage> {
  return fake.waitUntil(() => [...fake.messages(slackId)].reverse().find(pred), {
    timeoutMs: TIMEOUT,
    describe: () => `timed out waiting for ${what} in the DM of ${slackId}; messages: ${fake.messages(slackId).map((m) => `[${m.text} | ${buttons(m).join(',')}]`).join(' ')}`,
  });
}

/** Waits until the message with this ts satisfies pred (e.g. its buttons are gone). */
export function waitMessageState(fake: FakeSlack, slackId: string, ts: string, pred: (m: FakeMessage) => boolean, what = 'the message to change'): Promise<FakeMessage> {
  const channel = fake.dmChannel(slackId);
  return fake.waitUntil(
    () => {
      const m = fake.message(channel, ts);
      return m && pred(m) ? m : undefined;
    },
    { timeoutMs: TIMEOUT, describe: () => `timed out waiting for ${what} (${slackId} ${ts}): ${textOf(fake.message(channel, ts)).slice(0, 600)}` },
  );
}

export function waitEphemeral(fake: FakeSlack, slackId: string, pred: (text: string) => boolean, since = 0) {
  return fake.waitUntil(() => fake.ephemerals(slackId).slice(since).find((e) => pred(e.text)), {
    timeoutMs: TIMEOUT,
    describe: () => `timed out waiting for an ephemeral to ${slackId}; got: ${fake.ephemerals(slackId).map((e) => e.text).join(' | ')}`,
  });
}
