// Wires the extraction module into the worker's extraction activity, with the limits from
// configuration.
import type { Extractor } from '../activities';
import type { Config } from './config';
import type { Logger } from './logger';

export async function loadExtractor(cfg: Config, log: Logger): Promise<Extractor> {
  const { extractDocument } = await import('../extraction');
  log.debug('extraction module loaded');
  return (file, fileName, opts) =>
    extractDocument(file, fileName, {
      signal: opts?.signal,
      extraLangDirs: cfg.OCR_LANG_DIRS,
      maxFileBytes: cfg.MAX_FILE_MB * 1024 * 1024,
      maxPages: cfg.MAX_PAGES,
    });
}
