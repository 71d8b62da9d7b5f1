/**
 * npm run --silent extract -- <file>
 * Prints exactly one JSON object (the extracted fields) on stdout and exits 0. Anything else
 * (library warnings, OCR engine chatter) goes to stderr; a failure is one sentence on stderr
 * and a non-zero exit: 1 the document cannot be read, 2 usage or file-system problem.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ExtractionError, extractDocument, shutdownOcr } from '../extraction/index';

// Keep stdout for the JSON alone: OCR worker threads and libraries may print to it.
const writeStdout = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) =>
  (process.stderr.write as (...a: unknown[]) => boolean)(chunk, ...rest)) as typeof process.stdout.write;
console.log = console.error;
console.info = console.error;

async function main(): Promise<number> {
  const file = process.argv.slice(2).find((a) => a !== '--');
  if (!file) {
    process.stderr.write('Usage: npm run --silent extract -- <file.pdf|.xml|.jpg|.png|.webp|.tiff>\n');
    return 2;
  }
  let buf: Buffer;
  try {
    buf = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String((err as Error).message);
    process.stderr.write(`Cannot read ${file}: ${why}.\n`);
    return 2;
  }
  try {
    const result = await extractDocument(buf, path.basename(file));
    await new Promise<void>((resolve) => writeStdout(`${JSON.stringify(result, null, 2)}\n`, () => resolve()));
    return 0;
  } catch (err) {
    if (err instanceof ExtractionError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    process.stderr.write(`Extraction failed unexpectedly: ${(err as Error)?.message ?? String(err)}\n`);
    return 1;
  } finally {
    await shutdownOcr();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`Extraction failed unexpectedly: ${String(err)}\n`);
    process.exit(1);
  },
);
