// `npm start` as a user runs it: embedded PostgreSQL and Temporal, migrations, worker; ready;
// survives a kill -9 (the next start cleans up the orphans and comes up again); Ctrl-C stops
// every child.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive, readPid } from '../../runtime/orphans';
import { freePorts } from '../../scripts/lib/ports';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'countersign-start-'));
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
});

async function start(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_FORMAT: 'json', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready within 150 s:\n${out}`)), 150_000);
    const check = () => {
      if (out.includes('Countersign ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ready:\n${out}`));
    });
  });
  return { child, output: () => out };
}

/** The exit code, or a failure naming what the process printed when it does not exit in time. */
function exited(child: ChildProcess, output: () => string = () => '', ms = 90_000): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not exit within ${ms / 1000} s:\n${output()}`)), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

describe('npm start', () => {
  it('comes up, survives kill -9, and stops cleanly on Ctrl-C', async () => {
    const [pgPort, temporalPort, botPort, sandboxPort] = await freePorts(4);
    const env = {
      DATA_DIR: dataDir,
      POSTGRES_PORT: String(pgPort),
      TEMPORAL_PORT: String(temporalPort),
      TEMPORAL_UI_PORT: '0',
      PORT: String(botPort),
      SANDBOX_PORT: String(sandboxPort),
      SLACK_BOT_TOKEN: '',
      SLACK_SIGNING_SECRET: '',
      DATABASE_URL: '',
      TEMPORAL_ADDRESS: '',
    };
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
