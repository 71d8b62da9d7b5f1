// The Estonian e-invoice standard 1.2 (E_Invoice, as Merit Aktiva and Directo import it): one
// Invoice per document, its coding lines as ItemEntry rows with their accounting (general
// ledger account, cost objective), sums and VAT per row, and a Footer with the count and total.
// The element order follows the standard's sequences; `eeProblems` re-reads the file and
// checks the elements the standard requires (no XSD ships offline: see the test).
import { XMLParser } from 'fast-xml-parser';
import { D } from '../../domain/decimal';
import type { JournalEntry } from '../../domain/postings';

export interface EeBuyer {
  name: string;
  regNumber: string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
const el = (name: string, value: string | null | undefined) => (value === null || value === undefined || value === '' ? '' : `<${name}>${esc(value)}</${name}>`);
// The standard's text types bound their length (RegType 15, NormalTextType 100, payment
// descriptions 210 in Latin-1 plus Š š Ž ž): longer values are cut, other letters replaced.
const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);
const latin1 = (s: string) => s.replace(/[^\u0020-\u00FF\u0160\u0161\u017D\u017E]/g, '?');
/** AccountType: digits and capitals only (an IBAN without its spaces), or empty when unknown. */
const account = (iban: string | null | undefined) => cut((iban ?? '').replace(/\s+/g, '').toUpperCase().replace(/[^0-9A-Z]/g, ''), 35);

export function renderEe(entries: readonly JournalEntry[], buyer: EeBuyer, today: string): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<E_Invoice xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="e-invoice_ver1.2.xsd">'];
  out.push(`<Header>${el('Date', today)}${el('FileId', `countersign-${today}-${entries.length}`)}${el('Version', '1.2')}</Header>`);
  let total = new D(0);
  for (const { doc, split } of entries) {
    const seller = cut(doc.kind === 'invoice' ? (doc.supplierName ?? doc.reference) : (doc.employeeName ?? doc.reference), 100);
    const sellerReg = cut((doc.kind === 'invoice' ? doc.supplierCode : doc.employeeCode) ?? doc.reference, 15);
    const number = cut(doc.invoiceNumber ?? doc.reference, 100);
    const net = split.reduce((s, x) => s.plus(x.net), new D(0));
    const vat = split.reduce((s, x) => s.plus(x.vat), new D(0));
    total = total.plus(doc.totalAmount);
    out.push(`<Invoice invoiceId="${esc(number)}" regNumber="${esc(buyer.regNumber)}" sellerRegnumber="${esc(sellerReg)}">`);
    out.push(
      `<InvoiceParties><SellerParty>${el('Name', seller)}${el('RegNumber', sellerReg)}${doc.kind === 'invoice' && doc.supplierCode?.match(/^[A-Z]{2}/) ? el('VATRegNumber', cut(doc.supplierCode, 15)) : ''}</SellerParty>` +
        `<BuyerParty>${el('Name', cut(buyer.name, 100))}${el('RegNumber', cut(buyer.regNumber, 15))}</BuyerParty></InvoiceParties>`,
    );
    out.push(
      `<InvoiceInformation><Type type="DEB"/>${el('DocumentName', doc.kind === 'invoice' ? 'ARVE' : 'KULUARUANNE')}${el('InvoiceNumber', number)}` +
        `${el('InvoiceContentText', doc.reference)}${el('InvoiceDate', doc.issueDate ?? doc.approvedOn)}${el('DueDate', doc.dueDate)}</InvoiceInformation>`,
    );
    // The VAT breakdown per rate, between InvoiceSum and TotalVATSum as the standard orders them.
    const byRate = new Map<string, { net: InstanceType<typeof D>; vat: InstanceType<typeof D> }>();
    for (const x of split) {
      const r = new D(x.line.vatRate ?? '0').toFixed(2);
      const cur = byRate.get(r) ?? { net: new D(0), vat: new D(0) };
      byRate.set(r, { net: cur.net.plus(x.net), vat: cur.vat.plus(x.vat) });
    }
    const vatGroups = [...byRate].map(([r, v]) => `<VAT vatId="TAX">${el('SumBeforeVAT', v.net.toFixed(2))}${el('VATRate', r)}${el('VATSum', v.vat.toFixed(2))}${el('Currency', doc.currency)}${el('SumAfterVAT', v.net.plus(v.vat).toFixed(2))}</VAT>`).join('');
    out.push(
      `<InvoiceSumGroup>${el('InvoiceSum', net.toFixed(2))}${vatGroups}${el('TotalVATSum', vat.toFixed(2))}${el('TotalSum', new D(doc.totalAmount).toFixed(2))}${el('TotalToPay', new D(doc.totalAmount).toFixed(2))}${el('Currency', doc.currency)}</InvoiceSumGroup>`,
    );
    out.push('<InvoiceItem><InvoiceItemGroup>');
    split.forEach(({ line, net: n, vat: v }, i) => {
      const gross = new D(n).plus(v).toFixed(2);
      out.push(
        // ItemEntry's sequence: RowNo, …, Accounting, CustomerRef, Description, …, ItemSum, Addition, VAT, ItemTotal.
        `<ItemEntry>${el('RowNo', String(i + 1))}` +
          `<Accounting><JournalEntry>${el('GeneralLedger', cut(line.account, 20))}${el('CostObjective', cut(line.costCentre ?? line.project ?? '', 20))}${el('Sum', n)}</JournalEntry></Accounting>` +
          `${el('Description', cut(line.description || line.accountLabel || line.account, 500))}${el('ItemSum', n)}` +
          `<VAT vatId="TAX">${el('VATRate', new D(line.vatRate ?? '0').toFixed(2))}${el('VATSum', v)}</VAT>${el('ItemTotal', gross)}</ItemEntry>`,
      );
    });
    out.push('</InvoiceItemGroup></InvoiceItem>');
    // The file's link does not fit InvoiceContentText (100 characters): it is additional information.
    if (doc.fileLink) out.push(`<AdditionalInformation>${el('InformationName', 'File')}${el('InformationContent', cut(doc.fileLink, 500))}</AdditionalInformation>`);
    out.push(
      `<PaymentInfo>${el('Currency', doc.currency)}${el('PaymentDescription', cut(latin1(`${doc.reference} ${number}`), 210))}<Payable>YES</Payable>${el('PayDueDate', doc.dueDate ?? doc.issueDate ?? doc.approvedOn)}` +
        `${el('PaymentTotalSum', new D(doc.totalAmount).toFixed(2))}${el('PayerName', cut(buyer.name, 100))}${el('PaymentId', number)}<PayToAccount>${account(doc.iban)}</PayToAccount>${el('PayToName', seller)}</PaymentInfo>`,
    );
    out.push('</Invoice>');
  }
  out.push(`<Footer>${el('TotalNumberInvoices', String(entries.length))}${el('TotalAmount', total.toFixed(2))}</Footer>`);
  out.push('</E_Invoice>');
  return out.join('\n') + '\n';
}

/** The elements e-invoice 1.2 requires, in the standard's order, per level. */
export const EE_REQUIRED = {
  root: ['Header', 'Invoice', 'Footer'],
  header: ['Date', 'FileId', 'Version'],
  invoiceAttributes: ['invoiceId', 'regNumber', 'sellerRegnumber'],
  invoice: ['InvoiceParties', 'InvoiceInformation', 'InvoiceSumGroup', 'InvoiceItem', 'PaymentInfo'],
  information: ['Type', 'DocumentName', 'InvoiceNumber', 'InvoiceDate'],
  sumGroup: ['TotalSum', 'Currency'],
  item: ['Description'],
  payment: ['Currency', 'PaymentDescription', 'Payable', 'PaymentTotalSum', 'PayerName', 'PaymentId', 'PayToAccount', 'PayToName'],
  footer: ['TotalNumberInvoices', 'TotalAmount'],
} as const;

/**
 * The standard's sequences (e-invoice 1.2 schema) for the elements this export writes: a child
 * out of this order, or not in it, makes the file invalid for an importer that validates.
 */
export const EE_SEQUENCES: Record<string, readonly string[]> = {
  E_Invoice: ['Header', 'Invoice', 'Footer'],
  Header: ['Test', 'Date', 'FileId', 'AppId', 'Version', 'SenderId', 'ReceiverId', 'ContractId', 'PayeeAccountNumber'],
  Invoice: ['InvoiceParties', 'InvoiceInformation', 'InvoiceSumGroup', 'InvoiceItem', 'AdditionalInformation', 'AttachmentFile', 'PaymentInfo'],
  InvoiceParties: ['SellerParty', 'BuyerParty', 'RecipientParty', 'DeliveryParty', 'PayerParty', 'FactorParty'],
  SellerParty: ['GLN', 'TransactionPartnerCode', 'UniqueCode', 'Name', 'DepId', 'RegNumber', 'VATRegNumber', 'ContactData', 'AccountInfo', 'Extension'],
  BuyerParty: ['GLN', 'UniqueCode', 'Name', 'DepId', 'RegNumber', 'VATRegNumber', 'ContactData', 'AccountInfo', 'Extension'],
  InvoiceInformation: ['Type', 'FactorContractNumber', 'ContractNumber', 'DocumentName', 'InvoiceNumber', 'InvoiceContentCode', 'InvoiceContentText', 'PaymentReferenceNumber', 'PaymentMethod', 'InvoiceDate', 'DueDate', 'PaymentTerm', 'FineRatePerDay', 'Period', 'InvoiceDeliverer', 'Extension'],
  InvoiceSumGroup: ['Balance', 'InvoiceSum', 'PenaltySum', 'Addition', 'Rounding', 'VAT', 'TotalVATSum', 'TotalSum', 'TotalToPay', 'Currency', 'Accounting', 'Extension'],
  ItemEntry: ['RowNo', 'SerialNumber', 'SellerProductId', 'BuyerProductId', 'TaricCode', 'Accounting', 'CustomerRef', 'Description', 'EAN', 'InitialReading', 'FinalReading', 'ItemReserve', 'ItemDetailInfo', 'ItemSum', 'Addition', 'VAT', 'ItemTotal'],
  VAT: ['SumBeforeVAT', 'VATRate', 'VATSum', 'Currency', 'SumAfterVAT', 'Reference'],
  JournalEntry: ['GeneralLedger', 'GeneralLedgerDetail', 'CostObjective', 'Sum', 'VatSum', 'VatRate'],
  PaymentInfo: ['Currency', 'PaymentRefId', 'PaymentReferenceNumber', 'ServiceId', 'PaymentDescription', 'Payable', 'PayDueDate', 'PaymentTotalSum', 'PayerName', 'PaymentId', 'PayToAccount', 'PayToName', 'PayToBIC', 'DirectDebitPayeeContractNumber', 'DirectDebitPayerNumber'],
  Footer: ['TotalNumberInvoices', 'TotalAmount'],
};

type Ordered = Record<string, unknown>[];

/** Every element with a known sequence: its children in that order and none outside it. */
function sequenceProblems(nodes: Ordered, problems: string[]): void {
  for (const node of nodes) {
    const name = Object.keys(node).find((k) => k !== ':@' && k !== '#text');
    if (!name) continue;
    const children = (node[name] as Ordered | undefined) ?? [];
    const seq = EE_SEQUENCES[name];
    if (seq) {
      let at = 0;
      for (const child of children) {
        const c = Object.keys(child).find((k) => k !== ':@' && k !== '#text');
        if (!c) continue;
        const i = seq.indexOf(c);
        if (i < 0) problems.push(`${name} may not contain ${c}.`);
        else if (i < at) problems.push(`${name}: ${c} comes too late (the standard's order is ${seq.join(', ')}).`);
        else at = i;
      }
    }
    sequenceProblems(children, problems);
  }
}

type Node = Record<string, unknown>;
const arr = (v: unknown): Node[] => (v === undefined ? [] : Array.isArray(v) ? (v as Node[]) : [v as Node]);

export function eeProblems(xml: string): string[] {
  const problems: string[] = [];
  let doc: Node;
  try {
    doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, preserveOrder: false }).parse(xml, true) as Node;
  } catch (err) {
    return [`The e-invoice is not well-formed XML: ${(err as Error).message}`];
  }
  const root = doc.E_Invoice as Node | undefined;
  if (!root) return ['The e-invoice has no E_Invoice root.'];
  sequenceProblems(new XMLParser({ ignoreAttributes: false, preserveOrder: true, parseTagValue: false }).parse(xml) as Ordered, problems);
  const need = (node: Node | undefined, names: readonly string[], where: string, prefix = '') => {
    for (const n of names) if (node?.[prefix + n] === undefined) problems.push(`${where} has no ${n}.`);
  };
  need(root, EE_REQUIRED.root, 'E_Invoice');
  need(root.Header as Node, EE_REQUIRED.header, 'Header');
  if ((root.Header as Node | undefined)?.Version !== '1.2') problems.push('Header Version is not 1.2.');
  const invoices = arr(root.Invoice);
  let total = new D(0);
  invoices.forEach((inv, i) => {
    const where = `Invoice ${i + 1}`;
    need(inv, EE_REQUIRED.invoiceAttributes, where, '@');
    need(inv, EE_REQUIRED.invoice, where);
    need(inv.InvoiceInformation as Node, EE_REQUIRED.information, `${where} InvoiceInformation`);
    const sums = inv.InvoiceSumGroup as Node;
    need(sums, EE_REQUIRED.sumGroup, `${where} InvoiceSumGroup`);
    need(inv.PaymentInfo as Node, EE_REQUIRED.payment, `${where} PaymentInfo`);
    const items = arr(((inv.InvoiceItem as Node | undefined)?.InvoiceItemGroup as Node | undefined)?.ItemEntry);
    if (items.length === 0) problems.push(`${where} has no ItemEntry.`);
    let itemTotal = new D(0);
    for (const it of items) {
      need(it, EE_REQUIRED.item, `${where} ItemEntry`);
      itemTotal = itemTotal.plus(String(it.ItemTotal ?? '0'));
    }
    if (sums?.TotalSum !== undefined && !itemTotal.equals(String(sums.TotalSum))) problems.push(`${where}: its rows add up to ${itemTotal.toFixed(2)}, not TotalSum ${String(sums.TotalSum)}.`);
    total = total.plus(String(sums?.TotalSum ?? '0'));
  });
  const footer = root.Footer as Node | undefined;
  need(footer, EE_REQUIRED.footer, 'Footer');
  if (footer && String(footer.TotalNumberInvoices) !== String(invoices.length)) problems.push('Footer TotalNumberInvoices is not the number of invoices.');
  if (footer && footer.TotalAmount !== undefined && !total.equals(String(footer.TotalAmount))) problems.push('Footer TotalAmount is not the sum of the invoices.');
  return problems;
}
