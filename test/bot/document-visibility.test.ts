// Issue 13 #12: a button names its document in its value, and a forwarded or forged click can
// name any document. Edit, Code, Reject and Mark paid open nothing for a person who may not see
// the document (domain/permissions), nor for a document of another workspace.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../slack-fake';
import { startBotHarness, type BotHarness } from './support/bot-harness';
import { SLACK } from '../../scripts/lib/slack-people';
import { waitEphemeral } from './support/slack-view';

let h: BotHarness;
const ids = { secret: 'doc_vis_secret', elsewhere: 'doc_vis_elsewhere' };

function forgedClick(user: string, actionId: string, value: Json) {
  return h.slack.sendBlockAction({ user, actionId, value: JSON.stringify(value), channel: h.fake.dmChannel(user), messageTs: '1700000000.000100' });
}

async function refusedWithoutModal(user: string, actionId: string, documentId: string, reason: string) {
  const before = h.fake.ephemerals(user).length;
  await forgedClick(user, actionId, { d: documentId });
  const told = await waitEphemeral(h.fake, user, (t) => t.startsWith('🚫'), before);
  expect(told.text).toBe(`🚫 ${reason}`);
  expect(h.fake.topView(user)).toBeUndefined();
  expect(h.fake.calls.filter((c) => c.method === 'views.open' && JSON.stringify(c.args).includes('Secret Spa'))).toHaveLength(0);
}

beforeAll(async () => {
  h = await startBotHarness({ extraction: false });
  const db = h.engine.db;
  await db.document.create({ data: { id: ids.secret, workspaceId: h.seed.workspaceId, kind: 'expense', status: 'in_review', submitterId: h.seed.id.emp, createdById: h.seed.id.emp, supplierName: 'Secret Spa', totalAmount: '80.00', currency: 'EUR' } });
  await db.workspace.create({ data: { id: 'W_OTHER', name: 'Another company' } });
  await db.document.create({ data: { id: ids.elsewhere, workspaceId: 'W_OTHER', kind: 'invoice', status: 'approved', submitterId: 'someone', createdById: 'someone', supplierName: 'Secret Spa', totalAmount: '80.00', currency: 'EUR' } });
});
afterAll(async () => h?.close());

describe('buttons that open a document', () => {
  it('do not open Edit, Code or Reject for someone who may not see the document', async () => {
    for (const action of ['doc_edit', 'coding_open', 'step_reject']) await refusedWithoutModal(SLACK.emp2, action, ids.secret, 'You do not have access to this document.');
  });

  it('do not open Mark paid for another workspace’s document', async () => {
    await refusedWithoutModal(SLACK.payer, 'pay_mark', ids.elsewhere, 'No such document.');
  });
});
