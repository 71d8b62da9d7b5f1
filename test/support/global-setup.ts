// Starts the real services once per test run: an embedded PostgreSQL with a migrated template
// database (each test file clones it), a Temporal dev server (in-memory), and the workflow
// bundle (built once, not per worker).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { createLogger } from '../../runtime/logger';
import { applyMigrations } from '../../runtime/migrations';
import { startEmbeddedPostgres, ensureDatabase } from '../../runtime/postgres';
import { startDevServer } from '../../runtime/temporal-server';
import { WORKFLOWS_PATH } from '../../runtime/worker';
import { freePorts } from '../../scripts/lib/ports';

export const TEMPLATE_DB = 'countersign_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    templateDb: string;
    temporalAddress: string;
    workflowBundlePath: string;
    dataDir: string;
  }
}

export default async function setup(project: TestProject) {
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'countersign-test-'));
  const [pgPort, temporalPort] = (await freePorts(2)) as [number, number];

  const [pg, temporal, bundle] = await Promise.all([
    startEmbeddedPostgres({ dataDir, port: pgPort, database: TEMPLATE_DB, log }),
    startDevServer({ dataDir, port: temporalPort, uiPort: 0, namespace: 'default', log, ephemeral: true }),
    bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} } as never }),
  ]);
  await applyMigrations(pg.url);
  await ensureDatabase(pg.urlFor('postgres'), 'postgres');
  const bundlePath = path.join(dataDir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);

  project.provide('pgAdminUrl', pg.urlFor('postgres'));
  project.provide('templateDb', TEMPLATE_DB);
  project.provide('temporalAddress', temporal.address);
  project.provide('workflowBundlePath', bundlePath);
  project.provide('dataDir', dataDir);

  return async () => {
    await temporal.stop();
    await pg.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
