// Throughput with one and with two worker processes on one task queue, against the same
// embedded Temporal dev server and PostgreSQL (as `docker compose up --scale worker=2`).
//
//   npm run bench:workers                          (100 documents, 20 in flight)
//   BENCH_DOCS=200 BENCH_CONCURRENCY=50 npm run bench:workers
//
// Each document: submit → confirm → approve (stage 1) → approve (stage 2) → completed. The
// workers are separate processes (scripts/lib/worker-child.ts); this process only drives the
// engine and reads the notification outbox to know when a step opened. Prints
// WORKERS_RATIO=<two/one> last.
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import { Engine } from '../client/engine';
import { withScratchEngine } from './lib/scratch-engine';
import { seedWorkspace, setChain, type Seeded } from './lib/seed';
import { outboxHas, spawnWorker } from './lib/worker-processes';

const DOCS = Number(process.env.BENCH_DOCS ?? 100);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);

async function oneDocument(engine: Engine, db: Parameters<typeof outboxHas>[0], s: Seeded): Promise<void> {
  const { documentId: id } = await engine.submit({ workspaceId: s.workspaceId, submitterId: s.id.emp, kind: 'expense', fields: { totalAmount: '30.00', currency: 'EUR', supplierName: 'Bench AS' } });
  await outboxHas(db, [id], 'confirm_request', { timeoutMs: 600_000 });
  const must = (r: { ok: boolean; reason?: string }, what: string) => {
    if (!r.ok) throw new Error(`${what}: ${r.reason}`);
  };
  must(await engine.confirm(id, { actorId: s.id.emp, key: randomUUID() }), 'confirm');
  await outboxHas(db, [id], 'step_assigned', { stageIndex: 0, timeoutMs: 600_000 });
  must(await engine.decide(id, { actorId: s.id.appr1, action: 'approve', key: randomUUID() }), 'approve 1');
  await outboxHas(db, [id], 'step_assigned', { stageIndex: 1, timeoutMs: 600_000 });
  must(await engine.decide(id, { actorId: s.id.cfo, action: 'approve', key: randomUUID() }), 'approve 2');
  if ((await engine.result(id)) !== 'approved') throw new Error(`${id} not approved`);
}

async function main(): Promise<void> {
  await withScratchEngine('bench-workers', { dbPoolSize: 20 }, async (e) => {
    const address = e.temporalAddress;
    const temporal = new Client({ connection: e.connection, namespace: 'default' });
    const dbUrl = e.dbUrl;
    const rates: Record<number, number> = {};
    for (const workers of [1, 2]) {
      const taskQueue = `bench-workers-${workers}-${randomUUID()}`;
      const procs = await Promise.all(Array.from({ length: workers }, () => spawnWorker({ DATABASE_URL: dbUrl!, TEMPORAL_ADDRESS: address, TASK_QUEUE: taskQueue, FILES_DIR: e.filesDir })));
      try {
        const engine = new Engine(e.db, temporal, taskQueue, e.filesDir);
        const s = await seedWorkspace(e.db, `W-bw-${workers}`);
        await setChain(e.db, s.workspaceId, 'two', [
          { type: 'approve', mode: 'any', assignees: [s.id.appr1] },
          { type: 'approve', mode: 'any', assignees: [s.id.cfo] },
        ], {}, true);
        await oneDocument(engine, e.db, s); // warm-up: bundles loaded, connections open
        const t0 = performance.now();
        let next = 0;
        await Promise.all(
          Array.from({ length: Math.min(CONCURRENCY, DOCS) }, async () => {
            while (next < DOCS) {
              next++;
              await oneDocument(engine, e.db, s);
            }
          }),
        );
        const seconds = (performance.now() - t0) / 1000;
        rates[workers] = DOCS / seconds;
        console.log(`${workers} worker process${workers === 1 ? '' : 'es'}: ${DOCS} documents in ${seconds.toFixed(1)} s = ${rates[workers]!.toFixed(2)} documents/s (${CONCURRENCY} in flight)`);
      } finally {
        await Promise.all(procs.map((p) => p.stop()));
      }
    }
    console.log(`WORKERS_RATIO=${(rates[2]! / rates[1]!).toFixed(2)}`);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
