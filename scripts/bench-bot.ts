// How fast the Slack bot answers, against the fake Slack and the real engine (embedded
// PostgreSQL + Temporal dev server, one worker), over signed HTTP like Slack:
//  - ack latency: signed request → Bolt's HTTP 200, for /countersign and for Approve clicks;
//  - click → message updated: Approve click sent → the approver's DM message no longer has
//    buttons and says "Approved by …" (decision through the workflow + chat.update).
//
//  - the same two with BENCH_IN_FLIGHT (default 50) clicks in flight at once, each on its own
//    document (what a busy morning looks like), not only one at a time.
//
//   npm run bench:bot                 (200 requests each)
//   BENCH_REQUESTS=500 BENCH_IN_FLIGHT=50 npm run bench:bot
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { Client } from '@temporalio/client';
import type { Notifier } from '../activities';
import { createBot, type Bot } from '../bot/app';
import { silentLog } from '../bot/context';
import { Engine } from '../client/engine';
import { createWorker } from '../runtime/worker';
import { withScratchEngine } from './lib/scratch-engine';
import { createHttpSlackClient, startFakeSlack, type FakeMessage } from '../slack-fake';
import { setChain } from './lib/seed';
import { FAKE_USERS, seedSlackWorkspace, SLACK } from './lib/slack-people';
import type { NotificationEvent } from '../workflows/notifications';

const N = Number(process.env.BENCH_REQUESTS ?? 200);
const PREPARE_CONCURRENCY = 20;
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 50);
const SECRET = 'bench-signing-secret';

function stats(name: string, ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const pct = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
  return { measure: name, n: s.length, 'p50 ms': +pct(50).toFixed(1), 'p95 ms': +pct(95).toFixed(1), 'p99 ms': +pct(99).toFixed(1), 'max ms': +s.at(-1)!.toFixed(1) };
}

const hasButtons = (m: FakeMessage | undefined) => (m?.blocks ?? []).some((b) => b.type === 'actions');

async function main() {
  await withScratchEngine('bench-bot', { dbPoolSize: 20 }, async ({ db, filesDir, nativeConnection, connection }) => {
  const fake = await startFakeSlack({ users: FAKE_USERS, triggerTtlMs: 60_000 });
  let bot: Bot | undefined;
  try {
    const s = await seedSlackWorkspace(db, 'W-bench');
    await setChain(db, s.workspaceId, 'bench', [{ type: 'approve', mode: 'any', assignees: [s.id.appr1] }], {}, true);
    const taskQueue = `bench-bot-${randomUUID()}`;
    // "The first <kind> of document d has been delivered", however early it arrived.
    const waiters = new Map<string, () => void>();
    const seen = new Set<string>();
    const notifier: Notifier = {
      async deliver(e: NotificationEvent) {
        await bot!.notifier.deliver(e);
        const key = `${e.documentId}|${e.kind}`;
        seen.add(key);
        waiters.get(key)?.();
      },
    };
    const delivered = (documentId: string, kind: NotificationEvent['kind']) =>
      new Promise<void>((resolve) => (seen.has(`${documentId}|${kind}`) ? resolve() : waiters.set(`${documentId}|${kind}`, resolve)));
    const worker = await createWorker({ connection: nativeConnection, namespace: 'default', taskQueue, deps: { db, filesDir, notifier } });
    const running = worker.run();
    const engine = new Engine(db, new Client({ connection, namespace: 'default' }), taskQueue, filesDir);
    bot = createBot({ botToken: fake.botToken, signingSecret: SECRET, apiUrl: fake.apiUrl, port: 0, db, engine, workspaceId: s.workspaceId, log: silentLog, retries: 0 });
    const { port } = await bot.start();
    const slack = createHttpSlackClient({ fake, url: `http://127.0.0.1:${port}/slack/events`, signingSecret: SECRET });
    try {
      console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; ${N} requests per measure`);

      // 1. /countersign acks (parse + reply in the ack).
      const commandAcks: number[] = [];
      for (let i = 0; i < N + 10; i++) {
        const t0 = performance.now();
        const r = await slack.sendSlashCommand({ user: SLACK.emp, text: 'status' });
        if (r.status !== 200) throw new Error(`slash command answered ${r.status}`);
        if (i >= 10) commandAcks.push(performance.now() - t0);
      }

      // 2. Prepare documents waiting for appr1 (each with its DM message and buttons).
      const prepare = async (count: number) => {
        console.log(`preparing ${count} documents waiting for approval…`);
        const docs: string[] = [];
        let next = 0;
        await Promise.all(
          Array.from({ length: PREPARE_CONCURRENCY }, async () => {
            while (next < count) {
              next += 1;
              const { documentId } = await engine.submit({ workspaceId: s.workspaceId, submitterId: s.id.emp, kind: 'expense', fields: { totalAmount: '25.00', currency: 'EUR', supplierName: 'Bench Cafe' } });
              await delivered(documentId, 'confirm_request');
              const c = await engine.confirm(documentId, { actorId: s.id.emp, key: `bench:${documentId}:confirm` });
              if (!c.ok) throw new Error(`confirm refused: ${c.reason}`);
              await delivered(documentId, 'step_assigned');
              docs.push(documentId);
            }
          }),
        );
        const rows = await db.slackMessage.findMany({ where: { documentId: { in: docs }, recipientId: s.id.appr1, kind: 'step' } });
        if (rows.length < count) throw new Error(`only ${rows.length} approval messages were posted`);
        return rows;
      };
      /** One Approve click on the message: [ack ms, click → message updated ms]. */
      const click = async (row: { channel: string; ts: string }): Promise<[number, number]> => {
        const t0 = performance.now();
        const done = fake.waitUntil(() => {
          const m = fake.message(row.channel, row.ts);
          return m && !hasButtons(m) && m.text.includes('decided') ? performance.now() : undefined;
        }, { timeoutMs: 60_000 });
        const r = await slack.sendBlockAction({ user: SLACK.appr1, channel: row.channel, messageTs: row.ts, actionId: 'step_approve' });
        const acked = performance.now();
        if (r.status !== 200) throw new Error(`click answered ${r.status}`);
        const t1 = await done;
        return [acked - t0, t1 - t0];
      };
      const rows = await prepare(N + 5);

      // 3. Clicks: ack latency and click → message updated, one click at a time.
      const clickAcks: number[] = [];
      const updated: number[] = [];
      for (const [i, row] of rows.slice(0, N + 5).entries()) {
        const [ack, upd] = await click(row);
        if (i >= 5) {
          clickAcks.push(ack);
          updated.push(upd);
        }
      }

      // 4. The same with IN_FLIGHT clicks in flight at once (a pool: each click leaves as soon as one is answered).
      const loadRows = await prepare(N);
      const loadAcks: number[] = [];
      const loadUpdated: number[] = [];
      let nextRow = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: Math.min(IN_FLIGHT, loadRows.length) }, async () => {
          while (nextRow < loadRows.length) {
            const [ack, upd] = await click(loadRows[nextRow++]!);
            loadAcks.push(ack);
            loadUpdated.push(upd);
          }
        }),
      );
      console.log(`${loadRows.length} clicks with ${IN_FLIGHT} in flight in ${((performance.now() - t0) / 1000).toFixed(1)} s; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
      console.table([
        stats('ack: /countersign status (parse error)', commandAcks),
        stats('ack: Approve click', clickAcks),
        stats('click → DM message updated', updated),
        stats(`ack: Approve click, ${IN_FLIGHT} in flight`, loadAcks),
        stats(`click → DM message updated, ${IN_FLIGHT} in flight`, loadUpdated),
      ]);
    } finally {
      await bot.stop();
      worker.shutdown();
      await running;
    }
  } finally {
    await fake.close();
  }
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
