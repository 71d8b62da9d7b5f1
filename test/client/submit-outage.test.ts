// Issue 13 #14: an upload while Temporal is down. The document is stored and the submit says
// so (started: false) instead of failing with "nothing was changed" after a row and a `created`
// event were written; startMissing, which the app runs at start and periodically, then starts
// its workflow once Temporal answers, exactly once.
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../client/engine';
import { seedWorkspace } from '../../scripts/lib/seed';
import { createHarness, type Harness } from '../support/engine-harness';

let h: Harness;
let down: Connection;
beforeAll(async () => {
  h = await createHarness();
  // Nothing listens on port 1: every call is refused, as with a stopped Temporal.
  down = Connection.lazy({ address: '127.0.0.1:1' });
});
afterAll(async () => {
  await h?.close();
});

describe('submitting while Temporal is down', () => {
  it('stores the document, says it is not started yet, and the reconciler starts it once Temporal is back', async () => {
    const s = await seedWorkspace(h.db, 'W-submit-outage');
    const offline = new Engine(h.db, new Client({ connection: down, namespace: 'default' }), h.taskQueue, h.filesDir, { timeoutMs: 1_000 });
    const r = await offline.submit({ workspaceId: s.workspaceId, submitterId: s.id.emp, kind: 'expense', sourceKey: `outage-${Date.now()}`, fields: { totalAmount: '12.00', currency: 'EUR' } });
    expect(r).toMatchObject({ created: true, started: false });
    expect(await h.db.document.count({ where: { id: r.documentId } })).toBe(1);
    expect(await h.engine.state(r.documentId)).toBeNull();

    expect(await h.engine.startMissing(0)).toBeGreaterThanOrEqual(1);
    await expect.poll(async () => (await h.engine.state(r.documentId))?.status, { timeout: 20_000 }).toBeDefined();
    // A second pass finds nothing to start: the workflow exists.
    expect(await h.engine.startMissing(0)).toBe(0);
  });
});
