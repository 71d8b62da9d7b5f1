/**
 * npm run bench:soak [-- --tsx]
 * Runs the soak (scripts/lib/soak.ts: RSS of the extraction worker and its OCR processes over
 * 1,000 OCR pages) the way production runs the worker: compiled JavaScript under plain node
 * (`node dist/runtime/main.js`, the Docker image). Under tsx (`npm start`) every large module
 * (pdf.js above all) is transformed at load and kept with its source map, which alone costs
 * ~250 MB; `--tsx` measures that way for comparison.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '..');
const underTsx = process.argv.includes('--tsx');
let cmd: string[];
if (underTsx) {
  cmd = ['--import', 'tsx', '--expose-gc', path.join(ROOT, 'scripts/lib/soak.ts')];
} else {
  // Same depth as dist/runtime/main.js, so paths the code takes relative to its file still hold.
  const out = path.join(ROOT, 'dist', 'bench', 'soak.js');
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['scripts/lib/soak.ts'],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  mkdirSync(path.join(ROOT, 'dist', 'extraction', 'ocr'), { recursive: true });
  cpSync(path.join(ROOT, 'extraction/ocr/ocr-child.mjs'), path.join(ROOT, 'dist/extraction/ocr/ocr-child.mjs'));
  cmd = ['--expose-gc', out];
}
console.log(`# ${underTsx ? 'under tsx (npm start)' : 'compiled, plain node (npm run start:built, the image)'}`);
const r = spawnSync(process.execPath, cmd, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: '' } });
process.exit(r.status ?? 1);
