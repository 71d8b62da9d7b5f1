// `npm start` as a user runs it: embedded PostgreSQL and Temporal, migrations, worker; ready;
// survives a kill -9 (the next start cleans up the orphans and comes up again); Ctrl-C stops
// every child.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive, readPid } from '../../runtime/orphans';
import { appEnv, exited, startApp } from '../../scripts/lib/app-process';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'countersign-start-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
});

const start = async (env: Record<string, string>) => {
  const app = await startApp(env);
  children.push(app.child);
  return app;
};

describe('npm start', () => {
  it('comes up, survives kill -9, and stops cleanly on Ctrl-C', async () => {
    const env = await appEnv(dataDir);
    // With no Slack credentials the sandbox page plays Slack for the bot.
    const first = await start(env);
    expect(first.output()).toContain('migrations applied');
    const page = /try it at (http:\/\/127\.0\.0\.1:\d+\/?)/.exec(first.output())?.[1];
    expect(page).toBe(`http://127.0.0.1:${env.SANDBOX_PORT}/`);
    const res = await fetch(page!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);

    // The crash: the app dies without cleaning up; PostgreSQL and Temporal are orphaned.
    const appPid = readPid(path.join(dataDir, 'countersign.pid'))!;
    const pgPid = Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(appPid, 'SIGKILL');
    await exited(first.child, first.output);
    expect(isAlive(pgPid)).toBe(true);

    const second = await start({ ...env, COUNTERSIGN_SANDBOX: 'off' });
    expect(second.output()).toContain('Slack credentials missing: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET');
    expect(second.output()).not.toContain('migrations applied'); // data survived the restart
    expect(isAlive(pgPid)).toBe(false); // the orphan was stopped and replaced

    second.child.kill('SIGINT');
    expect(await exited(second.child, second.output)).toBe(0);
    expect(second.output()).toContain('"msg":"stopped"');
    const pgNow = readPid(path.join(dataDir, 'postgres', 'postmaster.pid'));
    expect(pgNow === null || !isAlive(pgNow)).toBe(true);
  }, 420_000);
});
