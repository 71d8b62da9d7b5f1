// Records the event histories of a few representative documents, for the replay test
// (test/workflows/replay.test.ts): any change to the document workflow that would break
// documents already in flight fails that test with a nondeterminism error.
//
//   npx tsx scripts/record-histories.ts [outDir]     (default test/fixtures/histories)
//
// Starts its own embedded PostgreSQL and Temporal dev server (temp DATA_DIR, free ports) and a
// worker, runs each scenario to completion, and saves `handle.fetchHistory()` with
// JSON.stringify (the protobuf message's own toJSON: int64 as strings, enums by name, bytes as
// base64); the replay test loads it back with `temporal.api.history.v1.History.fromObject`.
//
// Why not @temporalio/common's historyToJSON/historyFromJSON: in this install they throw
// "type must be a Type", because @temporalio/common, /proto and /worker each got their own
// nested copy of protobufjs@8 (the root one is 7.x, for @grpc/proto-loader), and protojson's
// `instanceof Type` check fails across copies. The same breaks Worker.runReplayHistory on
// histories in the CLI's JSON format (eventId strings); a proto object avoids both.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@temporalio/client';
import type { Notifier } from '../activities';
import type { Db } from '../data/db';
import { Engine } from '../client/engine';
import { addSubstitution } from '../client/substitutes';
import type { CodingLine } from '../domain';
import { PROJECT_ROOT } from '../runtime/paths';
import { withScratchEngine, withWorkerEngine } from './lib/scratch-engine';
import { seedWorkspace, setChain, type Seeded } from './lib/seed';
import type { CommandResult } from '../workflows/contract';
import { documentWorkflowId } from '../workflows/contract';
import type { NotificationEvent } from '../workflows/notifications';

const outDir = path.resolve(process.argv[2] ?? path.join(PROJECT_ROOT, 'test', 'fixtures', 'histories'));

/** Notifications as promises: wait for "this kind, for this person, on this document". */
class Waiter implements Notifier {
  private readonly seen: NotificationEvent[] = [];
  private readonly waiting: { pred: (e: NotificationEvent) => boolean; resolve: (e: NotificationEvent) => void }[] = [];
  async deliver(e: NotificationEvent): Promise<void> {
    this.seen.push(e);
    for (const w of [...this.waiting]) {
      if (w.pred(e)) {
        this.waiting.splice(this.waiting.indexOf(w), 1);
        w.resolve(e);
      }
    }
  }
  for(documentId: string, kind: NotificationEvent['kind'], recipientId?: string, stageIndex?: number, round?: number, timeoutMs = 30_000): Promise<NotificationEvent> {
    const pred = (e: NotificationEvent) =>
      e.documentId === documentId &&
      e.kind === kind &&
      (recipientId === undefined || e.recipientId === recipientId) &&
      (stageIndex === undefined || e.step?.stageIndex === stageIndex) &&
      (round === undefined || e.round === round);
    const hit = this.seen.find(pred);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${kind} on ${documentId}`)), timeoutMs);
      this.waiting.push({ pred, resolve: (e) => (clearTimeout(timer), resolve(e)) });
    });
  }
}

function must(r: CommandResult, what: string): void {
  if (!r.ok) throw new Error(`${what} was refused: ${r.reason}`);
}
const key = (label: string) => `${label}-${randomUUID()}`;
const line = (amount: string): CodingLine[] => [{ account: '6010', vatCode: 'VAT22', costCentre: 'CC1', project: null, amount }];

interface Ctx {
  db: Db;
  engine: Engine;
  temporal: Client;
  wait: Waiter;
}

async function submitConfirmed(c: Ctx, s: Seeded, kind: 'invoice' | 'expense', submitterId: string, total: string): Promise<string> {
  const { documentId } = await c.engine.submit({ workspaceId: s.workspaceId, submitterId, kind, fields: { totalAmount: total, currency: 'EUR', supplierName: 'Acme OÜ' } });
  await c.wait.for(documentId, 'confirm_request');
  must(await c.engine.confirm(documentId, { actorId: kind === 'invoice' ? s.id.book : submitterId, key: key('confirm') }), 'confirm');
  return documentId;
}

const scenarios: Record<string, (c: Ctx) => Promise<string>> = {
  /** Invoice: coding by any bookkeeper → coordinator → approver → approved. */
  async 'full-approve'(c) {
    const s = await seedWorkspace(c.db, 'W-full');
    await setChain(c.db, s.workspaceId, 'invoices', [
      { type: 'coding', mode: 'any', assignees: [] },
      { type: 'coordinate', mode: 'any', assignees: [s.id.coord1] },
      { type: 'approve', mode: 'all', assignees: [s.id.appr1, s.id.cfo] },
    ], {}, true);
    const id = await submitConfirmed(c, s, 'invoice', s.id.book, '1250.00');
    await c.wait.for(id, 'step_assigned', s.id.book, 0);
    must(await c.engine.saveCoding(id, { actorId: s.id.book, key: key('coding'), lines: line('1250.00') }), 'coding');
    must(await c.engine.decide(id, { actorId: s.id.book, action: 'approve', key: key('send') }), 'send');
    await c.wait.for(id, 'step_assigned', s.id.coord1, 1);
    must(await c.engine.decide(id, { actorId: s.id.coord1, action: 'approve', key: key('agree') }), 'agree');
    await c.wait.for(id, 'step_assigned', s.id.cfo, 2);
    must(await c.engine.decide(id, { actorId: s.id.appr1, action: 'approve', key: key('approve') }), 'approve 1');
    must(await c.engine.decide(id, { actorId: s.id.cfo, action: 'approve', key: key('approve') }), 'approve 2');
    return id;
  },

  /** Expense: rejected with a reason → resubmitted with a fix → approved. */
  async 'reject-resubmit-approve'(c) {
    const s = await seedWorkspace(c.db, 'W-reject');
    await setChain(c.db, s.workspaceId, 'main', [{ type: 'approve', mode: 'any', assignees: [s.id.appr1] }], {}, true);
    const id = await submitConfirmed(c, s, 'expense', s.id.emp, '80.00');
    await c.wait.for(id, 'step_assigned', s.id.appr1);
    must(await c.engine.decide(id, { actorId: s.id.appr1, action: 'reject', key: key('reject'), reason: 'Receipt missing' }), 'reject');
    await c.wait.for(id, 'status_changed', s.id.emp);
    must(await c.engine.resubmit(id, { actorId: s.id.emp, key: key('resubmit'), fields: { totalAmount: '78.00', description: 'Taxi, receipt attached' } }), 'resubmit');
    await c.wait.for(id, 'step_assigned', s.id.appr1, 0, 2);
    must(await c.engine.decide(id, { actorId: s.id.appr1, action: 'approve', key: key('approve') }), 'approve');
    return id;
  },

  /** Expense withdrawn by its submitter while in review. */
  async withdraw(c) {
    const s = await seedWorkspace(c.db, 'W-withdraw');
    await setChain(c.db, s.workspaceId, 'main', [{ type: 'approve', mode: 'any', assignees: [s.id.appr1] }], {}, true);
    const id = await submitConfirmed(c, s, 'expense', s.id.emp, '15.00');
    await c.wait.for(id, 'step_assigned', s.id.appr1);
    must(await c.engine.withdraw(id, { actorId: s.id.emp, key: key('withdraw'), reason: 'Duplicate' }), 'withdraw');
    return id;
  },

  /** A substitute recorded while the step is pending (signal) decides on behalf of the approver. */
  async substitute(c) {
    const s = await seedWorkspace(c.db, 'W-substitute');
    await setChain(c.db, s.workspaceId, 'main', [{ type: 'approve', mode: 'any', assignees: [s.id.appr1] }], {}, true);
    const id = await submitConfirmed(c, s, 'expense', s.id.emp, '42.00');
    await c.wait.for(id, 'step_assigned', s.id.appr1);
    const added = await addSubstitution(c.db, c.engine, { workspaceId: s.workspaceId, actorId: s.id.admin, substituteId: s.id.emp2, forUserId: s.id.appr1, startsAt: Date.now() - 1000, endsAt: Date.now() + 3_600_000 });
    if (!added.ok) throw new Error(added.reason);
    await c.wait.for(id, 'step_offered', s.id.emp2);
    must(await c.engine.decide(id, { actorId: s.id.emp2, action: 'approve', key: key('approve') }), 'approve on behalf');
    return id;
  },

  /** An administrator reassigns a step; reminder and escalation timers fire (1 s / 2 s). */
  async 'reassign-timers'(c) {
    const s = await seedWorkspace(c.db, 'W-reassign', { reminderAfterSeconds: 1, escalateAfterSeconds: 2 });
    await setChain(c.db, s.workspaceId, 'main', [{ type: 'approve', mode: 'any', assignees: [s.id.appr1] }], {}, true);
    const id = await submitConfirmed(c, s, 'expense', s.id.emp, '19.90');
    await c.wait.for(id, 'escalation', s.id.admin);
    must(await c.engine.reassign(id, { actorId: s.id.admin, key: key('reassign'), stageIndex: 0, fromUserId: s.id.appr1, toUserId: s.id.appr2 }), 'reassign');
    must(await c.engine.decide(id, { actorId: s.id.appr2, action: 'approve', key: key('approve') }), 'approve');
    return id;
  },
};

async function main() {
  await withScratchEngine('record', {}, async ({ db, filesDir, nativeConnection, connection }) => {
    const wait = new Waiter();
    mkdirSync(outDir, { recursive: true });
    await withWorkerEngine({ db, filesDir, nativeConnection, connection }, 'record', wait, async (engine, client) => {
      const c: Ctx = { db, engine, temporal: client, wait };
      for (const [name, run] of Object.entries(scenarios)) {
        const documentId = await run(c);
        const final = await c.engine.result(documentId);
        const history = await client.workflow.getHandle(documentWorkflowId(documentId)).fetchHistory();
        const file = path.join(outDir, `${name}.json`);
        writeFileSync(file, `${JSON.stringify(history, null, 1)}\n`);
        console.log(`${name}: ${final}, ${history.events?.length ?? 0} events → ${path.relative(process.cwd(), file)}`);
      }
    });
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
