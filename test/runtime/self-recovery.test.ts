// Issue 13 #15: the app heals itself. The embedded Temporal server and, separately, the
// embedded PostgreSQL of a running app are killed with SIGKILL; without restarting the app a
// document still goes from upload to approved through its two-stage chain, and the log says
// what died and when it was back.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAlive } from '../../runtime/orphans';
import { startLiveApp, type LiveApp } from '../../scripts/lib/live-app';
import { runExpense } from '../../scripts/lib/live-flow';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'countersign-recovery-'));
let live: LiveApp;

beforeAll(async () => {
  live = await startLiveApp(dataDir);
}, 200_000);
afterAll(async () => {
  await live?.close();
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
});

async function waitForLog(text: string, since: number, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!live.app.output().slice(since).includes(text)) {
    if (Date.now() > deadline) throw new Error(`no "${text}" in the log within ${ms} ms:\n${live.app.output().slice(since)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function killAndWait(pid: number): Promise<void> {
  process.kill(pid, 'SIGKILL');
  while (isAlive(pid)) await new Promise((r) => setTimeout(r, 20));
}

describe('self-recovery of the embedded services', () => {
  it('a document goes through before any fault (the baseline)', async () => {
    const r = await runExpense(live, 1);
    expect(r, live.app.output().slice(-3000)).toMatchObject({ final: true });
  }, 180_000);

  it('after SIGKILL of the embedded Temporal server', async () => {
    const pid = live.temporalPid()!;
    const since = live.app.output().length;
    const t = Date.now();
    await killAndWait(pid);
    await waitForLog('embedded Temporal server restarted', since);
    const r = await runExpense(live, 2);
    expect(r, live.app.output().slice(since)).toMatchObject({ final: true });
    expect(live.temporalPid()).not.toBe(pid);
    console.log(`Temporal killed → document approved in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }, 180_000);

  it('after SIGKILL of the embedded PostgreSQL', async () => {
    const pid = live.pgPid()!;
    const since = live.app.output().length;
    const t = Date.now();
    await killAndWait(pid);
    await waitForLog('embedded PostgreSQL restarted', since);
    const r = await runExpense(live, 3);
    expect(r, live.app.output().slice(since)).toMatchObject({ final: true });
    console.log(`PostgreSQL killed → document approved in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }, 180_000);
});
