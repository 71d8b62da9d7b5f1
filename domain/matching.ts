/** Text comparisons used by chain conditions; kept apart so they can be tested alone. */

/** Cost-centre codes compare trimmed and case-insensitively ('sales ' = 'SALES'). */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

/** Lower-case, accents removed, split into words of letters and digits. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/**
 * A supplier condition matches when its words appear, consecutively and as
 * whole words, in the supplier name: "Amazon" matches "Amazon EU S.à r.l."
 * but "AWS" does not match "Lawson". Case and accents are ignored because OCR
 * and people spell names inconsistently.
 */
export function supplierMatches(condition: string, supplierName: string): boolean {
  const want = words(condition);
  const have = words(supplierName);
  if (want.length === 0) return false;
  for (let i = 0; i + want.length <= have.length; i++) {
    if (want.every((w, j) => have[i + j] === w)) return true;
  }
  return false;
}
