import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ExtractionError } from '../errors';
import type { OpenPdf } from './pdfium';
import type { PageSize } from './rasterPlan';

let pdftoppmPath: string | null | undefined;

/** Poppler's pdftoppm when the system has it (Debian: poppler-utils); never required. */
export function findPdftoppm(): string | null {
  if (pdftoppmPath !== undefined) return pdftoppmPath;
  pdftoppmPath = null;
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(':')) {
    const p = path.join(dir, 'pdftoppm');
    try {
      accessSync(p, constants.X_OK);
      pdftoppmPath = p;
      break;
    } catch {
      // keep looking
    }
  }
  return pdftoppmPath;
}

/**
 * pdftoppm writes PGM: its PNG encoder spent 20 s compressing one noisy 300-dpi scan that PGM
 * wrote in 0.36 s. Page sizes come from the caller (pdf.js), as pdftoppm cannot report them
 * without rendering.
 */
export async function openWithPdftoppm(tool: string, pdf: Buffer, sizes: Map<number, PageSize>, stop: StopWhen): Promise<OpenPdf & { close(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cs-raster-'));
  const file = path.join(dir, 'in.pdf');
  await writeFile(file, pdf);
  return {
    pageSize: (page) => sizes.get(page) ?? { width: 0, height: 0 },
    render: (page, dpi) => runPdftoppm(tool, file, page, dpi, stop),
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

/** When a render must stop: the file's deadline passed or its caller gave up. */
export interface StopWhen {
  deadline: number;
  signal?: AbortSignal;
  error: () => Error;
}

function runPdftoppm(tool: string, file: string, page: number, dpi: number, stop: StopWhen): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, ['-r', dpi.toFixed(2), '-f', String(page), '-l', String(page), '-gray', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const halt = () => {
      child.kill('SIGKILL');
      reject(stop.error());
    };
    const timer = setTimeout(halt, Math.max(1, stop.deadline - Date.now()));
    stop.signal?.addEventListener('abort', halt, { once: true });
    const done = () => {
      clearTimeout(timer);
      stop.signal?.removeEventListener('abort', halt);
    };
    child.on('error', (err) => {
      done();
      reject(new ExtractionError('corrupt', 'The PDF page could not be rendered.', { cause: err }));
    });
    child.on('close', (code) => {
      done();
      const out = Buffer.concat(chunks);
      if (code === 0 && out.length) resolve(out);
      else reject(new ExtractionError('corrupt', `Page ${page} of the PDF could not be rendered.`, { cause: new Error(stderr.trim()) }));
    });
  });
}
