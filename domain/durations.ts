/**
 * Durations typed by administrators ('15m', '1d12h'). Short units so tests
 * and demos can use seconds (docs/product.md "Reminders and escalation").
 */
const UNITS = [
  ['w', 7 * 86_400_000],
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
] as const;

/**
 * '30s', '15m', '4h', '3d', '2w', '1d12h', '1d 12h' → ms; null otherwise.
 * Units from largest to smallest, each at most once ('12h1d' is refused as a
 * likely typo). A bare number is refused: minutes or hours? '0s' gives 0.
 */
export function parseDuration(text: string): number | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, '');
  if (t === '') return null;
  const re = /(\d+)([wdhms])/y;
  let total = 0;
  let lastUnit = -1;
  let pos = 0;
  while (pos < t.length) {
    re.lastIndex = pos;
    const m = re.exec(t);
    if (!m) return null;
    const unit = UNITS.findIndex(([u]) => u === m[2]);
    if (unit <= lastUnit) return null;
    lastUnit = unit;
    total += Number(m[1]) * (UNITS[unit]?.[1] ?? 0);
    pos = re.lastIndex;
  }
  return Number.isSafeInteger(total) ? total : null;
}

/**
 * ms → '1d12h', '15m', '0s': the same syntax parseDuration reads, so what the
 * bot shows can be typed back. Weeks are not used (days read easier);
 * sub-second remainders are dropped except for a duration under one second.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatDuration(-ms)}`;
  if (ms > 0 && ms < 1_000) return `${Math.round(ms)}ms`;
  let rest = Math.floor(ms / 1_000) * 1_000;
  let out = '';
  for (const [u, size] of UNITS) {
    if (u === 'w') continue;
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${u}`;
    rest -= n * size;
  }
  return out === '' ? '0s' : out;
}
