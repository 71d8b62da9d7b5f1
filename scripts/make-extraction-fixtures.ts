/**
 * Generates the labelled extraction corpus in test/fixtures/extraction/:
 *   <id>.pdf            text PDF made with pdfkit (DejaVu Sans: covers õ ä ö ü š ž é è à ç)
 *   <id>.expected.json  the fields a perfect extractor returns
 *   scan-*.jpg|png|pdf  "scanned" versions: pdftoppm → sharp (rotation, noise, JPEG), one
 *                       image-only PDF and one photo stored sideways with an EXIF orientation
 * Deterministic (seeded noise, fixed PDF dates) so regenerating gives the same files.
 * Usage: npx tsx scripts/make-extraction-fixtures.ts
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Decimal from 'decimal.js';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';

const OUT = path.resolve('test/fixtures/extraction');
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const FONT_BOLD = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

type NumFmt = 'en' | 'fr' | 'et' | 'de';
type DateFmt = 'iso' | 'dot' | 'slash' | 'fr-long' | 'en-long' | 'et-long' | 'en-short';

interface Item {
  desc: string;
  qty: number;
  unit: string;
  rate: string;
}

interface Spec {
  id: string;
  lang: 'en' | 'et' | 'fr';
  kind: 'invoice' | 'receipt';
  layout: 'classic' | 'twocol' | 'above' | 'receipt' | 'footer';
  title: string;
  supplier: { name: string; address: string[]; regLabel?: string; regNo?: string; vatLabel?: string; vatNo?: string; ibanLabel?: string; iban?: string; phone?: string };
  buyer?: { label: string; name: string; address: string[]; vatNo?: string };
  numberLabel: string;
  number: string;
  issueLabel: string;
  issue: string;
  dueLabel?: string;
  due?: string;
  dateFmt: DateFmt;
  numFmt: NumFmt;
  cur: { code: string; show: 'code' | 'symbol' | 'both' };
  columns: [string, string, string, string, string?];
  items: Item[];
  vatIncluded?: boolean;
  labels: { net?: string; vat: string; total: string };
  extra?: string[];
}

const MONTHS = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  et: ['jaanuar', 'veebruar', 'märts', 'aprill', 'mai', 'juuni', 'juuli', 'august', 'september', 'oktoober', 'november', 'detsember'],
};

function fmtDate(iso: string, f: DateFmt): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const dd = String(d).padStart(2, '0');
  const mm = String(m).padStart(2, '0');
  switch (f) {
    case 'iso': return iso;
    case 'dot': return `${dd}.${mm}.${y}`;
    case 'slash': return `${dd}/${mm}/${y}`;
    case 'fr-long': return `${d} ${MONTHS.fr[m - 1]} ${y}`;
    case 'en-long': return `${MONTHS.en[m - 1]!.slice(0, 3)} ${d}, ${y}`;
    case 'et-long': return `${d}. ${MONTHS.et[m - 1]} ${y}`;
    case 'en-short': return `${d} ${MONTHS.en[m - 1]!.slice(0, 3)} ${y}`;
  }
}

function fmtNum(d: Decimal, f: NumFmt, decimals = 2): string {
  const [int, frac] = d.toFixed(decimals).split('.') as [string, string?];
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  const sep = { en: ',', fr: ' ', et: ' ', de: '.' }[f];
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const dec = f === 'en' ? '.' : ',';
  return `${neg ? '-' : ''}${grouped}${frac ? dec + frac : ''}`;
}

const SYMBOL: Record<string, string> = { EUR: '€', GBP: '£', USD: '$' };
function money(d: Decimal, s: Spec): string {
  const n = fmtNum(d, s.numFmt);
  if (s.cur.show === 'code') return `${n} ${s.cur.code}`;
  const sym = SYMBOL[s.cur.code] ?? s.cur.code;
  return s.numFmt === 'en' ? `${sym}${n}` : `${n} ${sym}`;
}

function compute(s: Spec) {
  const lines = s.items.map((it) => {
    const unit = new Decimal(it.unit);
    const amount = unit.times(it.qty).toDecimalPlaces(2);
    return { ...it, unitD: unit, amount };
  });
  const byRate = new Map<string, Decimal>();
  for (const l of lines) byRate.set(l.rate, (byRate.get(l.rate) ?? new Decimal(0)).plus(l.amount));
  const vatByRate = new Map<string, Decimal>();
  for (const [rate, base] of byRate) {
    const r = new Decimal(rate);
    vatByRate.set(rate, s.vatIncluded ? base.times(r).div(r.plus(100)).toDecimalPlaces(2) : base.times(r).div(100).toDecimalPlaces(2));
  }
  const sum = lines.reduce((a, l) => a.plus(l.amount), new Decimal(0));
  const vat = [...vatByRate.values()].reduce((a, v) => a.plus(v), new Decimal(0));
  const net = s.vatIncluded ? sum.minus(vat) : sum;
  const total = s.vatIncluded ? sum : sum.plus(vat);
  const dominant = [...vatByRate.entries()].sort((a, b) => b[1].comparedTo(a[1]))[0]![0];
  return { lines, byRate, vatByRate, net, vat, total, dominant };
}

function expected(s: Spec) {
  const c = compute(s);
  return {
    supplierName: s.supplier.name,
    supplierRegNo: s.supplier.regNo ? s.supplier.regNo.replace(/[\s.]/g, '') : null,
    supplierVatNo: s.supplier.vatNo ? s.supplier.vatNo.replace(/[\s.]/g, '') : null,
    invoiceNumber: s.number,
    issueDate: s.issue,
    dueDate: s.due ?? null,
    currency: s.cur.code,
    netAmount: c.net.toFixed(2),
    vatAmount: c.vat.toFixed(2),
    totalAmount: c.total.toFixed(2),
    vatRate: new Decimal(c.dominant).toFixed(),
    iban: s.supplier.iban ? s.supplier.iban.replace(/\s/g, '') : null,
    language: s.lang,
    lines: c.lines.map((l) => ({
      description: l.desc,
      quantity: String(l.qty),
      unitPrice: l.unitD.toFixed(2),
      amount: l.amount.toFixed(2),
    })),
  };
}

async function renderPdf(s: Spec): Promise<Buffer> {
  const receipt = s.layout === 'receipt';
  const doc = new PDFDocument({
    size: receipt ? [227, 560] : 'A4',
    margin: receipt ? 14 : 50,
    info: { Title: s.id, CreationDate: new Date('2026-01-01T00:00:00Z') },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => doc.on('end', () => r()));
  doc.registerFont('R', FONT);
  doc.registerFont('B', FONT_BOLD);
  const c = compute(s);
  const L = 50;
  const W = 595 - 100;
  const sup = s.supplier;
  const supIds = [
    sup.regNo ? `${sup.regLabel}: ${sup.regNo}` : null,
    sup.vatNo ? `${sup.vatLabel}: ${sup.vatNo}` : null,
  ].filter(Boolean) as string[];
  const right = (text: string, x: number, y: number, w: number, font = 'R', size = 10) => {
    doc.font(font).fontSize(size).text(text, x, y, { width: w, align: 'right', lineBreak: false });
  };
  const kv = (label: string, value: string, x: number, y: number, w = 230) => {
    doc.font('R').fontSize(10).text(label, x, y, { lineBreak: false });
    right(value, x, y, w);
  };

  if (receipt) {
    const cx = (t: string, y: number, font = 'R', size = 8) => doc.font(font).fontSize(size).text(t, 14, y, { width: 199, align: 'center', lineBreak: false });
    let y = 16;
    cx(sup.name, y, 'B', 11);
    y += 16;
    for (const a of [...sup.address, ...supIds]) {
      cx(a, y);
      y += 11;
    }
    y += 6;
    doc.font('R').fontSize(8).text(`${s.numberLabel} ${s.number}`, 14, y, { lineBreak: false });
    y += 11;
    doc.text(`${s.issueLabel} ${fmtDate(s.issue, s.dateFmt)} 14:32`, 14, y, { lineBreak: false });
    y += 16;
    for (const l of c.lines) {
      doc.font('R').fontSize(8).text(l.desc, 14, y, { lineBreak: false });
      y += 10;
      doc.text(`${l.qty} x ${fmtNum(l.unitD, s.numFmt)}`, 24, y, { lineBreak: false });
      right(fmtNum(l.amount, s.numFmt), 14, y, 199, 'R', 8);
      y += 12;
    }
    doc.moveTo(14, y).lineTo(213, y).stroke();
    y += 6;
    right(`${s.labels.total}   ${money(c.total, s)}`, 14, y, 199, 'B', 10);
    y += 16;
    for (const [rate, v] of c.vatByRate) {
      doc.font('R').fontSize(8).text(`${s.labels.vat} ${fmtNum(new Decimal(rate), s.numFmt, rate.includes('.') ? 1 : 0)}%`, 14, y, { lineBreak: false });
      right(fmtNum(v, s.numFmt), 14, y, 199, 'R', 8);
      y += 11;
    }
    if (s.labels.net) {
      doc.font('R').fontSize(8).text(s.labels.net, 14, y, { lineBreak: false });
      right(fmtNum(c.net, s.numFmt), 14, y, 199, 'R', 8);
      y += 11;
    }
    y += 6;
    for (const e of s.extra ?? []) {
      cx(e, y);
      y += 11;
    }
    doc.end();
    await done;
    return Buffer.concat(chunks);
  }

  let y = 50;
  const header = (x: number, yy: number) => {
    doc.font('B').fontSize(14).text(sup.name, x, yy, { lineBreak: false });
    let yy2 = yy + 20;
    for (const a of sup.address) {
      doc.font('R').fontSize(10).text(a, x, yy2, { lineBreak: false });
      yy2 += 13;
    }
    if (s.layout !== 'footer') {
      for (const a of supIds) {
        doc.text(a, x, yy2, { lineBreak: false });
        yy2 += 13;
      }
    }
    return yy2;
  };
  const buyerBlock = (x: number, yy: number) => {
    if (!s.buyer) return yy;
    doc.font('B').fontSize(10).text(s.buyer.label, x, yy, { lineBreak: false });
    let y2 = yy + 14;
    doc.font('R').text(s.buyer.name, x, y2, { lineBreak: false });
    y2 += 13;
    for (const a of [...s.buyer.address, ...(s.buyer.vatNo ? [`${s.supplier.vatLabel}: ${s.buyer.vatNo}`] : [])]) {
      doc.text(a, x, y2, { lineBreak: false });
      y2 += 13;
    }
    return y2;
  };
  const meta = (x: number, yy: number, w = 230) => {
    kv(s.numberLabel, s.number, x, yy, w);
    kv(s.issueLabel, fmtDate(s.issue, s.dateFmt), x, yy + 14, w);
    if (s.dueLabel && s.due) kv(s.dueLabel, fmtDate(s.due, s.dateFmt), x, yy + 28, w);
    return yy + 44;
  };

  if (s.layout === 'twocol') {
    const yA = header(L, y);
    const yB = buyerBlock(330, y + 4);
    y = Math.max(yA, yB) + 20;
    doc.font('B').fontSize(18).text(s.title, L, y, { lineBreak: false });
    y = meta(L, y + 28, 260);
  } else if (s.layout === 'above') {
    // Labels on one line, values on the next ("Invoice date   Due date").
    y = header(L, y) + 10;
    doc.font('B').fontSize(18).text(s.title, L, y, { lineBreak: false });
    y += 30;
    const cols = [s.numberLabel, s.issueLabel, s.dueLabel ?? ''];
    const vals = [s.number, fmtDate(s.issue, s.dateFmt), s.due ? fmtDate(s.due, s.dateFmt) : ''];
    cols.forEach((t, i) => doc.font('B').fontSize(9).text(t, L + i * 165, y, { lineBreak: false }));
    vals.forEach((t, i) => doc.font('R').fontSize(10).text(t, L + i * 165, y + 14, { lineBreak: false }));
    y += 40;
    y = buyerBlock(L, y) + 16;
  } else if (s.layout === 'footer') {
    doc.font('B').fontSize(22).text(s.title.toUpperCase(), L, y, { lineBreak: false });
    y += 40;
    y = header(L, y) + 10;
    const yB = buyerBlock(L, y);
    meta(330, y, 215);
    y = yB + 24;
  } else {
    y = header(L, y);
    doc.font('B').fontSize(18).text(s.title, 330, 50, { width: 215, align: 'right', lineBreak: false });
    meta(330, 80, 215);
    y = Math.max(y, 130) + 16;
    y = buyerBlock(L, y) + 16;
  }

  // Item table.
  const colX = [L, 270, 340, 430, 500];
  const [cDesc, cQty, cUnit, cAmt, cVat] = s.columns;
  doc.font('B').fontSize(9);
  doc.text(cDesc, colX[0]!, y, { lineBreak: false });
  right(cQty, colX[1]!, y, 60, 'B', 9);
  right(cUnit, colX[2]!, y, 70, 'B', 9);
  if (cVat) right(cVat, colX[3]!, y, 50, 'B', 9);
  right(cAmt, colX[4]! - 5, y, 50, 'B', 9);
  y += 14;
  doc.moveTo(L, y - 3).lineTo(L + W, y - 3).lineWidth(0.5).stroke();
  for (const l of c.lines) {
    doc.font('R').fontSize(10).text(l.desc, colX[0]!, y, { lineBreak: false });
    right(String(l.qty), colX[1]!, y, 60);
    right(fmtNum(l.unitD, s.numFmt), colX[2]!, y, 70);
    if (cVat) right(`${fmtNum(new Decimal(l.rate), s.numFmt, l.rate.includes('.') ? 1 : 0)}%`, colX[3]!, y, 50);
    right(fmtNum(l.amount, s.numFmt), colX[4]! - 5, y, 50);
    y += 16;
  }
  y += 10;
  const tx = 330;
  if (s.labels.net) {
    kv(s.labels.net, money(c.net, s), tx, y, 215);
    y += 15;
  }
  for (const [rate, v] of c.vatByRate) {
    kv(`${s.labels.vat} ${fmtNum(new Decimal(rate), s.numFmt, rate.includes('.') ? 1 : 0)}%`, money(v, s), tx, y, 215);
    y += 15;
  }
  doc.font('B');
  doc.font('B').fontSize(11).text(s.labels.total, tx, y + 2, { lineBreak: false });
  right(money(c.total, s), tx, y + 2, 215, 'B', 11);
  y += 36;
  for (const e of s.extra ?? []) {
    doc.font('R').fontSize(9).text(e, L, y, { lineBreak: false });
    y += 13;
  }
  if (sup.iban) {
    doc.font('R').fontSize(9).text(`${sup.ibanLabel ?? 'IBAN'}: ${sup.iban}`, L, y, { lineBreak: false });
    y += 13;
  }
  // Footer: the usual place for legal identity.
  const foot = s.layout === 'footer' ? [sup.name, ...supIds].join('  |  ') : [sup.name, sup.address.join(', ')].join(' · ');
  doc.font('R').fontSize(8).text(foot, L, 780, { width: W, align: 'center', lineBreak: false });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

const SPECS: Spec[] = [
  {
    id: 'en-invoice-uk', lang: 'en', kind: 'invoice', layout: 'classic', title: 'INVOICE',
    supplier: { name: 'Brightwater Consulting Ltd', address: ['14 Harbour Street', 'Bristol BS1 4RN', 'United Kingdom'], regLabel: 'Company No', regNo: '08123456', vatLabel: 'VAT Reg No', vatNo: 'GB 123 4567 82', iban: 'GB82 WEST 1234 5698 7654 32' },
    buyer: { label: 'Bill to', name: 'Harlow & Finch Trading Ltd', address: ['2 Mill Lane', 'Leeds LS1 5AB'] },
    numberLabel: 'Invoice No', number: 'BWC-2026-0117', issueLabel: 'Invoice date', issue: '2026-11-23', dueLabel: 'Due date', due: '2026-12-23', dateFmt: 'en-short', numFmt: 'en',
    cur: { code: 'GBP', show: 'symbol' }, columns: ['Description', 'Qty', 'Unit price', 'Amount'],
    items: [{ desc: 'Strategy workshop (day rate)', qty: 2, unit: '950.00', rate: '20' }, { desc: 'Travel expenses', qty: 1, unit: '184.60', rate: '20' }, { desc: 'Market research report', qty: 1, unit: '1250.00', rate: '20' }],
    labels: { net: 'Subtotal', vat: 'VAT', total: 'Total due' }, extra: ['Payment terms: 30 days. Please quote the invoice number.'],
  },
  {
    id: 'et-arve-twocol', lang: 'et', kind: 'invoice', layout: 'twocol', title: 'ARVE',
    supplier: { name: 'Põhjala Puit OÜ', address: ['Tööstuse 48', '10416 Tallinn'], regLabel: 'Registrikood', regNo: '12345678', vatLabel: 'KMKR nr', vatNo: 'EE101142401', ibanLabel: 'IBAN', iban: 'EE38 2200 2210 2014 5685' },
    buyer: { label: 'Klient', name: 'Saare Ehitus AS', address: ['Lossi 3', '93815 Kuressaare'] },
    numberLabel: 'Arve nr', number: '2026/0458', issueLabel: 'Arve kuupäev', issue: '2026-11-23', dueLabel: 'Maksetähtaeg', due: '2026-12-07', dateFmt: 'dot', numFmt: 'et',
    cur: { code: 'EUR', show: 'code' }, columns: ['Nimetus', 'Kogus', 'Hind', 'Summa', 'KM'],
    items: [{ desc: 'Höövelprussid 45x95', qty: 120, unit: '4.35', rate: '24' }, { desc: 'Transport Kuressaarde', qty: 1, unit: '180.00', rate: '24' }, { desc: 'Tõstuki rent', qty: 3, unit: '65.50', rate: '24' }],
    labels: { net: 'Summa km-ta', vat: 'Käibemaks', total: 'Kokku tasuda' }, extra: ['Viitenumber: 20260458', 'Palume tasuda arve maksetähtajaks.'],
  },
  {
    id: 'fr-facture-sas', lang: 'fr', kind: 'invoice', layout: 'classic', title: 'Facture',
    supplier: { name: 'Atelier Lumière SAS', address: ['27 rue des Écoles', '69003 Lyon', 'France'], regLabel: 'SIRET', regNo: '732 829 320 00074', vatLabel: 'N° TVA intracommunautaire', vatNo: 'FR44732829320', iban: 'FR76 3000 6000 0112 3456 7890 189' },
    buyer: { label: 'Facturé à', name: 'Boulangerie Dupré SARL', address: ['5 place du Marché', '13001 Marseille'] },
    numberLabel: 'Facture n°', number: 'F-2026-1184', issueLabel: 'Date de facture', issue: '2026-11-23', dueLabel: 'Échéance', due: '2026-12-23', dateFmt: 'fr-long', numFmt: 'fr',
    cur: { code: 'EUR', show: 'symbol' }, columns: ['Désignation', 'Qté', 'Prix unitaire', 'Montant HT', 'TVA'],
    items: [{ desc: 'Éclairage vitrine LED', qty: 4, unit: '289.90', rate: '20' }, { desc: 'Pose et câblage', qty: 6, unit: '55.00', rate: '20' }, { desc: 'Déplacement', qty: 1, unit: '45.00', rate: '20' }],
    labels: { net: 'Total HT', vat: 'TVA', total: 'Total TTC' }, extra: ['Conditions de paiement : 30 jours. Pénalités de retard : 3 fois le taux légal.'],
  },
  {
    id: 'en-invoice-de-gmbh', lang: 'en', kind: 'invoice', layout: 'above', title: 'Invoice',
    supplier: { name: 'Kessler Maschinenbau GmbH', address: ['Industriestraße 12', '70565 Stuttgart', 'Germany'], regLabel: 'Reg. No', regNo: 'HRB 724518', vatLabel: 'VAT ID', vatNo: 'DE136695976', iban: 'DE89 3704 0044 0532 0130 00' },
    buyer: { label: 'Customer', name: 'Nordic Timber OÜ', address: ['Peterburi tee 2', '11415 Tallinn, Estonia'], vatNo: 'EE100931558' },
    numberLabel: 'Invoice number', number: 'RE-88412', issueLabel: 'Issue date', issue: '2026-10-05', dueLabel: 'Due date', due: '2026-11-04', dateFmt: 'iso', numFmt: 'de',
    cur: { code: 'EUR', show: 'code' }, columns: ['Item', 'Quantity', 'Price', 'Total'],
    items: [{ desc: 'Spindle bearing SKF-7014', qty: 8, unit: '312.40', rate: '0' }, { desc: 'Service hours', qty: 12, unit: '84.00', rate: '0' }],
    labels: { net: 'Net amount', vat: 'VAT', total: 'Total amount' }, extra: ['Intra-Community supply, reverse charge (Art. 196 VAT Directive).'],
  },
  {
    id: 'et-kviitung-pood', lang: 'et', kind: 'receipt', layout: 'receipt', title: 'KVIITUNG',
    supplier: { name: 'Kalamaja Toidupood OÜ', address: ['Kotzebue 9, Tallinn'], regLabel: 'Reg. kood', regNo: '14512347', vatLabel: 'KMKR', vatNo: 'EE102345676' },
    numberLabel: 'Tšeki nr', number: '000482-17', issueLabel: 'Kuupäev', issue: '2026-11-21', dateFmt: 'dot', numFmt: 'et',
    cur: { code: 'EUR', show: 'symbol' }, columns: ['', '', '', ''],
    items: [{ desc: 'Rukkileib 500 g', qty: 2, unit: '2.19', rate: '24' }, { desc: 'Kohv röstitud', qty: 1, unit: '8.49', rate: '24' }, { desc: 'Õunad kg', qty: 1, unit: '3.12', rate: '24' }],
    vatIncluded: true, labels: { vat: 'KM', total: 'KOKKU', net: 'Summa km-ta' }, extra: ['Makstud kaardiga', 'Aitäh ostu eest!'],
  },
  {
    id: 'fr-ticket-caisse', lang: 'fr', kind: 'receipt', layout: 'receipt', title: 'Ticket',
    supplier: { name: 'Épicerie du Vieux Port SARL', address: ['12 quai du Port, 13002 Marseille'], regLabel: 'SIRET', regNo: '40483304800022', vatLabel: 'TVA', vatNo: 'FR83404833048' },
    numberLabel: 'Ticket n°', number: '7731', issueLabel: 'Le', issue: '2026-11-20', dateFmt: 'slash', numFmt: 'fr',
    cur: { code: 'EUR', show: 'symbol' }, columns: ['', '', '', ''],
    items: [{ desc: 'Baguette tradition', qty: 2, unit: '1.30', rate: '5.5' }, { desc: 'Vin rouge AOC', qty: 1, unit: '12.90', rate: '20' }, { desc: 'Fromage comté', qty: 1, unit: '6.75', rate: '5.5' }],
    vatIncluded: true, labels: { vat: 'TVA', total: 'TOTAL TTC', net: 'Total HT' }, extra: ['Payé par carte', 'Merci de votre visite'],
  },
  {
    id: 'en-receipt-cafe', lang: 'en', kind: 'receipt', layout: 'receipt', title: 'Receipt',
    supplier: { name: 'The Copper Kettle Ltd', address: ['8 Castle Street, York YO1 9RN'], vatLabel: 'VAT No', vatNo: 'GB980780684' },
    numberLabel: 'Receipt no', number: 'R-20931', issueLabel: 'Date', issue: '2026-11-19', dateFmt: 'slash', numFmt: 'en',
    cur: { code: 'GBP', show: 'symbol' }, columns: ['', '', '', ''],
    items: [{ desc: 'Flat white', qty: 2, unit: '3.40', rate: '20' }, { desc: 'Club sandwich', qty: 1, unit: '7.95', rate: '20' }, { desc: 'Carrot cake', qty: 1, unit: '4.25', rate: '20' }],
    vatIncluded: true, labels: { vat: 'VAT', total: 'TOTAL', net: 'Net' }, extra: ['Paid by card', 'Thank you for visiting!'],
  },
  {
    id: 'fr-facture-above', lang: 'fr', kind: 'invoice', layout: 'above', title: 'FACTURE',
    supplier: { name: 'Transports Garnier SARL', address: ['ZA des Tilleuls', '44800 Saint-Herblain'], regLabel: 'SIREN', regNo: '303265045', vatLabel: 'N° TVA', vatNo: 'FR40303265045', iban: 'FR14 2004 1010 0505 0001 3M02 606' },
    buyer: { label: 'Client', name: 'Coopérative Agricole de l’Ouest', address: ['Route de Nantes', '49000 Angers'] },
    numberLabel: 'N° de facture', number: 'TG26-00931', issueLabel: 'Date d’émission', issue: '2026-09-30', dueLabel: 'Date d’échéance', due: '2026-10-30', dateFmt: 'slash', numFmt: 'fr',
    cur: { code: 'EUR', show: 'code' }, columns: ['Prestation', 'Qté', 'P.U. HT', 'Total HT'],
    items: [{ desc: 'Transport Nantes - Angers (palettes)', qty: 14, unit: '38.50', rate: '20' }, { desc: 'Frais de gazole', qty: 1, unit: '96.20', rate: '20' }],
    labels: { net: 'Montant HT', vat: 'TVA', total: 'Net à payer' },
  },
  {
    id: 'et-arve-footer', lang: 'et', kind: 'invoice', layout: 'footer', title: 'Arve',
    supplier: { name: 'Lõuna IT Teenused OÜ', address: ['Riia 181a', '51014 Tartu'], regLabel: 'Reg nr', regNo: '10137319', vatLabel: 'KMKR', vatNo: 'EE100931558', iban: 'EE47 1000 0010 2014 5685' },
    buyer: { label: 'Maksja', name: 'Tartu Ülikooli Kohvik MTÜ', address: ['Ülikooli 18', '50090 Tartu'] },
    numberLabel: 'Arve number', number: 'LIT-5521', issueLabel: 'Kuupäev', issue: '2026-11-02', dueLabel: 'Tasuda hiljemalt', due: '2026-11-16', dateFmt: 'et-long', numFmt: 'et',
    cur: { code: 'EUR', show: 'symbol' }, columns: ['Teenus', 'Kogus', 'Ühiku hind', 'Summa'],
    items: [{ desc: 'Serveri hooldus (november)', qty: 1, unit: '240.00', rate: '24' }, { desc: 'Arvutite seadistamine', qty: 5, unit: '42.00', rate: '24' }, { desc: 'Võrgukaabel Cat6 30 m', qty: 2, unit: '18.90', rate: '24' }],
    labels: { net: 'Kokku km-ta', vat: 'KM', total: 'Tasuda' },
  },
  {
    id: 'en-invoice-us-style', lang: 'en', kind: 'invoice', layout: 'twocol', title: 'Invoice',
    supplier: { name: 'Pixelforge Studio LLC', address: ['410 Market Street, Suite 5', 'San Francisco, CA 94105'], iban: undefined },
    buyer: { label: 'Invoice to', name: 'Riverside Books Inc.', address: ['77 Elm Avenue', 'Portland, OR 97205'] },
    numberLabel: 'Invoice #', number: '1047', issueLabel: 'Date', issue: '2026-11-23', dueLabel: 'Payment due', due: '2026-12-08', dateFmt: 'en-long', numFmt: 'en',
    cur: { code: 'USD', show: 'symbol' }, columns: ['Description', 'Hours', 'Rate', 'Amount'],
    items: [{ desc: 'Website redesign', qty: 32, unit: '85.00', rate: '8.5' }, { desc: 'Logo refresh', qty: 6, unit: '85.00', rate: '8.5' }],
    labels: { net: 'Subtotal', vat: 'Sales tax', total: 'Amount due' },
  },
  {
    id: 'fr-facture-twocol-multi', lang: 'fr', kind: 'invoice', layout: 'twocol', title: 'Facture',
    supplier: { name: 'Les Jardins de Provence EURL', address: ['Chemin des Oliviers', '84000 Avignon'], regLabel: 'RCS Avignon', regNo: '732829320', vatLabel: 'TVA', vatNo: 'FR44732829320', iban: 'FR76 3000 6000 0112 3456 7890 189' },
    buyer: { label: 'Client', name: 'Hôtel Le Mistral SA', address: ['3 cours Jean Jaurès', '84000 Avignon'] },
    numberLabel: 'Facture N°', number: 'JP-2026-077', issueLabel: 'Date', issue: '2026-11-23', dueLabel: 'À payer avant le', due: '2026-12-08', dateFmt: 'dot', numFmt: 'fr',
    cur: { code: 'EUR', show: 'symbol' }, columns: ['Désignation', 'Qté', 'P.U.', 'Montant', 'TVA'],
    items: [{ desc: 'Entretien espaces verts', qty: 8, unit: '45.00', rate: '20' }, { desc: 'Plants de lavande', qty: 40, unit: '3.20', rate: '10' }, { desc: 'Terreau 50 L', qty: 6, unit: '11.50', rate: '10' }],
    labels: { net: 'Total HT', vat: 'TVA', total: 'Total TTC' },
  },
  {
    id: 'en-invoice-lv-sia', lang: 'en', kind: 'invoice', layout: 'classic', title: 'INVOICE',
    supplier: { name: 'Baltic Print SIA', address: ['Brīvības iela 88', 'Rīga LV-1001', 'Latvia'], regLabel: 'Reg. No', regNo: '40103456789', vatLabel: 'VAT No', vatNo: 'LV40103456789', iban: 'LV80 BANK 0000 4351 9500 1' },
    buyer: { label: 'Bill to', name: 'Põhjala Puit OÜ', address: ['Tööstuse 48', '10416 Tallinn'], vatNo: 'EE101142401' },
    numberLabel: 'Invoice No.', number: 'BP-26/3391', issueLabel: 'Date of issue', issue: '2026-11-12', dueLabel: 'Due', due: '2026-11-26', dateFmt: 'dot', numFmt: 'en',
    cur: { code: 'EUR', show: 'code' }, columns: ['Description', 'Qty', 'Price', 'Amount'],
    items: [{ desc: 'Brochures A5, 16 pages', qty: 2000, unit: '0.42', rate: '0' }, { desc: 'Delivery to Tallinn', qty: 1, unit: '65.00', rate: '0' }],
    labels: { net: 'Total excl. VAT', vat: 'VAT', total: 'Total to pay' }, extra: ['VAT 0% - reverse charge, Article 196 of Directive 2006/112/EC.'],
  },
];

/** Deterministic PRNG so the noisy scans are reproducible. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function scan(pdf: Buffer, opts: { dpi: number; angle: number; noise: number; quality: number; seed: number; format: 'jpeg' | 'png'; exifRotate?: boolean }) {
  const tmp = path.join(os.tmpdir(), `fixture-${process.pid}-${opts.seed}.pdf`);
  writeFileSync(tmp, pdf);
  const png = execFileSync('pdftoppm', ['-r', String(opts.dpi), '-f', '1', '-l', '1', '-gray', '-png', tmp], { maxBuffer: 200 * 1024 * 1024 });
  unlinkSync(tmp);
  let img = sharp(png).rotate(opts.angle, { background: '#ffffff' }).flatten({ background: '#ffffff' }).grayscale();
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  const rand = rng(opts.seed);
  const out = Buffer.from(data);
  for (let i = 0; i < out.length; i++) {
    // Paper grain plus rare dark specks, as a flatbed scan of a printout.
    const grain = (rand() - 0.5) * opts.noise;
    const speck = rand() < 0.0006 ? -120 : 0;
    out[i] = Math.max(0, Math.min(255, out[i]! - 12 + grain + speck));
  }
  img = sharp(out, { raw: { width: info.width, height: info.height, channels: info.channels } });
  if (opts.exifRotate) img = img.rotate(-90).withMetadata({ orientation: 6 });
  return opts.format === 'jpeg' ? img.jpeg({ quality: opts.quality, mozjpeg: false }).toBuffer() : img.png({ compressionLevel: 9, palette: false }).toBuffer();
}

async function imagePdf(jpeg: Buffer, w: number, h: number): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 0, info: { CreationDate: new Date('2026-01-01T00:00:00Z') } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => doc.on('end', () => r()));
  doc.image(jpeg, 0, 0, { width: 595.28, height: (595.28 * h) / w });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

async function main() {
  if (!existsSync(FONT)) throw new Error(`Font ${FONT} is missing (fonts-dejavu-core).`);
  mkdirSync(OUT, { recursive: true });
  for (const f of readdirSync(OUT)) if (/\.(pdf|jpg|png|json)$/.test(f)) unlinkSync(path.join(OUT, f));
  const pdfs = new Map<string, Buffer>();
  for (const s of SPECS) {
    const pdf = await renderPdf(s);
    pdfs.set(s.id, pdf);
    writeFileSync(path.join(OUT, `${s.id}.pdf`), pdf);
    writeFileSync(path.join(OUT, `${s.id}.expected.json`), `${JSON.stringify({ source: 'text', ...expected(s) }, null, 2)}\n`);
  }
  const scans: { from: string; name: string; opts: Parameters<typeof scan>[1]; wrapPdf?: boolean }[] = [
    { from: 'en-invoice-uk', name: 'scan-en-invoice-uk-300dpi.jpg', opts: { dpi: 300, angle: 0.6, noise: 30, quality: 60, seed: 1, format: 'jpeg' } },
    { from: 'et-arve-twocol', name: 'scan-et-arve-twocol-200dpi.jpg', opts: { dpi: 200, angle: -0.8, noise: 36, quality: 70, seed: 2, format: 'jpeg' } },
    { from: 'fr-facture-sas', name: 'scan-fr-facture-sas-200dpi.jpg', opts: { dpi: 200, angle: 0.4, noise: 30, quality: 70, seed: 3, format: 'jpeg' } },
    { from: 'et-kviitung-pood', name: 'scan-et-kviitung-photo.jpg', opts: { dpi: 300, angle: 1.2, noise: 40, quality: 75, seed: 4, format: 'jpeg', exifRotate: true } },
    { from: 'fr-ticket-caisse', name: 'scan-fr-ticket-caisse.png', opts: { dpi: 250, angle: -0.5, noise: 20, quality: 0, seed: 5, format: 'png' } },
    { from: 'en-invoice-de-gmbh', name: 'scan-en-invoice-de-gmbh-image-only.pdf', opts: { dpi: 200, angle: 0.3, noise: 24, quality: 70, seed: 6, format: 'jpeg' }, wrapPdf: true },
    { from: 'et-arve-footer', name: 'scan-et-arve-footer-150dpi.jpg', opts: { dpi: 150, angle: 0.2, noise: 16, quality: 80, seed: 7, format: 'jpeg' } },
  ];
  for (const sc of scans) {
    const spec = SPECS.find((s) => s.id === sc.from)!;
    let buf: Buffer = await scan(pdfs.get(sc.from)!, sc.opts);
    if (sc.wrapPdf) {
      const meta = await sharp(buf).metadata();
      buf = await imagePdf(buf, meta.width!, meta.height!);
    }
    writeFileSync(path.join(OUT, sc.name), buf);
    const base = sc.name.replace(/\.(jpg|png|pdf)$/, '');
    writeFileSync(path.join(OUT, `${base}.expected.json`), `${JSON.stringify({ source: 'ocr', ...expected(spec) }, null, 2)}\n`);
  }
  const total = readdirSync(OUT).reduce((a, f) => a + (existsSync(path.join(OUT, f)) ? require_size(path.join(OUT, f)) : 0), 0);
  console.log(`Wrote ${SPECS.length} text PDFs and ${scans.length} scans to ${OUT} (${(total / 1024 / 1024).toFixed(2)} MB).`);
}

import { statSync } from 'node:fs';
function require_size(p: string) {
  return statSync(p).size;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
