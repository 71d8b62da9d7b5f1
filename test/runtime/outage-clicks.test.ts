// Issue 13 #16: a click while the engine or the database is down gets a visible answer in
// Slack's time (an ephemeral saying it is not reachable, try again in a minute), never an HTTP
// 200 followed by silence. The Temporal server is frozen (SIGSTOP: it accepts connections and
// answers nothing, the worst case); PostgreSQL is killed (SIGKILL) just before the click.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeMessage } from '../../slack-fake';
import { buttonsOf, findMessage, press, SLACK, startLiveApp, type LiveApp } from '../../scripts/lib/live-app';
import { receiptPdf } from '../../scripts/lib/receipt-pdf';
import { shareFileAsUser } from '../../slack-fake';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'countersign-outage-clicks-'));
let live: LiveApp;
let frozen: number | null = null;

beforeAll(async () => {
  live = await startLiveApp(dataDir);
}, 200_000);
afterAll(async () => {
  if (frozen) process.kill(frozen, 'SIGCONT');
  await live?.close();
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
});

async function until<T>(check: () => T | undefined, ms: number, what: string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`no ${what} within ${ms} ms; log:\n${live.app.output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Upload and Submit; returns the first approver's request. */
async function atFirstApproval(n: number): Promise<{ reference: string; ask: FakeMessage }> {
  const content = await receiptPdf({ supplier: `Outage Cafe ${n} OU`, number: `O-${n}`, total: '20.00' });
  const { message } = await shareFileAsUser(live.slack, { userId: SLACK.emp, name: `r-${n}.pdf`, content, mimetype: 'application/pdf' });
  const reply = await until(() => live.fake.messages(SLACK.emp).find((m) => m.thread_ts === message.ts && /DOC-\d+/.test(m.text)), 60_000, 'upload reply');
  const reference = /DOC-\d+/.exec(reply.text)![0];
  const confirm = await until(() => findMessage(live, SLACK.emp, (m) => m.text.startsWith(`${reference}:`) && buttonsOf(m).some((b) => b.actionId === 'doc_confirm')), 60_000, 'confirmation');
  await press(live, SLACK.emp, confirm, 'doc_confirm');
  const ask = await until(() => findMessage(live, SLACK.appr1, (m) => m.text.startsWith(`${reference}:`) && buttonsOf(m).some((b) => b.actionId === 'step_approve')), 60_000, 'approval request');
  return { reference, ask };
}

/** One click; the HTTP answer and the first visible change (ephemeral or the message updated). */
async function clickAndSee(who: string, m: FakeMessage, action: string) {
  const before = live.fake.ephemerals(who).length;
  const t = Date.now();
  const res = await press(live, who, m, action);
  const httpMs = Date.now() - t;
  const seen = await until(
    () => {
      const e = live.fake.ephemerals(who).slice(before)[0];
      if (e) return { ephemeral: e.text };
      const now = live.fake.message(m.channel, m.ts);
      return now && buttonsOf(now).length === 0 ? { updated: true } : undefined;
    },
    8_000,
    'visible answer to the click',
  );
  return { status: res.status, httpMs, visibleMs: Date.now() - t, ...seen };
}

describe('clicks during an outage', () => {
  it('with the Temporal server not answering: an ephemeral "try again in a minute" in Slack time; after it is back the click works', async () => {
    const { ask } = await atFirstApproval(1);
    frozen = live.temporalPid()!;
    process.kill(frozen, 'SIGSTOP');
    const r = await clickAndSee(SLACK.appr1, ask, 'step_approve');
    expect(r.status).toBe(200);
    expect(r.httpMs).toBeLessThan(3_000);
    expect(r.ephemeral).toMatch(/not answering|not reachable/);
    expect(r.ephemeral).toMatch(/try again in a minute/);
    expect(r.visibleMs).toBeLessThan(7_000);
    process.kill(frozen, 'SIGCONT');
    frozen = null;
    const again = await clickAndSee(SLACK.appr1, live.fake.message(ask.channel, ask.ts)!, 'step_approve');
    expect(again).toMatchObject({ updated: true });
  }, 200_000);

  it('with PostgreSQL just killed: the click gets a visible answer (it went through, or "try again in a minute")', async () => {
    const { ask } = await atFirstApproval(2);
    process.kill(live.pgPid()!, 'SIGKILL');
    const r = await clickAndSee(SLACK.appr1, ask, 'step_approve');
    expect(r.status).toBe(200);
    expect(r.httpMs).toBeLessThan(3_000);
    if ('ephemeral' in r) expect(r.ephemeral).toMatch(/not reachable.*try again in a minute|not answering/);
    expect(r.visibleMs).toBeLessThan(8_000);
  }, 200_000);
});
