// `npm start`: one process tree with (embedded) PostgreSQL, migrations, (embedded) Temporal,
// the worker and the Slack bot. Ctrl-C stops everything in reverse order.
import 'dotenv/config';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createDb } from '../data/db';
import { bootstrapAdmins, ensureWorkspace } from '../client/directory';
import { Engine } from '../client/engine';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { Shutdown } from './shutdown';
import { startServices } from './services';
import { createWorker } from './worker';
import { loadExtractor } from './extractor';
import { startBot } from './bot';
import { sandboxWanted, startSandboxFor } from './sandbox';
import { retireSandboxData } from './sandbox-retire';
import { ensureSearchAttributes } from './search-attributes';
import { installTemporalLogging } from './temporal-logging';
import { writePid } from './orphans';
import { startReconciler } from './reconciler';
import { watchHealth } from './health';
import { mkdirSync, rmSync } from 'node:fs';
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
  const shutdown = new Shutdown(log);
  shutdown.installSignalHandlers();
  try {
    await start(cfg, log, shutdown);
  } catch (err) {
    console.error(`Countersign failed to start: ${err instanceof Error ? err.message : String(err)}`);
    await shutdown.run('start-failure', 1);
  }
}

async function start(cfg: Config, log: Logger, shutdown: Shutdown): Promise<void> {
  const started = Date.now();
  // Lets operators (and the restart test) find the process that owns this data directory.
  mkdirSync(cfg.dataDir, { recursive: true });
  writePid(path.join(cfg.dataDir, 'countersign.pid'), process.pid);
  const services = await startServices(cfg, log, { keepRunning: () => !shutdown.isStopping });
  shutdown.add('services', () => services.stop(), 30_000, () => services.kill());
  const db = createDb(services.databaseUrl);
  shutdown.add('database', () => db.$disconnect());
  await ensureWorkspace(db, { id: cfg.COUNTERSIGN_WORKSPACE });

  const tls = cfg.TEMPORAL_TLS || Boolean(cfg.TEMPORAL_API_KEY);
  const connOpts = { address: services.temporalAddress, tls, apiKey: cfg.TEMPORAL_API_KEY };
  const nativeConnection = await NativeConnection.connect(connOpts);
  const connection = await Connection.connect(connOpts);
  let engine: Engine | null = null;
  shutdown.add('temporal connections', async () => {
    // Calls under way are cancelled first. The client connection is then left to the process
    // exit: closing it while a gRPC retry timer is pending (Temporal was unreachable) makes that
    // retry throw "Channel has been shut down" as an uncaught exception, a crash on stop.
    engine?.close();
    await nativeConnection.close();
  });
  await ensureSearchAttributes(connection, cfg.TEMPORAL_NAMESPACE, log);
  const temporal = new Client({ connection, namespace: cfg.TEMPORAL_NAMESPACE });
  // People wait in Slack: an engine that does not answer within 4 s is told as such.
  engine = new Engine(db, temporal, cfg.TEMPORAL_TASK_QUEUE, services.filesDir, { timeoutMs: 4_000 });

  // No Slack credentials: the sandbox page plays Slack, and the bot talks to it.
  const { sandbox, botCfg } = sandboxWanted(cfg) ? await startSandboxFor(cfg, log) : { sandbox: null, botCfg: cfg };
  if (sandbox) shutdown.add('sandbox', () => sandbox.stop());
  else if (cfg.SLACK_BOT_TOKEN) await retireSandboxData(db, log);
  await bootstrapAdmins(db, cfg.COUNTERSIGN_WORKSPACE, botCfg.COUNTERSIGN_ADMINS);

  const runsWorker = cfg.COUNTERSIGN_PROCESS !== 'bot';
  const bot = await startBot({ cfg: botCfg, db, engine, log, listen: cfg.COUNTERSIGN_PROCESS !== 'worker' });
  shutdown.add('bot', () => bot.stop());
  const worker = runsWorker
    ? await createWorker({
        connection: nativeConnection,
        namespace: cfg.TEMPORAL_NAMESPACE,
        taskQueue: cfg.TEMPORAL_TASK_QUEUE,
        deps: { db, filesDir: services.filesDir, extract: await loadExtractor(cfg, log), notifier: bot.notifier },
      })
    : null;
  // A bot-only process has no worker: it runs until a signal.
  const running = worker ? worker.run() : new Promise<void>(() => {});
  shutdown.add(
    'worker',
    async () => {
      // Temporal's runtime may already have begun stopping it.
      if (worker?.getState() === 'RUNNING') worker.shutdown();
      if (worker) await running;
    },
    30_000,
  );

  const health = watchHealth({ db, temporal: connection, log });
  shutdown.add('health watch', async () => health.stop());

  if (runsWorker) {
    const reconciler = startReconciler(engine, log);
    shutdown.add('reconciler', () => reconciler.stop(), 3_000);
  }

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

  // The image's HEALTHCHECK (scripts/healthcheck.mjs) reads it; removed first on stop.
  const readyFile = path.join(cfg.dataDir, 'countersign.ready');
  writePid(readyFile, process.pid);
  shutdown.add('ready marker', async () => rmSync(readyFile, { force: true }));

  await running.catch(async (err) => {
    log.error({ err }, 'worker failed');
    await shutdown.run('worker-failure', 1);
  });
}

main().catch((err) => {
  console.error(`Countersign failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
