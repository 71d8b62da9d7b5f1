import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readlinkSync, symlinkSync, unlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

export interface LangData {
  /** Tesseract language codes in priority order that have a file on disk. */
  langs: string[];
  missing: string[];
  /** One directory holding `<lang>.traineddata.gz` links: tesseract.js takes a single langPath. */
  dir: string;
}

/** The LSTM-only best_int models from npm: same accuracy as the big ones, a third of the memory. */
function npmModel(lang: string): string | null {
  try {
    const pkg = require.resolve(`@tesseract.js-data/${lang}/package.json`);
    const p = path.join(path.dirname(pkg), '4.0.0_best_int', `${lang}.traineddata.gz`);
    return existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

/** Models shipped in the repository (vendor/tessdata): Estonian has no npm or PyPI package. */
export const VENDORED_TESSDATA = fileURLToPath(new URL('../../vendor/tessdata/', import.meta.url));

function dirModel(lang: string, dirs: string[]): string | null {
  for (const d of dirs) {
    for (const f of [`${lang}.traineddata`, `${lang}.traineddata.gz`]) {
      const p = path.join(d, f);
      if (existsSync(p)) return p;
    }
  }
  return null;
}

/**
 * Finds every requested model before any worker starts: tesseract.js never settles (or kills the
 * process) when a model is missing, and without a local langPath it would try a CDN.
 * tesseract.js sniffs gzip magic bytes, so a plain .traineddata linked under a .gz name loads
 * fine and all languages can share one directory with `gzip: true`.
 */
export function resolveLangData(requested: string[], extraDirs: string[]): LangData {
  const found: [string, string][] = [];
  const missing: string[] = [];
  for (const lang of requested) {
    const file = npmModel(lang) ?? dirModel(lang, [VENDORED_TESSDATA]) ?? dirModel(lang, extraDirs);
    if (file) found.push([lang, file]);
    else missing.push(lang);
  }
  const id = createHash('sha1').update(JSON.stringify(found)).digest('hex').slice(0, 12);
  const dir = path.join(os.tmpdir(), `countersign-tessdata-${process.getuid?.() ?? 'u'}-${id}`);
  mkdirSync(dir, { recursive: true });
  for (const [lang, file] of found) {
    const link = path.join(dir, `${lang}.traineddata.gz`);
    let current: string | null = null;
    try {
      current = readlinkSync(link);
    } catch {
      current = null;
    }
    if (current === file) continue;
    try {
      if (current !== null) unlinkSync(link);
      symlinkSync(file, link);
    } catch (err) {
      // Another process may have created it at the same moment.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return { langs: found.map(([l]) => l), missing, dir };
}

/** ISO 639-1 names used in options ("en", "et", "fr") → Tesseract codes. */
export function toTesseractCode(lang: string): string {
  const map: Record<string, string> = { en: 'eng', et: 'est', fr: 'fra', de: 'deu', fi: 'fin', lv: 'lav', lt: 'lit', ru: 'rus' };
  return map[lang.toLowerCase()] ?? lang.toLowerCase();
}
