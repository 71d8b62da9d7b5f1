// Root with a private home folder (/root/countersign, /root being 0700): the embedded
// PostgreSQL runs as `postgres`, which cannot enter it. Start fails at once with one sentence
// naming the setting; with POSTGRES_DATA_DIR outside the private folder it starts.
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../runtime/logger';
import { startEmbeddedPostgres } from '../../runtime/postgres';
import { unreachableAncestor } from '../../runtime/postgres-access';
import { freePort } from '../../scripts/lib/ports';

const root = mkdtempSync(path.join(os.tmpdir(), 'countersign-root-'));
chmodSync(root, 0o755);
const home = path.join(root, 'home');
mkdirSync(home, { mode: 0o700 });
chmodSync(home, 0o700);
const dataDir = path.join(home, 'countersign', '.countersign');
const log = createLogger('silent');

afterAll(() => rmSync(root, { recursive: true, force: true, maxRetries: 5 }));

describe('embedded PostgreSQL under a 0700 parent', () => {
  it('finds the folder the postgres user cannot enter', () => {
    expect(unreachableAncestor(path.join(dataDir, 'postgres'))).toBe(home);
    expect(unreachableAncestor(path.join(root, 'elsewhere', 'postgres'))).toBeNull();
  });

  const asRoot = process.getuid?.() === 0;
  it(asRoot ? 'as root: fails at once, naming the setting to change' : 'as a user: runs as that user, who can enter their own folder', async () => {
    const started = startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'app', log });
    if (asRoot) {
      await expect(started).rejects.toThrow(`The embedded PostgreSQL runs as the postgres user, which cannot enter ${home} (mode 0700): set POSTGRES_DATA_DIR`);
    } else {
      await (await started).stop();
    }
  });

  it('starts with POSTGRES_DATA_DIR outside the private folder, DATA_DIR staying inside', async () => {
    const server = await startEmbeddedPostgres({ dataDir, databaseDir: path.join(root, 'var', 'postgres'), port: await freePort(), database: 'app', log });
    try {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      const { rows } = await client.query('SELECT current_database() AS db');
      await client.end();
      expect(rows[0].db).toBe('app');
    } finally {
      await server.stop();
    }
  }, 60_000);
});
