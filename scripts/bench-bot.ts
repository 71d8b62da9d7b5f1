// How fast the Slack bot answers, against the fake Slack and the real engine (embedded
// PostgreSQL + Temporal dev server, one worker), over signed HTTP like Slack:
//  - ack latency: signed request → Bolt's HTTP 200, for /countersign and for Approve clicks;
//  - click → message updated: Approve click sent → the approver's DM message no longer has
//    buttons and says "Approved by …" (decision through the workflow + chat.update).
//
//   npm run bench:bot                 (200 requests each)
//   BENCH_REQUESTS=500 npm run bench:bot
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

      // 2. Prepare N documents waiting for appr1 (each with its DM message and buttons).
      console.log(`preparing ${N} documents waiting for approval…`);
      const docs: string[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: PREPARE_CONCURRENCY }, async () => {
          while (next < N + 5) {
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
      if (rows.length < N + 5) throw new Error(`only ${rows.length} approval messages were posted`);

      // 3. Clicks: ack latency and click → message updated, one click at a time.
      const clickAcks: number[] = [];
      const updated: number[] = [];
      for (const [i, row] of rows.slice(0, N + 5).entries()) {
        const t0 = performance.now();
        const done = fake.waitUntil(() => {
          const m = fake.message(row.channel, row.ts);
          return m && !hasButtons(m) && m.text.includes('decided') ? performance.now() : undefined;
        }, { timeoutMs: 30_000 });
        const r = await slack.sendBlockAction({ user: SLACK.appr1, channel: row.channel, messageTs: row.ts, actionId: 'step_approve' });
        const acked = performance.now();
        if (r.status !== 200) throw new Error(`click answered ${r.status}`);
        const t1 = await done;
        if (i >= 5) {
          clickAcks.push(acked - t0);
          updated.push(t1 - t0);
        }
      }
      console.table([stats('ack: /countersign status (parse error)', commandAcks), stats('ack: Approve click', clickAcks), stats('click → DM message updated', updated)]);
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
