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

/** Optional steps, each measured on the receipts corpus (see extraction/README.md). */
export interface PrepareSteps {
  /** Stretch the grey levels to the full range (faded thermal paper, grey photos). */
  normalise: boolean;
  /** Unsharp mask after resizing (soft phone photos, dot-matrix print). */
  sharpen: boolean;
  /** Enlarge narrow strips (till receipts) so the short side reaches this many pixels; 0 = off. */
  minShortSide: number;
}

export const DEFAULT_STEPS: PrepareSteps = { normalise: false, sharpen: false, minShortSide: 0 };

/**
 * Photos and scans → upright (EXIF orientation), grayscale PNG at a size Tesseract handles
 * well: huge phone photos are shrunk (memory, speed), small or low-dpi scans are enlarged
 * (accuracy).
 */
export async function preprocessImage(input: Buffer, steps: PrepareSteps = DEFAULT_STEPS): Promise<Prepared> {
  try {
    // 120 MP is far above any phone camera; beyond it sharp refuses rather than exhausting memory.
    const img = sharp(input, { limitInputPixels: 120_000_000, failOn: 'error', pages: 1 }).rotate();
    const meta = await img.metadata();
    let w = meta.autoOrient?.width ?? meta.width ?? 0;
    let h = meta.autoOrient?.height ?? meta.height ?? 0;
    if (!w || !h) throw new Error('no dimensions');
    const long = Math.max(w, h);
    const short = Math.min(w, h);
    let scale = 1;
    if (long > MAX_LONG_SIDE) scale = TARGET_LONG_SIDE / long;
    else if (long < MIN_LONG_SIDE) scale = Math.min(2.5, TARGET_LONG_SIDE / long);
    if (steps.minShortSide && short * scale < steps.minShortSide) {
      scale = Math.min(2.5, steps.minShortSide / short, MAX_LONG_SIDE / long);
    }
    let pipeline = img.grayscale();
    if (steps.normalise) pipeline = pipeline.normalise();
    if (scale !== 1) {
      w = Math.round(w * scale);
      h = Math.round(h * scale);
      pipeline = pipeline.resize(w, h, { kernel: scale > 1 ? 'cubic' : 'lanczos3' });
    }
    if (steps.sharpen) pipeline = pipeline.sharpen();
    const png = await pipeline.png({ compressionLevel: 1 }).toBuffer();
    return { png, width: w, height: h, scaled: scale };
  } catch (err) {
    throw new ExtractionError('corrupt', 'The image is damaged or in a format that cannot be decoded.', { cause: err });
  }
}
