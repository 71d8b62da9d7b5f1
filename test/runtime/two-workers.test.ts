// Two worker processes on one task queue (as `docker compose up --scale worker=2` runs them)
// share the documents; when one is killed mid-round (SIGKILL, tasks in flight) the other
// finishes every document, and none is decided twice.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { documentWorkflowId } from '../../workflows/contract';
import { createHarness, type Harness } from '../support/engine-harness';
import { seedWorkspace, setChain } from '../../scripts/lib/seed';
import { outboxHas, spawnWorker, type WorkerProcess } from '../../scripts/lib/worker-processes';

let h: Harness;
const workers: WorkerProcess[] = [];
const DOCS = 12;

beforeAll(async () => {
  h = await createHarness();
  // Only the two processes below serve this queue.
  await h.stopWorker();
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await h?.close();
});

describe('two worker processes on one task queue', () => {
  it('share the documents; killing one mid-round loses none', async () => {
    const env = { DATABASE_URL: h.dbUrl, TEMPORAL_ADDRESS: inject('temporalAddress'), TASK_QUEUE: h.taskQueue, WORKFLOW_BUNDLE: inject('workflowBundlePath'), FILES_DIR: h.filesDir };
    workers.push(await spawnWorker(env), await spawnWorker(env));
    const s = await seedWorkspace(h.db, 'W-two-workers');
    await setChain(h.db, s.workspaceId, 'two', [
      { type: 'approve', mode: 'any', assignees: [s.id.appr1] },
      { type: 'approve', mode: 'any', assignees: [s.id.cfo] },
    ], {}, true);

    const ids: string[] = [];
    for (let i = 0; i < DOCS; i++) ids.push((await h.engine.submit({ workspaceId: s.workspaceId, submitterId: s.id.emp, kind: 'expense', fields: { totalAmount: '20.00', currency: 'EUR', supplierName: 'Two AS' } })).documentId);
    await outboxHas(h.db, ids, 'confirm_request');
    for (const id of ids) expect(await h.engine.confirm(id, { actorId: s.id.emp, key: randomUUID() })).toMatchObject({ ok: true });
    await outboxHas(h.db, ids, 'step_assigned', { stageIndex: 0 });

    // First stage decided on every document, and the first worker killed while that round runs.
    const first = Promise.all(ids.map((id) => h.engine.decide(id, { actorId: s.id.appr1, action: 'approve', key: `a1-${id}` })));
    workers[0]!.kill();
    const answers = await first;
    // The worker itself died (not a wrapper around it): its pid is gone.
    await new Promise<void>((resolve) => (workers[0]!.child.exitCode !== null || workers[0]!.child.signalCode !== null ? resolve() : workers[0]!.child.once('exit', () => resolve())));
    expect(() => process.kill(workers[0]!.child.pid!, 0)).toThrow();
    expect(answers.every((a) => a.ok)).toBe(true);
    await outboxHas(h.db, ids, 'step_assigned', { stageIndex: 1, timeoutMs: 180_000 });
    for (const id of ids) expect(await h.engine.decide(id, { actorId: s.id.cfo, action: 'approve', key: `a2-${id}` })).toMatchObject({ ok: true });
    for (const id of ids) expect(await h.engine.result(id)).toBe('approved');

    // Every document decided once per stage, and the work was shared before the kill.
    const decisions = await h.db.auditEvent.groupBy({ by: ['documentId', 'actorId'], where: { documentId: { in: ids }, action: 'approved', actorId: { in: [s.id.appr1, s.id.cfo] } }, _count: true });
    expect(decisions).toHaveLength(DOCS * 2);
    expect(decisions.every((d) => d._count === 1)).toBe(true);
    // Both processes did tasks (the worker identity is pid@host, the spawned node process's pid).
    const identities = new Set<string>();
    for (const id of ids) {
      for (const e of (await h.temporal.workflow.getHandle(documentWorkflowId(id)).fetchHistory()).events ?? []) {
        const who = e.workflowTaskStartedEventAttributes?.identity ?? e.activityTaskStartedEventAttributes?.identity;
        if (who) identities.add(who.split('@')[0]!);
      }
    }
    expect(identities).toEqual(new Set(workers.map((w) => String(w.child.pid))));
    const stillRunning = workers[1]!.child.exitCode === null && workers[1]!.child.signalCode === null;
    expect(stillRunning).toBe(true);
  }, 300_000);
});
