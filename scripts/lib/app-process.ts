// `npm start` as a child process, for the tests and the shutdown benchmark: spawn it (in its
// own process group when asked, as a terminal runs it), wait for "ready", wait for its exit.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePorts } from './ports';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface AppProcess {
  child: ChildProcess;
  output(): string;
  /** Milliseconds from spawn to "Countersign ready". */
  readyMs: number;
}

export async function startApp(env: Record<string, string>, opts: { detached?: boolean; readyTimeoutMs?: number } = {}): Promise<AppProcess> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, LOG_FORMAT: 'json', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: opts.detached ?? false,
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const ms = opts.readyTimeoutMs ?? 150_000;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready within ${ms / 1000} s:\n${out}`)), ms);
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
  return { child, output: () => out, readyMs: Date.now() - started };
}

/** The exit code, or a failure naming what the process printed when it does not exit in time. */
export function exited(child: ChildProcess, output: () => string = () => '', ms = 90_000): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not exit within ${ms / 1000} s:\n${output()}`)), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

/** True while any process of the group `pgid` exists. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** An environment for a self-contained start in `dataDir`: embedded services on free ports, the sandbox. */
export async function appEnv(dataDir: string): Promise<Record<string, string>> {
  const [pgPort, temporalPort, botPort, sandboxPort] = await freePorts(4);
  return {
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
}

export type StopSignal = 'SIGINT to the group' | 'SIGTERM to the process' | 'SIGINT twice to the group';

/**
 * Stops a detached app the way a terminal's Ctrl-C (the whole process group) or `docker stop`
 * (the main process only) does; resolves with the exit code, the time to exit, and whether any
 * process of its group outlived it.
 */
export async function stopApp(app: AppProcess, how: StopSignal): Promise<{ code: number | null; ms: number; leftBehind: boolean }> {
  const pid = app.child.pid!;
  const t = Date.now();
  if (how === 'SIGTERM to the process') process.kill(pid, 'SIGTERM');
  else process.kill(-pid, 'SIGINT');
  if (how === 'SIGINT twice to the group') {
    // The second Ctrl-C once the first one has begun the shutdown.
    await waitFor(() => app.output().includes('"msg":"stopping"'), 10_000);
    process.kill(-pid, 'SIGINT');
  }
  const code = await exited(app.child, app.output, 60_000);
  const ms = Date.now() - t;
  // Children still exiting after the parent may take a moment; anything alive later is left behind.
  const leftBehind = !(await waitFor(() => !groupAlive(pid), 2_000).then(() => true, () => false));
  return { code, ms, leftBehind };
}

async function waitFor(ok: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
