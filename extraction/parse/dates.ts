/** Month words in EN / FR / ET, accent-stripped and lower-cased, including Estonian case endings. */
const MONTHS: Record<string, number> = {};
const add = (month: number, ...words: string[]) => {
  for (const w of words) MONTHS[w] = month;
};
add(1, 'january', 'jan', 'janvier', 'janv', 'jaanuar', 'jaan');
add(2, 'february', 'feb', 'fevrier', 'fevr', 'fev', 'veebruar', 'veebr');
add(3, 'march', 'mar', 'mars', 'marts', 'mrts');
add(4, 'april', 'apr', 'avril', 'avr', 'aprill');
add(5, 'may', 'mai', 'mail');
add(6, 'june', 'jun', 'juin', 'juuni', 'juun');
add(7, 'july', 'jul', 'juillet', 'juil', 'juuli', 'juul');
add(8, 'august', 'aug', 'aout');
add(9, 'september', 'sep', 'sept', 'septembre');
add(10, 'october', 'oct', 'octobre', 'oktoober', 'okt');
add(11, 'november', 'nov', 'novembre');
add(12, 'december', 'dec', 'decembre', 'detsember', 'dets');

export const stripAccents = (s: string): string => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

export function monthFromWord(word: string): number | null {
  let w = stripAccents(word.toLowerCase()).replace(/\.$/, '');
  if (MONTHS[w] !== undefined) return MONTHS[w] ?? null;
  // Estonian adessive ("novembril", "märtsil", "mail") and genitive-ish forms.
  if (w.endsWith('il')) {
    // novembril → november, oktoobril → oktoober: the adessive drops the stem's last e.
    w = w.endsWith('bril') ? `${w.slice(0, -3)}er` : w.slice(0, -2);
    if (MONTHS[w] !== undefined) return MONTHS[w] ?? null;
  }
  return null;
}

export interface DateToken {
  iso: string;
  index: number;
  text: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function valid(y: number, m: number, d: number): string | null {
  if (y < 100) y += 2000;
  if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const WORD = String.raw`[A-Za-zÀ-ÿõäöüšžÕÄÖÜŠŽ]{3,10}\.?`;
/** Between day, month word and year: spaces, or one dash or slash (spaces around it allowed). */
const SEP = String.raw`(?:\s*[-/]\s*|\s+)`;

/** All dates in a line, in order; numeric day/month order is European unless only US order is possible. */
export function findDates(line: string): DateToken[] {
  const found: DateToken[] = [];
  const taken: [number, number][] = [];
  const push = (index: number, text: string, iso: string | null) => {
    if (!iso) return;
    const end = index + text.length;
    if (taken.some(([a, b]) => index < b && end > a)) return;
    taken.push([index, end]);
    found.push({ iso, index, text });
  };
  const scan = (re: RegExp, fn: (m: RegExpMatchArray) => string | null) => {
    for (const m of line.matchAll(re)) push(m.index ?? 0, m[0], fn(m));
  };
  // ISO first: it is unambiguous and would otherwise be misread by the D-M-Y rule.
  scan(/(?<!\d)(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?!\d)/g, (m) => valid(+m[1]!, +m[2]!, +m[3]!));
  scan(/(?<![\d.])(\d{1,2})\s?([./-])\s?(\d{1,2})\s?\2\s?(\d{4}|\d{2})(?![\d]|[.,]\d)/g, (m) => {
    const a = +m[1]!;
    const b = +m[3]!;
    const y = +m[4]!;
    if (b > 12 && a <= 12) return valid(y, a, b);
    return valid(y, b, a);
  });
  // 23 novembre 2026 | 23. novembril 2026 | 1er mars 2026 | 23 Nov 2026
  // Receipts also join the parts with dashes or slashes: 24-MAR-2018 | 24/Mar/2018.
  scan(new RegExp(String.raw`(?<!\d)(\d{1,2})(?:er|st|nd|rd|th)?\.?${SEP}(${WORD})${SEP}(\d{4})(?!\d)`, 'g'), (m) => {
    const month = monthFromWord(m[2]!);
    return month ? valid(+m[3]!, month, +m[1]!) : null;
  });
  // Receipts: 24 Mar 18 | 24-MAR-18 (two-digit year after a month word; not a time "18:05").
  scan(new RegExp(String.raw`(?<!\d)(\d{1,2})[\s\-]+(${WORD})[\s\-]+(\d{2})(?![\d:.,])`, 'g'), (m) => {
    const month = monthFromWord(m[2]!);
    return month ? valid(+m[3]!, month, +m[1]!) : null;
  });
  // Nov 23, 2026 | November 23rd 2026
  scan(new RegExp(String.raw`(?<![A-Za-z])(${WORD})${SEP}(\d{1,2})(?:st|nd|rd|th)?,?${SEP}(\d{4})(?!\d)`, 'g'), (m) => {
    const month = monthFromWord(m[1]!);
    return month ? valid(+m[3]!, month, +m[2]!) : null;
  });
  return found.sort((x, y) => x.index - y.index);
}
