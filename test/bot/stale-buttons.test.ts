// Issue 13: a click on a message that still shows buttons for a step that is no longer the
// person's (decided by someone else, the update not yet shown to them) is refused, and the
// message is redrawn as it stands, so the stale buttons go instead of inviting more clicks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickButton } from '../../slack-fake';
import { setChain } from '../../scripts/lib/seed';
import { SLACK } from '../../scripts/lib/slack-people';
import { startBotHarness, type BotHarness } from './support/bot-harness';
import { buttons, textOf, waitEphemeral, waitMessage, waitMessageState } from './support/slack-view';

let h: BotHarness;
let appr1 = '';

beforeAll(async () => {
  // appr1 never gets the in-place updates of their request: their message stays stale.
  h = await startBotHarness({ extraction: false, withhold: (e) => e.recipientId === appr1 && (e.kind === 'step_closed' || e.kind === 'step_withdrawn') });
  appr1 = h.seed.id.appr1;
  await setChain(h.engine.db, h.seed.workspaceId, 'any of two', [{ type: 'approve', mode: 'any', assignees: [h.seed.id.appr1, h.seed.id.appr2] }], {}, true);
});
afterAll(async () => h?.close());

describe('a refused click on a stale message', () => {
  it('redraws the message without its buttons', async () => {
    const { documentId, reference } = await h.engine.engine.submit({ workspaceId: h.seed.workspaceId, submitterId: h.seed.id.emp, kind: 'expense', fields: { totalAmount: '12.00', currency: 'EUR', supplierName: 'Kohvik OÜ' } });
    await h.waitForEvent((e) => e.documentId === documentId && e.kind === 'confirm_request');
    expect(await h.engine.engine.confirm(documentId, { actorId: h.seed.id.emp, key: `confirm-${documentId}` })).toMatchObject({ ok: true });
    const ask = await waitMessage(h.fake, SLACK.appr1, (m) => m.text.startsWith(`${reference}:`) && buttons(m).includes('step_approve'), 'the approval request');
    // appr2 decides first; appr1's message is not updated (withheld) and still offers Approve.
    expect(await h.engine.engine.decide(documentId, { actorId: h.seed.id.appr2, action: 'approve', key: `appr2-${documentId}` })).toMatchObject({ ok: true });
    expect(await h.engine.engine.result(documentId)).toBe('approved');
    expect(buttons(h.fake.message(ask.channel, ask.ts))).toContain('step_approve');

    const before = h.fake.ephemerals(SLACK.appr1).length;
    await clickButton(h.fake, h.slack, { userId: SLACK.appr1, actionId: 'step_approve' });
    await waitEphemeral(h.fake, SLACK.appr1, (t) => t.startsWith('🚫'), before);
    const redrawn = await waitMessageState(h.fake, SLACK.appr1, ask.ts, (m) => buttons(m).length === 0, 'the stale request redrawn');
    expect(textOf(redrawn)).toContain('Approved by');
  });
});
