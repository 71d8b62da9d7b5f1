import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExtractionError, extractDocument, shutdownOcr } from '../../extraction/index';
import { OcrPool } from '../../extraction/ocr/pool';
import { FIXTURES } from './corpus';
import { makePdf } from './helpers';

afterAll(async () => {
  await shutdownOcr();
});

async function failure(p: Promise<unknown>): Promise<ExtractionError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ExtractionError);
  const e = err as ExtractionError;
  // One sentence a person can read: capitalised, ends with a full stop, no stack or JSON.
  expect(e.message).toMatch(/^[A-Z][^\n{}]*\.$/);
  return e;
}

const textPdf = readFileSync(path.join(FIXTURES, 'fr-facture-sas.pdf'));

describe('bad input gets a clear ExtractionError', { timeout: 60_000 }, () => {
  it('empty file', async () => {
    expect((await failure(extractDocument(Buffer.alloc(0), 'empty.pdf'))).code).toBe('empty');
  });

  it('corrupt PDF (header then garbage)', async () => {
    const buf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4000, 0x41)]);
    expect((await failure(extractDocument(buf, 'corrupt.pdf'))).code).toBe('corrupt');
  });

  it('truncated PDF', async () => {
    const e = await failure(extractDocument(textPdf.subarray(0, Math.floor(textPdf.length * 0.6)), 'cut.pdf'));
    expect(e.code).toBe('corrupt');
  });

  it('encrypted PDF (user password)', async () => {
    const buf = await makePdf(1, { userPassword: 'secret', ownerPassword: 'owner', pdfVersion: '1.7' });
    const e = await failure(extractDocument(buf, 'locked.pdf'));
    expect(e.code).toBe('encrypted');
    expect(e.message).toMatch(/password/);
  });

  it('a ZIP renamed .pdf is refused by its magic bytes', async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 1)]);
    const e = await failure(extractDocument(zip, 'invoice.pdf'));
    expect(e.code).toBe('unsupported_type');
    expect(e.message).toMatch(/ZIP/);
  });

  it('HEIC says it is not supported yet', async () => {
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic', 'latin1'), Buffer.alloc(64)]);
    const e = await failure(extractDocument(heic, 'IMG_0001.jpg'));
    expect(e.code).toBe('unsupported_type');
    expect(e.message).toMatch(/HEIC.*not supported yet/);
  });

  it('a 40 MB photo is over the 25 MB default limit', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cs-big-'));
    try {
      const file = path.join(dir, 'big.jpg');
      const big = Buffer.alloc(40 * 1024 * 1024, 0x55);
      big[0] = 0xff;
      big[1] = 0xd8;
      big[2] = 0xff;
      writeFileSync(file, big);
      const e = await failure(extractDocument(readFileSync(file), 'big.jpg'));
      expect(e.code).toBe('too_large');
      expect(e.message).toMatch(/40 MB.*25 MB/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a 300-page PDF is refused over the page limit, and the limit is an option', async () => {
    const buf = await makePdf(300);
    const e = await failure(extractDocument(buf, 'annex.pdf'));
    expect(e.code).toBe('too_many_pages');
    expect(e.message).toMatch(/300 pages/);
    const ok = await extractDocument(buf, 'annex.pdf', { maxPages: 300 });
    expect(ok.pages).toBe(300);
    expect(ok.source).toBe('text');
  });

  it('an image that is not decodable', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(100, 7)]);
    expect((await failure(extractDocument(png, 'x.png'))).code).toBe('corrupt');
  });

  it('a per-file timeout stops a slow OCR job', async () => {
    const scan = readFileSync(path.join(FIXTURES, 'scan-et-kviitung-photo.jpg'));
    expect((await failure(extractDocument(scan, 'slow.jpg', { timeoutMs: 50 }))).code).toBe('timeout');
  });

  it('plain text and unknown bytes are unsupported, not crashes', async () => {
    expect((await failure(extractDocument(Buffer.from('just some text'), 'a.pdf'))).code).toBe('unsupported_type');
  });
});

describe('OCR pool', { timeout: 90_000 }, () => {
  it('refuses missing language data instead of hanging', async () => {
    const pool = new OcrPool({ size: 1, recycleAfterPages: 5, startTimeoutMs: 5000 });
    const err = await pool.recognize(Buffer.alloc(10), ['xyz'], [], Date.now() + 5000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExtractionError);
    expect((err as ExtractionError).code).toBe('ocr_unavailable');
    await pool.shutdown();
  });

  it('recycles a worker after N pages and never runs more than `size` jobs at once', async () => {
    const sharp = (await import('sharp')).default;
    const png = await sharp({ create: { width: 600, height: 120, channels: 3, background: { r: 255, g: 255, b: 255 } } })
      .composite([{ input: Buffer.from('<svg width="600" height="120"><text x="10" y="70" font-size="48" font-family="DejaVu Sans">Total 12,50</text></svg>') }])
      .png()
      .toBuffer();
    const pool = new OcrPool({ size: 1, recycleAfterPages: 2, startTimeoutMs: 20000 });
    const deadline = Date.now() + 60000;
    const pages = await Promise.all([1, 2, 3].map(() => pool.recognize(png, ['eng'], [], deadline)));
    expect(pages.every((p) => /12,50/.test(p.text))).toBe(true);
    expect(pool.pagesRecognised).toBe(3);
    // size 1 → one worker at a time; recycled after 2 pages → a second worker for page 3.
    expect(pool.workersStarted).toBe(2);
    expect(pool.idleWorkers).toBe(1);
    await pool.shutdown();
    expect(pool.idleWorkers).toBe(0);
  });
});
