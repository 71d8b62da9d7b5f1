// How long `npm start` takes to stop: Ctrl-C in a terminal (SIGINT to the whole process group,
// so PostgreSQL and Temporal get it too), `docker stop` (SIGTERM to the main process only), and
// a second Ctrl-C during the shutdown. One fresh DATA_DIR, one start per way of stopping.
// Usage: npm run bench:shutdown
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appEnv, startApp, stopApp, type StopSignal } from './lib/app-process';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'countersign-bench-shutdown-'));
const ways: StopSignal[] = ['SIGINT to the group', 'SIGTERM to the process', 'SIGINT twice to the group'];
try {
  const env = await appEnv(dataDir);
  for (const how of ways) {
    const app = await startApp(env, { detached: true });
    const r = await stopApp(app, how);
    console.log(`${how.padEnd(26)} ready ${(app.readyMs / 1000).toFixed(1)} s · exit ${r.code} after ${(r.ms / 1000).toFixed(2)} s · ${r.leftBehind ? 'PROCESSES LEFT BEHIND' : 'no process left'}`);
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true, maxRetries: 5 });
}
