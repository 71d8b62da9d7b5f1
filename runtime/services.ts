// Brings up the two services the engine needs, embedded or external: PostgreSQL (with
// migrations applied) and Temporal.
import path from 'node:path';
import type { Config } from './config';
import type { Logger } from './logger';
import { applyMigrations } from './migrations';
import { startEmbeddedPostgres } from './postgres';
import { supervise, type Supervised } from './supervisor';
import { startDevServer } from './temporal-server';

export interface Services {
  databaseUrl: string;
  temporalAddress: string;
  temporalUiUrl: string | null;
  filesDir: string;
  stop(): Promise<void>;
  /** Stops the embedded services without waiting (a second Ctrl-C). */
  kill(): void;
  /** Restarts of the embedded services after they died (supervisor.ts). */
  restarts(): { postgres: number; temporal: number };
}

/** `keepRunning` is false once the app is stopping: a child that dies then is not restarted. */
export async function startServices(cfg: Config, log: Logger, opts: { keepRunning?: () => boolean } = {}): Promise<Services> {
  const stops: (() => Promise<void>)[] = [];
  const kills: (() => void)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((err) => log.warn({ err }, 'stopping a service failed'));
  };
  try {
    let databaseUrl = cfg.DATABASE_URL;
    let pgSupervised: Supervised | null = null;
    let temporalSupervised: Supervised | null = null;
    if (!databaseUrl) {
      const startPg = () => startEmbeddedPostgres({ dataDir: cfg.dataDir, databaseDir: cfg.POSTGRES_DATA_DIR, port: cfg.POSTGRES_PORT, database: 'countersign', log });
      const pg = await startPg();
      pgSupervised = supervise('PostgreSQL', pg, startPg, log, opts);
      stops.push(pgSupervised.stop);
      kills.push(pgSupervised.kill);
      databaseUrl = pg.url;
      log.info({ port: cfg.POSTGRES_PORT }, 'embedded PostgreSQL running');
    }
    const applied = await applyMigrations(databaseUrl);
    if (applied.length > 0) log.info({ applied }, 'migrations applied');

    let temporalAddress = cfg.TEMPORAL_ADDRESS;
    let temporalUiUrl: string | null = null;
    if (!temporalAddress) {
      const startTemporal = () =>
        startDevServer({
          dataDir: cfg.dataDir,
          port: cfg.TEMPORAL_PORT,
          uiPort: cfg.TEMPORAL_UI_PORT,
          namespace: cfg.TEMPORAL_NAMESPACE,
          cliPath: cfg.TEMPORAL_CLI_PATH,
          log,
        });
      const t = await startTemporal();
      temporalSupervised = supervise('Temporal server', t, startTemporal, log, opts);
      stops.push(temporalSupervised.stop);
      kills.push(temporalSupervised.kill);
      temporalAddress = t.address;
      temporalUiUrl = t.uiUrl;
      log.info({ address: t.address, ui: t.uiUrl }, 'embedded Temporal dev server running');
    }
    return {
      databaseUrl,
      temporalAddress,
      temporalUiUrl,
      filesDir: path.join(cfg.dataDir, 'files'),
      stop,
      kill: () => kills.forEach((k) => k()),
      restarts: () => ({ postgres: pgSupervised?.restarts() ?? 0, temporal: temporalSupervised?.restarts() ?? 0 }),
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
