// Issue 13 #11: Temporal is up but no worker runs (the worker crashed, or is restarting): an
// update would wait for a worker for ever and the person who clicked would hear nothing. Every
// engine call is bounded; past the bound it is EngineUnavailableError, which the bot tells.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, EngineUnavailableError } from '../../client/engine';
import { seedWorkspace } from '../../scripts/lib/seed';
import { createHarness, type Harness } from '../support/engine-harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

describe('an engine call while no worker runs', () => {
  it('an update ends with EngineUnavailableError within its bound, not never', async () => {
    const s = await seedWorkspace(h.db, 'W-timeout');
    await h.stopWorker();
    try {
      const engine = new Engine(h.db, h.temporal, h.taskQueue, h.filesDir, { timeoutMs: 1_500 });
      // Starting needs no worker; the workflow then waits for one.
      const doc = await engine.submit({ workspaceId: s.workspaceId, submitterId: s.id.emp, kind: 'expense', fields: { totalAmount: '10.00', currency: 'EUR' } });
      const t = Date.now();
      const r = engine.decide(doc.documentId, { actorId: s.id.appr1, action: 'approve', key: `timeout-${Date.now()}` });
      await expect(r).rejects.toBeInstanceOf(EngineUnavailableError);
      await expect(r).rejects.toThrow(/not answering/);
      expect(Date.now() - t).toBeLessThan(4_000);
      const q = Date.now();
      await expect(engine.state(doc.documentId)).rejects.toBeInstanceOf(EngineUnavailableError);
      expect(Date.now() - q).toBeLessThan(4_000);
    } finally {
      await h.startWorker();
    }
  });
});
