import { detectLanguage } from '../parse/labels';
import type { OcrPage, OcrPool } from './pool';

const TESS: Record<string, string> = { en: 'eng', et: 'est', fr: 'fra' };

/**
 * Tesseract with several languages reads diacritics with the first one's habits: with English
 * first "Põhjala OÜ" comes out "Pohjala OU", with Estonian first "Lumière" loses its accent.
 * English text read with Estonian first was identical on our corpus, so the first pass runs in
 * the configured order and the page is read again, with the detected language first, only when
 * that language is neither first already nor English. Later pages of the same PDF reuse the
 * order the first page settled on.
 */
export class LanguageAwareOcr {
  private order: string[];
  private settled = false;

  constructor(
    private readonly pool: OcrPool,
    langs: string[],
    private readonly dirs: string[],
    private readonly deadline: number,
    private readonly signal?: AbortSignal,
  ) {
    this.order = [...langs];
  }

  async page(png: Buffer): Promise<OcrPage> {
    const first = await this.pool.recognize(png, this.order, this.dirs, this.deadline, this.signal);
    if (this.settled) return first;
    this.settled = true;
    const lang = detectLanguage(first.text);
    const code = lang ? TESS[lang] : undefined;
    if (!code || lang === 'en' || code === this.order[0] || !this.order.includes(code)) return first;
    this.order = [code, ...this.order.filter((l) => l !== code)];
    return this.pool.recognize(png, this.order, this.dirs, this.deadline, this.signal);
  }
}
