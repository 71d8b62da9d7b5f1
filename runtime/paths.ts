import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The project's root folder (the one with package.json), whatever the current directory, from
 * the source (runtime/) and from the built bundles (dist/runtime/) alike.
 */
export const PROJECT_ROOT = findRoot(import.meta.dirname);

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..');
  }
}
