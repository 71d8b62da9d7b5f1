// OASIS UBL 2.1 Invoice and CreditNote (Peppol BIS Billing 3.0, XRechnung UBL, EN 16931).
import { amount, ibanOrNull, supplierOf, type Party, isCreditNoteCode, isoDate, plainNumber, type EInvoice, type EInvoiceLine, type VatBreakdown } from './model';
import { at, child, childrenNamed, textOf, type XNode } from './xml';

function party(root: XNode, role: 'AccountingSupplierParty' | 'AccountingCustomerParty'): Party {
  const p = at(root, role, 'Party');
  const vatScheme = childrenNamed(p, 'PartyTaxScheme').find((s) => /^vat?$/i.test(textOf(at(s, 'TaxScheme', 'ID')) ?? ''));
  return {
    // The legal name (BT-27) over the trading name (BT-28), as EN 16931 names the seller.
    name: textOf(at(p, 'PartyLegalEntity', 'RegistrationName')) ?? textOf(at(p, 'PartyName', 'Name')),
    vatId: textOf(child(vatScheme, 'CompanyID')),
    regNo: textOf(at(p, 'PartyLegalEntity', 'CompanyID')),
  };
}

function readLine(line: XNode): EInvoiceLine {
  const item = child(line, 'Item');
  return {
    description: textOf(child(item, 'Name')) ?? textOf(child(item, 'Description')) ?? '',
    quantity: plainNumber(textOf(child(line, 'InvoicedQuantity') ?? child(line, 'CreditedQuantity'))),
    netAmount: amount(textOf(child(line, 'LineExtensionAmount'))),
    vatRate: plainNumber(textOf(at(item, 'ClassifiedTaxCategory', 'Percent'))),
    unitPrice: amount(textOf(at(line, 'Price', 'PriceAmount'))),
  };
}

export function readUbl(root: XNode): EInvoice {
  const creditNote = root.name === 'CreditNote';
  const seller = party(root, 'AccountingSupplierParty');
  const buyer = party(root, 'AccountingCustomerParty');
  const currency = textOf(child(root, 'DocumentCurrencyCode'));
  const totals = child(root, 'LegalMonetaryTotal');
  // Two TaxTotals when VAT is also stated in the accounting currency: take the invoice currency's.
  const taxTotals = childrenNamed(root, 'TaxTotal');
  const taxTotal = taxTotals.find((t) => currency && child(t, 'TaxAmount')?.attrs.currencyID === currency) ?? taxTotals[0] ?? null;
  const vatBreakdown: VatBreakdown[] = childrenNamed(taxTotal, 'TaxSubtotal').map((s) => ({
    rate: plainNumber(textOf(at(s, 'TaxCategory', 'Percent'))),
    category: textOf(at(s, 'TaxCategory', 'ID')),
    taxableAmount: amount(textOf(child(s, 'TaxableAmount'))),
    vatAmount: amount(textOf(child(s, 'TaxAmount'))),
  }));
  const means = childrenNamed(root, 'PaymentMeans');
  const typeCode = textOf(child(root, 'InvoiceTypeCode') ?? child(root, 'CreditNoteTypeCode'));
  const due = creditNote ? means.map((m) => textOf(child(m, 'PaymentDueDate'))).find(Boolean) : textOf(child(root, 'DueDate'));
  return {
    syntax: 'ubl',
    ...supplierOf(seller),
    invoiceNumber: textOf(child(root, 'ID')),
    issueDate: isoDate(textOf(child(root, 'IssueDate'))),
    dueDate: isoDate(due),
    currency,
    netAmount: amount(textOf(child(totals, 'TaxExclusiveAmount'))),
    vatAmount: amount(textOf(child(taxTotal, 'TaxAmount'))),
    totalAmount: amount(textOf(child(totals, 'TaxInclusiveAmount'))),
    iban: ibanOrNull(means.map((m) => textOf(at(m, 'PayeeFinancialAccount', 'ID'))).find(Boolean)),
    paymentReference: means.map((m) => textOf(child(m, 'PaymentID'))).find(Boolean) ?? null,
    buyerName: buyer.name,
    creditNote: creditNote || isCreditNoteCode(typeCode),
    vatBreakdown,
    lines: [...childrenNamed(root, 'InvoiceLine'), ...childrenNamed(root, 'CreditNoteLine')].map(readLine),
    language: null,
  };
}
