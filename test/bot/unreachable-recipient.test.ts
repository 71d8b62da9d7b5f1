// A recipient Slack cannot reach (a deactivated member: conversations.open answers
// user_disabled) never stops a document: the other assignee is asked and decides, the next
// stage follows, later clicks are answered, and the administrators read "could not notify X
// about DOC-n". A transient Slack error (internal_error) is retried and then delivered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickButton } from '../../slack-fake';
import { setChain } from '../../scripts/lib/seed';
import { SLACK } from '../../scripts/lib/slack-people';
import { startBotHarness, type BotHarness } from './support/bot-harness';
import { buttons, textOf, waitMessage, waitMessageState } from './support/slack-view';

let h: BotHarness;

beforeAll(async () => {
  h = await startBotHarness({ extraction: false });
  const id = h.seed.id;
  await setChain(
    h.engine.db,
    h.seed.workspaceId,
    'two stages',
    [
      { type: 'approve', mode: 'any', assignees: [id.appr1, id.appr2] },
      { type: 'approve', mode: 'any', assignees: [id.cfo] },
    ],
    {},
    true,
  );
});
afterAll(async () => h?.close());

async function submitted(total: string) {
  const { documentId, reference } = await h.engine.engine.submit({ workspaceId: h.seed.workspaceId, submitterId: h.seed.id.emp, kind: 'expense', fields: { totalAmount: total, currency: 'EUR', supplierName: 'Taxi OÜ' } });
  await h.waitForEvent((e) => e.documentId === documentId && e.kind === 'confirm_request');
  expect(await h.engine.engine.confirm(documentId, { actorId: h.seed.id.emp, key: `confirm-${documentId}` })).toMatchObject({ ok: true });
  return { documentId, reference };
}

const ask = (slackId: string, reference: string) => waitMessage(h.fake, slackId, (m) => m.text.startsWith(`${reference}:`) && buttons(m).includes('step_approve'), `the approval request for ${reference}`);

describe('a recipient Slack cannot reach', () => {
  it('does not block the document or later clicks; administrators are told', async () => {
    h.fake.deactivateUser(SLACK.appr1);
    const doc = await submitted('31.00');
    const first = await ask(SLACK.appr2, doc.reference);
    await clickButton(h.fake, h.slack, { userId: SLACK.appr2, actionId: 'step_approve' });
    await waitMessageState(h.fake, SLACK.appr2, first.ts, (m) => buttons(m).length === 0 && textOf(m).includes('Approved by'));
    // A later click, on the next stage, is answered too.
    const second = await ask(SLACK.cfo, doc.reference);
    await clickButton(h.fake, h.slack, { userId: SLACK.cfo, actionId: 'step_approve' });
    await waitMessageState(h.fake, SLACK.cfo, second.ts, (m) => buttons(m).length === 0);
    expect(await h.engine.engine.result(doc.documentId)).toBe('approved');
    await waitMessage(h.fake, SLACK.emp, (m) => m.text.includes(`${doc.reference} is now approved`), 'the approval notice');

    const alert = await waitMessage(h.fake, SLACK.admin, (m) => textOf(m).includes('Could not notify'), 'the administrators’ alert');
    expect(textOf(alert)).toContain(`<@${SLACK.appr1}>`);
    expect(textOf(alert)).toContain(doc.reference);
    expect(textOf(alert)).toContain('user_disabled');
    // Given up at once (Slack's answer is permanent), and one alert however many rows failed.
    const rows = await h.engine.db.notification.findMany({ where: { documentId: doc.documentId, recipientId: h.seed.id.appr1 } });
    expect(rows.find((r) => r.kind === 'step_assigned')).toMatchObject({ attempts: 1, deliveredAt: null, lastError: 'user_disabled' });
    // (Updating messages they never got is nothing to do: those rows are delivered.)
    for (const r of rows) expect(r.attempts, r.kind).toBe(1);
    expect(h.fake.messages(SLACK.admin).filter((m) => textOf(m).includes('Could not notify') && textOf(m).includes(doc.reference))).toHaveLength(1);
  });

  it('retries a transient Slack error and then delivers', async () => {
    h.fake.deactivateUser(SLACK.appr1);
    const doc = await submitted('32.00');
    // The next chat.postMessage, whoever it is for, fails like a Slack hiccup.
    h.fake.failNext('chat.postMessage', 'internal_error');
    await ask(SLACK.appr2, doc.reference);
    await waitMessage(h.fake, SLACK.emp, (m) => m.text.includes(`${doc.reference} moved to approval`), 'the progress note');
    // appr1 is deactivated: only their rows may fail.
    const rows = await h.engine.db.notification.findMany({ where: { documentId: doc.documentId, recipientId: { not: h.seed.id.appr1 } } });
    expect(rows.filter((r) => r.failedAt !== null)).toEqual([]);
    expect(rows.some((r) => r.attempts > 1)).toBe(true);
  });
});
