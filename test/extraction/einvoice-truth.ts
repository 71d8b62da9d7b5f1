// Compares an extraction with a corpus truth file (`*.truth.json`): every non-underscore key,
// lines as {description, quantity, netAmount, vatRate} (a rate the truth leaves out is null here).
import { readFileSync } from 'node:fs';
import type { ExtractedFields } from '../../extraction';
import { locateSharedCorpus } from '../../scripts/shared-corpus';

export type Truth = Record<string, unknown>;

export interface Miss {
  key: string;
  got: unknown;
  want: unknown;
}

const lineView = (l: { description: string; quantity: string | null; netAmount: string | null; vatRate?: string | null }) => ({
  description: l.description,
  quantity: l.quantity,
  netAmount: l.netAmount,
  ...(l.vatRate == null ? {} : { vatRate: l.vatRate }),
});

export function truthKeys(truth: Truth): string[] {
  return Object.keys(truth).filter((k) => !k.startsWith('_'));
}

export function missesAgainst(got: ExtractedFields, truth: Truth): Miss[] {
  const misses: Miss[] = [];
  for (const key of truthKeys(truth)) {
    const want = key === 'lines' ? JSON.stringify(truth.lines) : truth[key];
    const value = (got as unknown as Record<string, unknown>)[key];
    const have = key === 'lines' ? JSON.stringify((got.lines ?? []).map(lineView)) : value;
    if (have !== want) misses.push({ key, got: have, want });
  }
  return misses;
}

export const truthFor = (file: string): Truth => JSON.parse(readFileSync(file.replace(/\.(xml|pdf)$/, '.truth.json'), 'utf8')) as Truth;

/** The shared e-invoice corpus beside the repository; a clear error when it is absent. */
export const locateEinvoiceCorpus = (): string => locateSharedCorpus('einvoices');
