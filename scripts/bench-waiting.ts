// Many documents waiting at once, and a configuration change while they wait: how long until
// every document sees it, how many signals it costs and at what burst rate, and how big each
// waiting document's history is.
//
//   npm run bench:waiting                     (10,000 documents)
//   BENCH_WAITING=1000 npm run bench:waiting  (or: npm run bench:waiting -- 1000)
//
// Starts its own embedded PostgreSQL and Temporal dev server (in memory) and one worker.
// N expense reports wait in one approve stage (appr1). Then:
// 1. a substitute for appr1 is recorded: every document must offer its step to the
//    substitute (a step_offered notification);
// 2. the reminder delay is shortened from 30 days to 1 second: every document must send its
//    reminder (it read the new settings).
// Signals go out in bounded batches (client/config-fanout.ts); the figures show the burst.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Notifier } from '../activities';
import { addSubstitution } from '../client/substitutes';
import { updateSettings } from '../client/settings';
import { DEFAULT_FANOUT, type ConfigChange, type FanOut, type FanOutReport } from '../client/config-fanout';
import { documentWorkflowId } from '../workflows/contract';
import type { NotificationEvent } from '../workflows/notifications';
import { withScratchEngine, withWorkerEngine } from './lib/scratch-engine';
import { seedWorkspace, setChain } from './lib/seed';

const N = Number(process.argv[2] ?? process.env.BENCH_WAITING ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_WAITING_CONCURRENCY ?? 50);
const DAY_S = 24 * 3600;

/** Per kind, the documents that got one, and when the last of them did. */
class Seen implements Notifier {
  readonly byKind = new Map<string, Map<string, number>>();
  private waiters: { kind: string; count: number; resolve: () => void }[] = [];
  async deliver(e: NotificationEvent): Promise<void> {
    const docs = this.byKind.get(e.kind) ?? new Map<string, number>();
    if (!docs.has(e.documentId)) docs.set(e.documentId, Date.now());
    this.byKind.set(e.kind, docs);
    for (const w of [...this.waiters]) if (w.kind === e.kind && docs.size >= w.count) (this.waiters.splice(this.waiters.indexOf(w), 1), w.resolve());
  }
  count(kind: string): number {
    return this.byKind.get(kind)?.size ?? 0;
  }
  until(kind: string, count: number, timeoutMs: number): Promise<void> {
    if (this.count(kind) >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`${kind}: ${this.count(kind)} of ${count} after ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ kind, count, resolve: () => (clearTimeout(t), resolve()) });
    });
  }
  last(kind: string): number {
    return Math.max(...(this.byKind.get(kind)?.values() ?? [0]));
  }
}

async function main(): Promise<void> {
  const seen = new Seen();
  await withScratchEngine('bench-waiting', { dbPoolSize: 20 }, async (e) =>
    withWorkerEngine(e, 'bench-waiting', seen, async (engine, temporal) => {
      const s = await seedWorkspace(e.db, `W-wait-${randomUUID().slice(0, 8)}`, { reminderAfterSeconds: 30 * DAY_S, escalateAfterSeconds: 60 * DAY_S });
      await setChain(e.db, s.workspaceId, 'main', [{ type: 'approve', mode: 'any', assignees: [s.id.appr1] }], {}, true);

      // N documents to the approve stage.
      const t0 = Date.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(CONCURRENCY, N) }, async () => {
          while (next < N) {
            next++;
            const doc = await engine.submit({ workspaceId: s.workspaceId, submitterId: s.id.emp, kind: 'expense', fields: { totalAmount: '10.00', currency: 'EUR', supplierName: 'Bench AS' } });
            await waitFor(seen, doc.documentId, 'confirm_request');
            const r = await engine.confirm(doc.documentId, { actorId: s.id.emp, key: randomUUID() });
            if (!r.ok) throw new Error(r.reason);
          }
        }),
      );
      await seen.until('step_assigned', N, 600_000);
      console.log(`${N} documents waiting in the approve stage after ${((Date.now() - t0) / 1000).toFixed(1)} s`);

      // 1. A substitute for appr1.
      const subAt = Date.now();
      let subReport: FanOutReport | null = null;
      const reporting = { configChanged: async (ws: string, c?: ConfigChange) => (subReport = await engine.configChanged(ws, c)) };
      const added = await addSubstitution(e.db, reporting, { workspaceId: s.workspaceId, actorId: s.id.admin, substituteId: s.id.appr2, forUserId: s.id.appr1, startsAt: Date.now() - 1000, endsAt: Date.now() + DAY_S * 1000 });
      if (!added.ok) throw new Error(added.reason);
      const subSent = Date.now();
      await seen.until('step_offered', N, 600_000);
      console.log(`substitute change: every document offered its step after ${((seen.last('step_offered') - subAt) / 1000).toFixed(1)} s (command returned after ${((subSent - subAt) / 1000).toFixed(1)} s)`);

      // 2. Reminders after 1 s instead of 30 days.
      const setAt = Date.now();
      let fan: FanOut | null = null;
      const saved = await updateSettings(e.db, { startConfigFanOut: async (ws, c) => (fan = await engine.startConfigFanOut(ws, c)) }, { workspaceId: s.workspaceId, actorId: s.id.admin, changes: { reminderAfterMs: 1000 } });
      if (!saved.ok) throw new Error(saved.reason);
      const setReport = await (fan as FanOut | null)!.done;
      await seen.until('reminder', N, 600_000);
      console.log(`settings change: every document sent its reminder after ${((seen.last('reminder') - setAt) / 1000).toFixed(1)} s`);

      // History per document (a sample).
      const sample = (await e.db.document.findMany({ where: { workspaceId: s.workspaceId }, select: { id: true }, take: 50 })).map((d) => d.id);
      const sizes = await Promise.all(
        sample.map(async (id) => {
          const d = await temporal.workflow.getHandle(documentWorkflowId(id)).describe();
          return { events: d.historyLength, bytes: Number(d.raw.workflowExecutionInfo?.historySizeBytes ?? 0) };
        }),
      );
      const max = (xs: number[]) => Math.max(...xs);
      const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      console.log('');
      console.log(`documents waiting:            ${N}`);
      console.log(`fan-out batches:              ${DEFAULT_FANOUT.batchSize} signals every ≥ ${DEFAULT_FANOUT.batchIntervalMs} ms`);
      const sub = subReport as FanOutReport | null;
      console.log(`substitute: signals sent      ${sub?.signalled ?? '?'} (failed ${sub?.failed ?? '?'}), peak ${sub?.peakPerSecond ?? '?'}/s, reached all in ${((seen.last('step_offered') - subAt) / 1000).toFixed(1)} s`);
      console.log(`settings:   signals sent      ${setReport.signalled} (failed ${setReport.failed}), peak ${setReport.peakPerSecond}/s, reached all in ${((seen.last('reminder') - setAt) / 1000).toFixed(1)} s`);
      console.log(`history per document:         ${avg(sizes.map((x) => x.events)).toFixed(0)} events avg, ${max(sizes.map((x) => x.events))} max; ${(avg(sizes.map((x) => x.bytes)) / 1024).toFixed(1)} KiB avg, ${(max(sizes.map((x) => x.bytes)) / 1024).toFixed(1)} KiB max (continue-as-new past 2,000 events)`);
      console.log(`load average (1 min):         ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores`);
    }),
  );
}

function waitFor(seen: Seen, documentId: string, kind: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      if (seen.byKind.get(kind)?.has(documentId)) return resolve();
      if (Date.now() - started > 600_000) return reject(new Error(`timed out waiting for ${kind} on ${documentId}`));
      setTimeout(poll, 20);
    };
    poll();
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
