// Issue 13 #17: stopping after an outage. With the embedded PostgreSQL killed (SIGKILL, as a
// crash or the OOM killer does), `docker stop` (SIGTERM to the main process) still stops the
// app promptly with code 0, no unhandled error from a Temporal client retry, and no child left.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive } from '../../runtime/orphans';
import { appEnv, startApp, stopApp } from '../../scripts/lib/app-process';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'countersign-outage-stop-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.pid) process.kill(-c.pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
});

describe('stopping after PostgreSQL died', () => {
  it('SIGTERM exits in under 5 s with code 0, no unhandled error, nothing left behind', async () => {
    const app = await startApp(await appEnv(dataDir), { detached: true });
    children.push(app.child);
    const pgPid = Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pgPid, 'SIGKILL');
    const deadline = Date.now() + 10_000;
    while (isAlive(pgPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(isAlive(pgPid)).toBe(false);
    // Let the app notice: its pools and Temporal's persistence lose their connections.
    await new Promise((r) => setTimeout(r, 2_000));
    const r = await stopApp(app, 'SIGTERM to the process');
    expect(r.code, app.output()).toBe(0);
    expect(r.ms, app.output()).toBeLessThan(5_000);
    expect(r.leftBehind, app.output()).toBe(false);
    expect(app.output()).not.toMatch(/Channel has been shut down|Unhandled|unhandledRejection|uncaught/i);
  }, 240_000);
});
