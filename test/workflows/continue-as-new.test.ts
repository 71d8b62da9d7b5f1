// A document that waits a long time keeps its history bounded: once a waiting step's history
// reaches the limit, the run continues as new and the new run takes the step over (who has
// decided, the offers, answers already given, reminder state), so nothing is lost or doubled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../client/engine';
import { documentWorkflowId } from '../../workflows/contract';
import { createHarness, type Harness } from '../support/engine-harness';
import { seedWorkspace, setChain } from '../../scripts/lib/seed';
import { decideOk, k, state, submitConfirmed, waitNote } from './flow';

let h: Harness;
const LIMIT = 80;

beforeAll(async () => {
  h = await createHarness();
});
afterAll(async () => h?.close());

describe('a step that waits long', () => {
  it('continues as new with its state, and the new run finishes it', async () => {
    const s = await seedWorkspace(h.db, 'W-can');
    await setChain(h.db, s.workspaceId, 'all', [{ type: 'approve', mode: 'all', assignees: [s.id.appr1, s.id.cfo] }], {}, true);
    const engine = new Engine(h.db, h.temporal, h.taskQueue, h.filesDir, { historyLimit: LIMIT, fanOut: { batchSize: 10, batchIntervalMs: 0, batchDeadlineMs: 5_000 } });
    const harness = { ...h, engine } as Harness;
    const doc = await submitConfirmed(harness, s);
    await waitNote(h, doc.documentId, 'step_assigned', { recipientId: s.id.appr1 });
    const first = { actorId: s.id.appr1, action: 'approve' as const, key: k('approve') };
    const partial = await engine.decide(doc.documentId, first);
    expect(partial).toMatchObject({ ok: true });

    const handle = h.temporal.workflow.getHandle(documentWorkflowId(doc.documentId));
    const firstRun = (await handle.describe()).runId;
    // Each configuration signal wakes the step (a reload, a few events): enough of them fill the history.
    let runId = firstRun;
    for (let i = 0; i < 40 && runId === firstRun; i++) {
      const before = (await handle.describe()).historyLength;
      await engine.configChanged(s.workspaceId, { kind: 'settings' });
      for (let j = 0; j < 200; j++) {
        const d = await handle.describe();
        runId = d.runId;
        if (runId !== firstRun || d.historyLength > before) break;
      }
    }
    expect(runId, 'a new run took over').not.toBe(firstRun);
    const described = await h.temporal.workflow.getHandle(documentWorkflowId(doc.documentId), firstRun).describe();
    expect(described.status.name).toBe('CONTINUED_AS_NEW');
    expect(described.historyLength).toBeLessThan(LIMIT + 40);

    // The new run knows the open step and who has decided.
    const st = await state(h, doc.documentId);
    expect(st.openStep).toMatchObject({ stageIndex: 0, decided: [s.id.appr1] });
    // The same click again is answered as before, not counted twice.
    expect(await engine.decide(doc.documentId, first)).toEqual(partial);
    await decideOk(harness, doc.documentId, s.id.cfo);
    expect(await engine.result(doc.documentId)).toBe('approved');
    expect(await h.db.auditEvent.count({ where: { documentId: doc.documentId, action: 'approved', actorId: s.id.appr1 } })).toBe(1);
    expect(await h.db.auditEvent.count({ where: { documentId: doc.documentId, action: 'step_opened' } })).toBe(1);
    const keys = (await h.db.auditEvent.findMany({ where: { documentId: doc.documentId }, select: { idempotencyKey: true } })).map((e) => e.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
