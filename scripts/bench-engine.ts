// How many documents per second the engine sustains on this machine, end to end:
// submit → confirm → code → send → agree → approve → completed, on a 3-stage chain
// (coding by any bookkeeper → coordinate ANY → approve ANY), with N documents in flight.
//
//   npm run bench                                   (200 documents at concurrency 20, then 50)
//   BENCH_DOCS=500 BENCH_CONCURRENCY=10,50,100 npm run bench
//   BENCH_TEMPORAL=file npm run bench               (the dev server on its SQLite file, as npm start runs it)
//
// Starts its own embedded PostgreSQL and Temporal dev server (temp DATA_DIR, free ports, the
// dev server in memory unless BENCH_TEMPORAL=file) and one worker with default options, like
// `npm start` on one machine. Each document's latency runs from submit to the workflow's
// completion, including the client-side waits for each step to open (the notification a
// person would get, delivered by the outbox).
//
// At each concurrency it also runs the bare-Temporal baseline (scripts/lib/bare: same dev
// server, same concurrency, same run; start, six updates each running one activity,
// completion, no database) and prints, as its LAST line, ENGINE_RATIO=<project/bare>@<c> …
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Notifier } from '../activities';
import { Engine } from '../client/engine';
import { withBareWorker } from './lib/bare/run';
import { withScratchEngine, withWorkerEngine } from './lib/scratch-engine';
import { documentWorkflowId } from '../workflows/contract';
import { seedWorkspace, setChain, type Seeded } from './lib/seed';
import type { CommandResult } from '../workflows/contract';
import type { NotificationEvent } from '../workflows/notifications';

const DOCS = Number(process.env.BENCH_DOCS ?? 200);
const LEVELS = (process.env.BENCH_CONCURRENCY ?? '20,50').split(',').map(Number);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
const TOTAL = '1000.00';
const TEMPORAL_FILE = process.env.BENCH_TEMPORAL === 'file';

/** Resolves "the first <kind> (for stage i) of document d", however early it arrived. */
class StepWaiter implements Notifier {
  private readonly seen = new Set<string>();
  private readonly waiting = new Map<string, () => void>();
  private static key(documentId: string, kind: string, stageIndex?: number) {
    return `${documentId}|${kind}|${stageIndex ?? ''}`;
  }
  async deliver(e: NotificationEvent): Promise<void> {
    const key = StepWaiter.key(e.documentId, e.kind, e.kind === 'step_assigned' ? e.step?.stageIndex : undefined);
    this.seen.add(key);
    this.waiting.get(key)?.();
    this.waiting.delete(key);
  }
  wait(documentId: string, kind: NotificationEvent['kind'], stageIndex?: number, timeoutMs = 120_000): Promise<void> {
    const key = StepWaiter.key(documentId, kind, stageIndex);
    if (this.seen.has(key)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${key}`)), timeoutMs);
      this.waiting.set(key, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

function must(r: CommandResult, what: string): void {
  if (!r.ok) throw new Error(`${what} refused: ${r.reason}`);
}

async function oneDocument(engine: Engine, waiter: StepWaiter, s: Seeded, started: (id: string) => void): Promise<number> {
  const t0 = performance.now();
  const k = () => randomUUID();
  const { documentId: id } = await engine.submit({ workspaceId: s.workspaceId, submitterId: s.id.book, kind: 'invoice', fields: { totalAmount: TOTAL, currency: 'EUR', supplierName: 'Bench AS' } });
  started(id);
  await waiter.wait(id, 'confirm_request');
  must(await engine.confirm(id, { actorId: s.id.book, key: k() }), 'confirm');
  await waiter.wait(id, 'step_assigned', 0);
  must(await engine.saveCoding(id, { actorId: s.id.book, key: k(), lines: [{ account: '6010', vatCode: 'VAT22', costCentre: null, project: null, amount: TOTAL }] }), 'coding');
  must(await engine.decide(id, { actorId: s.id.book, action: 'approve', key: k() }), 'send');
  await waiter.wait(id, 'step_assigned', 1);
  must(await engine.decide(id, { actorId: s.id.coord1, action: 'approve', key: k() }), 'agree');
  await waiter.wait(id, 'step_assigned', 2);
  must(await engine.decide(id, { actorId: s.id.appr1, action: 'approve', key: k() }), 'approve');
  const final = await engine.result(id);
  if (final !== 'approved') throw new Error(`document ${id} ended ${final}`);
  return performance.now() - t0;
}

async function run(count: number, concurrency: number, doc: () => Promise<number>) {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) {
        next += 1;
        latencies.push(await doc());
      }
    }),
  );
  const wallMs = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]!;
  return { count, concurrency, wallMs, perSecond: count / (wallMs / 1000), p50: pct(50), p95: pct(95), max: latencies.at(-1)! };
}

async function main() {
  let ratioLine = '';
  await withScratchEngine('bench', { dbPoolSize: 20, temporalFile: TEMPORAL_FILE }, async ({ db, dataDir, nativeConnection, connection }) => {
    const s = await seedWorkspace(db, 'W-bench');
    await setChain(
      db,
      s.workspaceId,
      'bench',
      [
        { type: 'coding', mode: 'any', assignees: [] },
        { type: 'coordinate', mode: 'any', assignees: [s.id.coord1, s.id.coord2] },
        { type: 'approve', mode: 'any', assignees: [s.id.appr1, s.id.appr2] },
      ],
      {},
      true,
    );
    const waiter = new StepWaiter();
    await withWorkerEngine({ db, filesDir: path.join(dataDir, 'files'), nativeConnection, connection }, 'bench', waiter, async (engine, temporal) => {
      await withBareWorker(nativeConnection, temporal, async (bare) => {
        let last = '';
        const doc = async () => {
          const ms = await oneDocument(engine, waiter, s, (id) => (last = id));
          return ms;
        };
        console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
        console.log(`Temporal dev server: ${TEMPORAL_FILE ? 'SQLite file (as npm start)' : 'in memory'}`);
        console.log(`chain: coding (any bookkeeper) → coordinate ANY → approve ANY; ${DOCS} documents per level; warm-up ${WARMUP}`);
        await run(WARMUP, Math.min(WARMUP, 5), doc);
        await run(WARMUP, Math.min(WARMUP, 5), bare);
        const rows = [];
        const ratios: string[] = [];
        const line = (what: string, r: Awaited<ReturnType<typeof run>>) =>
          console.log(
            `${what} concurrency ${String(r.concurrency).padStart(3)}: ${r.count} in ${(r.wallMs / 1000).toFixed(1)} s = ${r.perSecond.toFixed(1)}/s; ` +
              `latency p50 ${(r.p50 / 1000).toFixed(2)} s, p95 ${(r.p95 / 1000).toFixed(2)} s, max ${(r.max / 1000).toFixed(2)} s`,
          );
        for (const c of LEVELS) {
          const r = await run(DOCS, c, doc);
          line('engine', r);
          const b = await run(DOCS, c, bare);
          line('bare  ', b);
          console.log(`  load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
          rows.push({ concurrency: c, 'docs/s': +r.perSecond.toFixed(1), 'bare/s': +b.perSecond.toFixed(1), ratio: +(r.perSecond / b.perSecond).toFixed(2), 'p50 s': +(r.p50 / 1000).toFixed(2), 'p95 s': +(r.p95 / 1000).toFixed(2), 'bare p95 s': +(b.p95 / 1000).toFixed(2) });
          ratios.push(`${(r.perSecond / b.perSecond).toFixed(2)}@${c}`);
        }
        const events = await db.auditEvent.count({ where: { workspaceId: s.workspaceId, documentId: { not: null } } });
        const notes = await db.notification.count({ where: { workspaceId: s.workspaceId } });
        const total = WARMUP + DOCS * LEVELS.length;
        const history = await temporal.workflow.getHandle(documentWorkflowId(last)).fetchHistory();
        const activities = (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes).length;
        if (process.env.BENCH_DEBUG) {
          let prev = 0;
          for (const e of history.events ?? []) {
            const t = Number(e.eventTime?.seconds ?? 0) * 1000 + Math.floor((e.eventTime?.nanos ?? 0) / 1e6);
            console.log(`${prev ? `+${t - prev}`.padStart(7) : '      0'} ms ${e.eventType} ${e.activityTaskScheduledEventAttributes?.activityType?.name ?? ''}`);
            prev = t;
          }
        }
        console.log(`per document: ${(events / total).toFixed(1)} audit rows, ${(notes / total).toFixed(1)} notifications, ${activities} activities (workflow↔activity round trips), ${history.events?.length ?? 0} history events`);
        console.table(rows);
        ratioLine = `ENGINE_RATIO=${ratios.join(' ')}`;
      });
    });
  });
  // The last line, for scripts and people comparing runs.
  console.log(ratioLine);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
