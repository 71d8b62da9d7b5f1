// Estonian e-invoice standard 1.2 (Eesti Pangaliit): one E_Invoice may carry several Invoice
// elements; each is read on its own.
import { amount, ibanOrNull, isoDate, plainNumber, type EInvoice, type EInvoiceLine, type VatBreakdown } from './model';
import { at, child, childrenNamed, descendants, textOf, type XNode } from './xml';

function readLine(entry: XNode): EInvoiceLine {
  const info = child(entry, 'ItemDetailInfo');
  return {
    description: textOf(child(entry, 'Description')) ?? '',
    quantity: plainNumber(textOf(child(info, 'ItemAmount'))),
    netAmount: amount(textOf(child(entry, 'ItemSum'))),
    vatRate: plainNumber(textOf(at(entry, 'VAT', 'VATRate'))),
    unitPrice: amount(textOf(child(info, 'ItemPrice'))),
  };
}

export function readEstonianInvoice(inv: XNode): EInvoice {
  const seller = at(inv, 'InvoiceParties', 'SellerParty');
  const info = child(inv, 'InvoiceInformation');
  const sums = child(inv, 'InvoiceSumGroup');
  const pay = child(inv, 'PaymentInfo');
  const vatBreakdown: VatBreakdown[] = childrenNamed(sums, 'VAT').map((v) => ({
    rate: plainNumber(textOf(child(v, 'VATRate'))),
    category: v.attrs.vatId ?? null,
    taxableAmount: amount(textOf(child(v, 'SumBeforeVAT'))),
    vatAmount: amount(textOf(child(v, 'VATSum'))),
  }));
  return {
    syntax: 'ee',
    supplierName: textOf(child(seller, 'Name')),
    supplierVatId: textOf(child(seller, 'VATRegNumber')),
    supplierRegNo: textOf(child(seller, 'RegNumber')),
    invoiceNumber: textOf(child(info, 'InvoiceNumber')) ?? inv.attrs.invoiceId ?? null,
    issueDate: isoDate(textOf(child(info, 'InvoiceDate'))),
    dueDate: isoDate(textOf(child(info, 'DueDate'))),
    currency: textOf(child(sums, 'Currency')) ?? textOf(child(pay, 'Currency')),
    netAmount: amount(textOf(child(sums, 'InvoiceSum'))),
    vatAmount: amount(textOf(child(sums, 'TotalVATSum'))),
    totalAmount: amount(textOf(child(sums, 'TotalSum'))),
    iban: ibanOrNull(textOf(child(pay, 'PayToAccount'))),
    paymentReference: textOf(child(info, 'PaymentReferenceNumber')) ?? textOf(child(pay, 'PaymentRefId')),
    buyerName: textOf(at(inv, 'InvoiceParties', 'BuyerParty', 'Name')),
    creditNote: /^cre$/i.test(at(info, 'Type')?.attrs.type ?? ''),
    vatBreakdown,
    lines: descendants(child(inv, 'InvoiceItem'), 'ItemEntry').map(readLine),
    language: inv.attrs.languageId ?? null,
  };
}

export const estonianInvoices = (root: XNode): XNode[] => childrenNamed(root, 'Invoice');
