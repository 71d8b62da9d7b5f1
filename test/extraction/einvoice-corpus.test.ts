// Every XML and PDF of the shared e-invoice corpus against its truth file: every truth key
// (incl. lines and documentType) must be read exactly, and only the PDFs whose page
// disagrees with their XML (the truth's `_pdfVisible`) carry the "differs" warning.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extractDocument, shutdownOcr } from '../../extraction/index';
import { locateEinvoiceCorpus, missesAgainst, truthFor } from './einvoice-truth';

const root = locateEinvoiceCorpus();
const files = (readdirSync(root, { recursive: true }) as string[])
  .filter((f) => /\.(xml|pdf)$/.test(f) && !f.startsWith('scanned'))
  .sort();

afterAll(async () => shutdownOcr());

describe(`the e-invoice corpus (${root})`, () => {
  it('holds the documents its README lists', () => {
    expect(files.filter((f) => f.endsWith('.xml'))).toHaveLength(103);
    expect(files.filter((f) => f.endsWith('.pdf'))).toHaveLength(40);
  });

  it('reads every truth key of every document exactly', async () => {
    const misses: string[] = [];
    const differs: string[] = [];
    for (const f of files) {
      const got = await extractDocument(readFileSync(path.join(root, f)), path.basename(f));
      if (got.source !== 'einvoice') misses.push(`${f}: read from ${got.source}`);
      for (const m of missesAgainst(got, truthFor(path.join(root, f)))) misses.push(`${f}: ${m.key} ${JSON.stringify(m.got)} ≠ ${JSON.stringify(m.want)}`);
      if (got.warnings.some((w) => w.startsWith('The visible PDF differs'))) differs.push(f);
    }
    expect(misses).toEqual([]);
    const disagreeing = files.filter((f) => {
      const visible = truthFor(path.join(root, f))._pdfVisible as Record<string, unknown> | undefined;
      // Only pages that print a different value, not ones that merely leave a value out.
      return visible && Object.values(visible).some((v) => v !== null);
    });
    expect(differs).toEqual(disagreeing);
  });
});
