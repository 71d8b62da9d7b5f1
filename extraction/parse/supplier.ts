import { inSpans, type Doc } from './document';

/** Legal-form suffixes and prefixes that mark a line as a company name. */
export const LEGAL_FORM =
  /(?<![\p{L}])(?:OÜ|OU|AS|MTÜ|FIE|TÜ|SAS|SASU|SARL|EURL|SA|SCI|SNC|SCOP|Ltd\.?|Limited|LLP|PLC|plc|LLC|Inc\.?|Corp\.?|GmbH|AG|KG|UG|e\.K\.|BV|B\.V\.|NV|AB|Oy|Oyj|ApS|A\/S|SIA|UAB|S\.A\.S?\.?|S\.?L\.?|S\.?R\.?L\.?|S\.p\.A\.|Sp\.\s?z\s?o\.o\.|mbH|GbR|OHG|e\.\s?V\.|a\.\s?G\.|V\.O\.F\.|VOF|Sdn\.?\s?Bhd\.?|Bhd\.?|Berhad|S\/B|Pte\.?\s?Ltd\.?|Pvt\.?\s?Ltd\.?|Enterprise|Trading|Restaurant|Restoran|Sarl)(?![\p{L}])/iu;

const TITLE =
  /^(?:(?:(?:simplified|full)\s+)?(?:tax\s+)?invoice|(?:e-)?arve|facture|receipt|kviitung|tšekk|tsekk|reçu|ticket(?:\s+de\s+caisse)?|credit\s+note|kreeditarve|avoir|quote|devis|pro\s*forma|page\s+\d+|original|copy|copie|duplicate)\b/i;

export interface SupplierGuess {
  name: string | null;
  confidence: number;
  line: number | null;
}

/**
 * The supplier is not labelled on most invoices: it is the company at the top (letterhead), or
 * in the footer, or after "From"/"Müüja"/"Fournisseur", and it is never the party in the
 * "Bill to"/"Klient"/"Client" block. Candidates are scored on those cues.
 */
export function guessSupplier(doc: Doc, anchorLines: number[]): SupplierGuess {
  let best: { name: string; score: number; line: number } | null = null;
  const n = doc.lines.length;
  for (const line of doc.lines) {
    for (const cell of line.cells) {
      const inBuyer = inSpans(doc.buyer, line.index, cell.start);
      let text = cell.text;
      const labelsInCell = line.labels.filter((h) => h.start >= cell.start && h.start < cell.end);
      const sellerLabel = labelsInCell.find((h) => h.kind === 'seller');
      let score = 0;
      if (labelsInCell.length) {
        // "Supplier: Acme OÜ" carries the name after the label; other labels disqualify the cell.
        if (!sellerLabel || labelsInCell.length > 1) continue;
        text = line.text.slice(sellerLabel.end, cell.end).replace(/^[\s:.\-–]+/, '').trim();
        score += 4;
      }
      // "GARDENIA BAKERIES (KL) SDN BHD (139386 X)": the company number printed after the name.
      text = text.replace(/\s*[([]?(?:co\.?\s*(?:reg\.?\s*)?(?:no\.?)?\s*:?\s*)?\d{4,}[\s-]*[A-Z]?\s*[)\]]\s*$/i, '');
      if (!isNameLike(text)) continue;
      // "Nummer : 549910", "Name:": a label of a label-value pair, not a name.
      const next = line.cells[line.cells.indexOf(cell) + 1];
      if (!sellerLabel && (/:\s*$/.test(text) || (next && /^:/.test(next.text)))) continue;
      if (inSpans(doc.seller, line.index, cell.start)) score += 3;
      if (LEGAL_FORM.test(text)) score += 3;
      // Letterheads sit at the top; footers repeat the name with the registration data.
      if (line.index < 8) score += (8 - line.index) / 3;
      if (line.index >= n - 6) score += 0.5;
      if (anchorLines.some((a) => Math.abs(a - line.index) <= 1)) score += 1;
      if (inBuyer) score -= 8;
      if (/^[\p{Lu}\d\s&.,'’\-]+$/u.test(text) && text.length > 3) score += 0.5;
      if (/\d{3,}|@|www\.|https?:|\+\d/.test(text)) score -= 3;
      if (!best || score > best.score) best = { name: cleanName(text), score, line: line.index };
    }
  }
  if (best) best.name = joinWrappedName(doc, best.name, best.line);
  if (!best || best.score < 1.5) return { name: null, confidence: 0, line: null };
  const confidence = best.score >= 7 ? 0.9 : best.score >= 5 ? 0.8 : best.score >= 3 ? 0.6 : 0.4;
  return { name: best.name, confidence, line: best.line };
}

/** A line that is one cell, name-like, outside the customer block: a piece of a wrapped name. */
function namePiece(doc: Doc, index: number): string | null {
  const line = doc.lines[index];
  if (!line || line.cells.length !== 1 || line.labels.length || inSpans(doc.buyer, index, line.cells[0]!.start)) return null;
  const t = line.cells[0]!.text;
  return isNameLike(t) && !/\d{3,}|@|www\.|:/.test(t) ? t : null;
}

/**
 * Letterheads and receipt headers wrap long names: "AIK HUAT HARDWARE / ENTERPRISE (SETIA /
 * ALAM) SDN BHD". A name that ends in a legal form takes up to two all-capitals lines above
 * it; one without a legal form takes the next line when that line ends in one.
 */
function joinWrappedName(doc: Doc, name: string, line: number): string {
  const upper = (t: string) => t === t.toUpperCase();
  const row = doc.lines[line];
  if (!row || row.cells.length !== 1) return name;
  // Mixed-case pieces join only inside a block headed "Verkäufer:" / "Seller:", where every line is the seller's.
  const inSeller = (i: number) => inSpans(doc.seller, i, 0) || inSpans(doc.seller, i, doc.lines[i]?.cells[0]?.start ?? 0);
  const sameCase = (t: string, i: number) => (upper(name) ? upper(t) : inSeller(i) && inSeller(line));
  if (!upper(name) && !inSeller(line)) return name;
  const endsInForm = new RegExp(`${LEGAL_FORM.source}\\W*$`, 'iu');
  const next = namePiece(doc, line + 1);
  if (!endsInForm.test(name) && next && sameCase(next, line + 1) && endsInForm.test(next) && `${name} ${next}`.length <= 70) name = `${name} ${cleanName(next)}`;
  if (endsInForm.test(name)) {
    let out = name;
    for (let i = line - 1; i >= Math.max(0, line - 2); i--) {
      const piece = namePiece(doc, i);
      if (!piece || !sameCase(piece, i) || endsInForm.test(piece) || `${piece} ${out}`.length > 70) break;
      out = `${cleanName(piece)} ${out}`;
    }
    return out;
  }
  return name;
}

function isNameLike(text: string): boolean {
  const t = text.trim();
  if (t.length < 2 || t.length > 70) return false;
  if (TITLE.test(t)) return false;
  const letters = t.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 2 || letters / t.length < 0.5) return false;
  // Street lines: a word then a house number ("Tartu mnt 25", "12 rue de la Paix").
  if (/^\d+[a-z]?,?\s+(?:rue|avenue|av\.|bd|boulevard|chemin|allée|place|impasse|route|street|st\.|road|rd\.|lane)\b/i.test(t)) return false;
  if (/\b(?:tn|mnt|pst|tänav|maantee|street|road|avenue|lane|rue|str\.|straße|strasse)\b\.?\s*\d/i.test(t)) return false;
  if (/\p{L}(?:straße|strasse|str\.|weg|laan|straat|gracht|plein)\s*\d/iu.test(t)) return false;
  if (/^(?:no\.?|lot|jalan|jln\.?|lorong|taman|blok|block|unit|level|lvl)\s*[\d,]/i.test(t) || /\b(?:jalan|jln|lorong|taman|persiaran)\b/i.test(t)) return false;
  // OCR debris: a name has a word of three letters or more and is mostly letters and spaces.
  if (!/\p{L}{3,}/u.test(t) || (t.match(/[\p{L}\s&.'’\-()]/gu)?.length ?? 0) / t.length < 0.8) return false;
  if (/^\d{4,5}\s+\p{L}/u.test(t) || /\b\d{5}\b/.test(t)) return false;
  if (/\b(?:estonia|eesti vabariik|france|united kingdom|germany|deutschland)\s*$/i.test(t) && !LEGAL_FORM.test(t)) return false;
  return true;
}

function cleanName(s: string): string {
  // OCR drops the umlaut of the Estonian legal forms; "OU"/"MTU" are not legal forms elsewhere.
  return s
    .replace(/(?<![\p{L}])OU(?![\p{L}])/u, 'OÜ')
    .replace(/(?<![\p{L}])MTU(?![\p{L}])/u, 'MTÜ').replace(/\s{2,}/g, ' ').replace(/^[\s:.\-–|]+|[\s:,|]+$/g, '')
    // OCR reads specks and logos next to a name as », ©, {, ~.
    .replace(/^[^\p{L}\d(]+|[^\p{L}\d).]+$/gu, '')
    .trim();
}
