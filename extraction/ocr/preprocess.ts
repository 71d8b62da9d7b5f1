import sharp from 'sharp';
import { ExtractionError } from '../errors';

/** Tesseract reads 10-pt text best at roughly 300 dpi: ~3000 px on an A4 page's long side. */
const TARGET_LONG_SIDE = 3000;
const MAX_LONG_SIDE = 3600;
const MIN_LONG_SIDE = 2200;

export interface Prepared {
  png: Buffer;
  width: number;
  height: number;
  scaled: number;
}

/**
 * Photos and scans → upright (EXIF orientation), grayscale, contrast-stretched PNG at a size
 * Tesseract handles well: huge phone photos are shrunk (memory, speed), small or low-dpi scans
 * are enlarged (accuracy).
 */
export async function preprocessImage(input: Buffer): Promise<Prepared> {
  try {
    // 120 MP is far above any phone camera; beyond it sharp refuses rather than exhausting memory.
    const img = sharp(input, { limitInputPixels: 120_000_000, failOn: 'error', pages: 1 }).rotate();
    const meta = await img.metadata();
    let w = meta.autoOrient?.width ?? meta.width ?? 0;
    let h = meta.autoOrient?.height ?? meta.height ?? 0;
    if (!w || !h) throw new Error('no dimensions');
    const long = Math.max(w, h);
    let scale = 1;
    if (long > MAX_LONG_SIDE) scale = TARGET_LONG_SIDE / long;
    else if (long < MIN_LONG_SIDE) scale = Math.min(2.5, TARGET_LONG_SIDE / long);
    let pipeline = img.grayscale();
    if (scale !== 1) {
      w = Math.round(w * scale);
      h = Math.round(h * scale);
      pipeline = pipeline.resize(w, h, { kernel: scale > 1 ? 'cubic' : 'lanczos3' });
    }
    const png = await pipeline.png({ compressionLevel: 1 }).toBuffer();
    return { png, width: w, height: h, scaled: scale };
  } catch (err) {
    throw new ExtractionError('corrupt', 'The image is damaged or in a format that cannot be decoded.', { cause: err });
  }
}
