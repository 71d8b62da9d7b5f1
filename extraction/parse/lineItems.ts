import Decimal from 'decimal.js';
import type { Doc } from './document';
import { fold } from './labels';
import { findAmounts, findPercents, money, plain, type AmountToken } from './numbers';

export interface LineItem {
  description: string;
  quantity: string | null;
  unitPrice: string | null;
  amount: string | null;
  vatRate: string | null;
}

const DESC = /(?<![\p{L}])(?:description|item|items|product|service|services|details|article|articles|nimetus|kirjeldus|toode|teenus|kaup|designation|libelle|produit|prestation)(?![\p{L}])/u;
const NUMERIC_HEAD =
  /(?<![\p{L}])(?:qty|quantity|quantite|qte|kogus|kog|hulk|units?|hours|unit\s*price|price|rate|hind|uhiku\s*hind|prix(?:\s*unitaire)?|p\.?\s*u\.?|amount|total|summa|kokku|montant|vat|km|tva)(?![\p{L}])/u;
const END_OF_TABLE = new Set(['total', 'net', 'vat', 'totalWeak', 'iban', 'paid', 'dueDate']);

/**
 * Rows of the item table: from a header naming a description column and a numeric column, down
 * to the first totals line. Receipts often have no header; then rows are the lines above the
 * first total that end in a decimal amount.
 */
export function parseLineItems(doc: Doc): LineItem[] {
  const header = doc.lines.find((l) => DESC.test(l.folded) && NUMERIC_HEAD.test(l.folded.replace(DESC, '')));
  const firstTotal = doc.lines.find((l) => l.labels.some((h) => h.kind === 'total' || h.kind === 'net'));
  const start = header ? header.index + 1 : 0;
  const stop = firstTotal && firstTotal.index >= start ? firstTotal.index : doc.lines.length;
  const items: LineItem[] = [];
  for (let i = start; i < stop; i++) {
    const line = doc.lines[i]!;
    if (!line.text.trim()) continue;
    if (line.labels.some((h) => END_OF_TABLE.has(h.kind))) {
      // Without a header the "table" is everything above the first total; a VAT-number line in
      // the letterhead must not end it.
      if (header || items.length) break;
      continue;
    }
    if (!header && line.labels.length) continue;
    // Receipts print the name on one line and "2 x 2,19   4,38" under it.
    const next = doc.lines[i + 1];
    if (next && i + 1 < stop && !findAmounts(line.text).some((a) => a.hasDecimals) && QTY_TIMES.test(next.text)) {
      const merged = parseRow(next.text, !header, line.text.trim());
      if (merged) {
        items.push(merged);
        i++;
        continue;
      }
    }
    const item = parseRow(line.text, !header);
    if (item) items.push(item);
    else if (items.length && header && /^\s*\p{L}/u.test(line.text) && !findAmounts(line.text).length) {
      // A wrapped description continues the previous row.
      const prev = items[items.length - 1]!;
      if (prev.description.length < 120) prev.description = `${prev.description} ${line.text.trim()}`;
    }
  }
  return items;
}

/** "2 x 2,19", "1x12,90", and OCR's "2xX 2,19" / "1% 6,75" for a quantity-times-price prefix. */
const QTY_TIMES = /^\s*\d+(?:[.,]\d+)?\s*(?:[x×X*%]{1,2}|tk|pcs|kg)(?=\s|\d)/i;

function parseRow(rawText: string, strict: boolean, descriptionLine?: string): LineItem | null {
  const text = rawText.replace(/^(\s*\d+(?:[.,]\d+)?)\s*[x×X*%]{1,2}\s*(?=\d)/, '$1 x ');
  const percents = findPercents(text);
  const noPct = text.replace(/(?<![\d.,])\d{1,2}(?:[.,]\d{1,2})?\s?%/g, (m) => ' '.repeat(m.length));
  const amounts = findAmounts(noPct);
  if (!amounts.length) return null;
  const firstNum = amounts[0]!;
  let description = noPct.slice(0, firstNum.index).replace(/[\s\t:|]+$/, '').trim();
  // Leading row numbers ("1", "01.") are not part of the description.
  if (!description && amounts.length >= 3 && !firstNum.hasDecimals) {
    const rest = noPct.slice(firstNum.index + firstNum.text.length);
    const m = rest.match(/^\.?\s+([^\d\t]+?)(?=\s*\t|\s{2,}|\s+\d)/u);
    if (m?.[1]) {
      description = m[1].trim();
      amounts.shift();
    }
  }
  description = descriptionLine ?? description.replace(/\s+(?:x|×|\*)$/i, '').trim();
  if (!/\p{L}{2,}/u.test(description)) return null;
  if (strict && !amounts[amounts.length - 1]!.hasDecimals) return null;
  const vatRate = percents.length ? plain(percents[0]!) : null;
  const { quantity, unitPrice, amount } = assign(amounts);
  return { description: description.replace(/\t/g, ' '), quantity, unitPrice, amount, vatRate };
}

/** Which of the row's numbers is quantity, unit price and amount: the triple where q × p = a wins. */
function assign(nums: AmountToken[]): { quantity: string | null; unitPrice: string | null; amount: string | null } {
  const v = nums.map((n) => n.value);
  const last = v[v.length - 1]!;
  const close = (a: Decimal, b: Decimal) => a.minus(b).abs().lte(0.011);
  if (v.length >= 3) {
    for (let i = 0; i < v.length - 1; i++)
      for (let j = 0; j < v.length - 1; j++)
        if (i !== j && close(v[i]!.times(v[j]!), last))
          return { quantity: plain(v[i]!), unitPrice: money(v[j]!), amount: money(last) };
    return { quantity: plain(v[0]!), unitPrice: money(v[v.length - 2]!), amount: money(last) };
  }
  if (v.length === 2) {
    const [a] = v as [Decimal, Decimal];
    if (close(a, last)) return { quantity: '1', unitPrice: money(a), amount: money(last) };
    if (!nums[0]!.hasDecimals && a.lte(1000)) return { quantity: plain(a), unitPrice: money(last.div(a.isZero() ? 1 : a)), amount: money(last) };
    return { quantity: null, unitPrice: money(a), amount: money(last) };
  }
  return { quantity: null, unitPrice: null, amount: money(last) };
}

