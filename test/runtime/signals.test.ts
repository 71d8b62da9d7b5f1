// Stopping `npm start` as people do: Ctrl-C in a terminal (SIGINT to the whole process group:
// the embedded PostgreSQL and Temporal get it too) and `docker stop` (SIGTERM to the main
// process). Both stop everything in under 5 s with exit code 0 and no process left behind; a
// second Ctrl-C during the shutdown exits at once (130, as shells report an interrupt).
// Timings of the same thing for a report: npm run bench:shutdown.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appEnv, startApp, stopApp, type StopSignal } from '../../scripts/lib/app-process';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'countersign-signals-'));
const children: ChildProcess[] = [];
const env = appEnv(dataDir);

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.pid) process.kill(-c.pid, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
});

const cases: [StopSignal, number, number][] = [
  ['SIGINT to the group', 0, 5_000],
  ['SIGTERM to the process', 0, 5_000],
  ['SIGINT twice to the group', 130, 1_000],
];

describe('stopping npm start', () => {
  it.each(cases)('%s: exit code %i within %i ms, nothing left behind', async (how, code, ms) => {
    const app = await startApp(await env, { detached: true });
    children.push(app.child);
    const r = await stopApp(app, how);
    expect(r.code, app.output()).toBe(code);
    expect(r.ms).toBeLessThan(ms);
    expect(r.leftBehind).toBe(false);
    if (code === 0) expect(app.output()).toContain('"msg":"stopped"');
  }, 240_000);
});
