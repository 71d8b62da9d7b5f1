// Where the shared real-document corpora live: `shared/corpus/<name>` beside the repository
// (CI: ../shared), or beside one of its parent folders (a worktree under /work/wt finds /work/shared).
import { existsSync } from 'node:fs';
import path from 'node:path';

export function locateSharedCorpus(name: string, from = path.resolve('.')): string {
  const tried: string[] = [];
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(path.dirname(dir), 'shared', 'corpus', name);
    tried.push(candidate);
    if (existsSync(path.join(candidate, 'README.md'))) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`The shared corpus ${name} was not found; put shared/corpus/${name} beside the repository (looked in ${tried.join(', ')}).`);
}
