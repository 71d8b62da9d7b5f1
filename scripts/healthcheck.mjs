// The image's HEALTHCHECK: healthy once `npm start` (or dist/runtime/main.js) has said
// "Countersign ready" and while that process lives. main.ts writes DATA_DIR/countersign.ready
// with its pid when ready and removes it when it begins to stop. Plain JavaScript: no build.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const file = path.resolve(process.env.DATA_DIR ?? './.countersign', 'countersign.ready');
try {
  const pid = Number.parseInt(readFileSync(file, 'utf8'), 10);
  process.kill(pid, 0);
} catch {
  console.error(`not ready: ${file} is missing or names a process that is gone`);
  process.exit(1);
}
