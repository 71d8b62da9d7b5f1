// `npm run build`: compiled JavaScript for the production image and fast CLI starts. Each entry
// point becomes one ESM file at the same depth under dist/ (dist/runtime/main.js,
// dist/scripts/extract.js…), so paths the code takes relative to its own file
// (`../../vendor/tessdata/`) still land in the project root; npm packages stay external.
// The Temporal workflows are bundled once here instead of at every worker start.
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { build } from 'esbuild';
import { WORKFLOWS_PATH } from '../runtime/worker';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = path.join(ROOT, 'dist');

const ENTRY_POINTS = ['runtime/main.ts', 'scripts/extract.ts', 'scripts/export.ts', 'scripts/score.ts', 'scripts/db-migrate.ts'];

rmSync(DIST, { recursive: true, force: true });
await build({
  absWorkingDir: ROOT,
  entryPoints: ENTRY_POINTS,
  outdir: DIST,
  outbase: '.',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
// sandbox/index.ts serves the folder beside its own file: in the bundle, that is dist/runtime/.
cpSync(path.join(ROOT, 'sandbox', 'static'), path.join(DIST, 'runtime', 'static'), { recursive: true });
// The OCR child process is plain JavaScript, started by path (extraction/ocr/processWorker.ts).
cpSync(path.join(ROOT, 'extraction', 'ocr', 'ocr-child.mjs'), path.join(DIST, 'extraction', 'ocr', 'ocr-child.mjs'));
const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH });
mkdirSync(path.join(DIST, 'workflows'), { recursive: true });
writeFileSync(path.join(DIST, 'workflows', 'bundle.js'), code);
console.log(`built ${ENTRY_POINTS.length} entry points and the workflow bundle into dist/`);
