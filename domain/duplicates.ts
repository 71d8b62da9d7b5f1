/**
 * Duplicate-detection keys. Pure and free of Node built-ins: Temporal workflow code imports this
 * (the file hash is computed in extraction, which may use node:crypto).
 */

/** Legal-form words dropped from supplier names so "Acme OÜ" and "ACME" compare equal. */
const LEGAL_FORMS = new Set([
  'ou', 'as', 'mtu', 'fie', 'sas', 'sasu', 'sarl', 'eurl', 'sa', 'snc', 'ltd', 'limited', 'llp', 'plc', 'llc',
  'inc', 'corp', 'gmbh', 'ag', 'kg', 'ug', 'bv', 'nv', 'ab', 'oy', 'oyj', 'aps', 'sia', 'uab', 'srl', 'sl', 'spa',
]);

function fold(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Letters and digits only: "INV-2026/0042" and "inv 2026 0042" are the same invoice number. */
function compact(s: string): string {
  return fold(s).replace(/[^a-z0-9]/g, '');
}

/** A supplier name without case, accents, punctuation or legal form: "Acme OÜ" → "acme". */
export function supplierKey(name: string): string {
  const words = fold(name)
    .replace(/[^a-z0-9\s]/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !LEGAL_FORMS.has(w));
  return words.join('');
}

/**
 * Key for "same supplier, same invoice number". The VAT number identifies the supplier best;
 * the name is the fallback. Leading zeros of purely numeric invoice numbers are ignored
 * ("0042" = "42"). Null when there is no invoice number or no supplier identity at all.
 */
export function normalizeInvoiceKey(
  supplier: string | null,
  supplierVatNo: string | null,
  invoiceNumber: string | null,
): string | null {
  if (!invoiceNumber) return null;
  let number = compact(invoiceNumber);
  if (/^\d+$/.test(number)) number = number.replace(/^0+(?=\d)/, '');
  if (!number) return null;
  const vat = supplierVatNo ? compact(supplierVatNo) : '';
  if (vat) return `vat:${vat}|${number}`;
  const name = supplier ? supplierKey(supplier) : '';
  if (!name) return null;
  return `name:${name}|${number}`;
}
