// Finding programs the way a shell does, for the tools this project looks up on a machine.
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first of `names` found in the directories of `searchPath` (PATH by default). */
export function onPath(names: string | string[], searchPath = process.env.PATH ?? ''): string | null {
  for (const dir of searchPath.split(path.delimiter)) {
    for (const name of [names].flat()) if (dir && executable(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}
