import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import { ExtractionError } from '../errors';
import { pdfError } from './pdfText';

let pdftoppmPath: string | null | undefined;

/**
 * Debian's pdftoppm renders an image-only page far faster than pdf.js, provided it writes PGM:
 * its PNG encoder spent 20 s compressing one noisy 300-dpi scan that PGM wrote in 0.36 s.
 * tesseract.js (leptonica) reads PGM directly; a page is ~8.7 MB and only one is alive.
 */
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

export type Rasterizer = 'pdftoppm' | 'pdfjs';

/**
 * Yields one grayscale image (PGM from pdftoppm, PNG from pdf.js) per requested page, one at a time, so at most one page bitmap is
 * alive per file regardless of page count.
 */
export async function* rasterizePages(
  pdf: Buffer,
  pageNumbers: number[],
  dpi: number,
  deadline: number,
  prefer: Rasterizer | 'auto' = 'auto',
): AsyncGenerator<{ page: number; png: Buffer }> {
  const tool = prefer === 'pdfjs' ? null : findPdftoppm();
  if (tool) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cs-raster-'));
    const file = path.join(dir, 'in.pdf');
    try {
      await writeFile(file, pdf);
      for (const page of pageNumbers) {
        yield { page, png: await runPdftoppm(tool, file, page, dpi, deadline) };
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return;
  }
  const parser = new PDFParse({ data: new Uint8Array(pdf), verbosity: 0 });
  try {
    for (const page of pageNumbers) {
      let shot;
      try {
        shot = await parser.getScreenshot({ partial: [page], scale: dpi / 72, imageDataUrl: false, imageBuffer: true });
      } catch (err) {
        throw pdfError(err);
      }
      const data = shot.pages[0]?.data;
      if (!data) throw new ExtractionError('corrupt', `Page ${page} of the PDF could not be rendered.`);
      yield { page, png: Buffer.from(data) };
      if (Date.now() > deadline) throw timeoutError();
    }
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

export const timeoutError = () => new ExtractionError('timeout', 'Reading the document took too long and was stopped.');

function runPdftoppm(tool: string, file: string, page: number, dpi: number, deadline: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, ['-r', String(dpi), '-f', String(page), '-l', String(page), '-gray', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(timeoutError());
    }, Math.max(1, deadline - Date.now()));
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new ExtractionError('corrupt', 'The PDF page could not be rendered.', { cause: err }));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const out = Buffer.concat(chunks);
      if (code === 0 && out.length) resolve(out);
      else reject(new ExtractionError('corrupt', `Page ${page} of the PDF could not be rendered.`, { cause: new Error(stderr.trim()) }));
    });
  });
}
