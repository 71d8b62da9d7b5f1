// UN/CEFACT Cross Industry Invoice: CII D16B (Factur-X, ZUGFeRD 2.x, XRechnung CII) and
// ZUGFeRD 1.0's CrossIndustryDocument. Read by local names only: the 1.0 wrappers
// (HeaderExchangedDocument, ApplicableSupplyChainTradeSettlement, ...) and the 2.x ones
// (ExchangedDocument, ApplicableHeaderTradeSettlement, ...) are found by what they hold.
import { amount, ibanOrNull, supplierOf, type Party, isCreditNoteCode, isoDate, plainNumber, type EInvoice, type EInvoiceLine, type VatBreakdown } from './model';
import { at, child, childrenNamed, descendants, first, textOf, type XNode } from './xml';

const LINE = 'IncludedSupplyChainTradeLineItem';
/** Header fields must not be taken from a line item's own settlement or product. */
const NOT_IN_LINES = new Set([LINE]);

const headerFirst = (root: XNode, name: string) => first(root, name, NOT_IN_LINES);

function partyFields(party: XNode | null): Party {
  const vat = childrenNamed(party, 'SpecifiedTaxRegistration')
    .map((r) => child(r, 'ID'))
    .find((id) => id && /^va$/i.test(id.attrs.schemeID ?? ''));
  return {
    name: textOf(child(party, 'Name')),
    vatId: textOf(vat),
    regNo: textOf(at(party, 'SpecifiedLegalOrganization', 'ID')),
  };
}

/** The amount whose currencyID is the invoice currency when the XML gives it in two. */
function inCurrency(nodes: XNode[], currency: string | null): string | null {
  const pick = nodes.find((n) => currency && n.attrs.currencyID === currency) ?? nodes.find((n) => !n.attrs.currencyID) ?? nodes[0];
  return amount(textOf(pick));
}

const rateOf = (tax: XNode | null) => plainNumber(textOf(child(tax, 'RateApplicablePercent')) ?? textOf(child(tax, 'ApplicablePercent')));

function readLine(li: XNode): EInvoiceLine {
  const tax = first(li, 'ApplicableTradeTax');
  return {
    description: textOf(at(li, 'SpecifiedTradeProduct', 'Name')) ?? '',
    quantity: plainNumber(textOf(first(li, 'BilledQuantity'))),
    netAmount: amount(textOf(first(li, 'LineTotalAmount'))),
    vatRate: rateOf(tax),
    unitPrice: amount(textOf(at(first(li, 'NetPriceProductTradePrice'), 'ChargeAmount'))),
  };
}

export function readCii(root: XNode): EInvoice {
  const docNode = child(root, 'ExchangedDocument') ?? child(root, 'HeaderExchangedDocument');
  const seller = partyFields(headerFirst(root, 'SellerTradeParty'));
  const buyer = partyFields(headerFirst(root, 'BuyerTradeParty'));
  const currency = textOf(headerFirst(root, 'InvoiceCurrencyCode'));
  const sums = headerFirst(root, 'SpecifiedTradeSettlementHeaderMonetarySummation') ?? headerFirst(root, 'SpecifiedTradeSettlementMonetarySummation');
  const settlement = headerFirst(root, 'ApplicableHeaderTradeSettlement') ?? headerFirst(root, 'ApplicableSupplyChainTradeSettlement');
  const vatBreakdown: VatBreakdown[] = childrenNamed(settlement, 'ApplicableTradeTax').map((t) => ({
    rate: rateOf(t),
    category: textOf(child(t, 'CategoryCode')),
    taxableAmount: amount(textOf(child(t, 'BasisAmount'))),
    vatAmount: amount(textOf(child(t, 'CalculatedAmount'))),
  }));
  const typeCode = textOf(child(docNode, 'TypeCode'));
  const title = textOf(child(docNode, 'Name'));
  const ibanNode = descendants(root, 'PayeePartyCreditorFinancialAccount', NOT_IN_LINES).map((a) => textOf(child(a, 'IBANID'))).find(Boolean);
  const dueNode = descendants(root, 'SpecifiedTradePaymentTerms', NOT_IN_LINES).map((t) => textOf(at(t, 'DueDateDateTime', 'DateTimeString'))).find(Boolean);
  return {
    syntax: 'cii',
    ...supplierOf(seller),
    invoiceNumber: textOf(child(docNode, 'ID')),
    issueDate: isoDate(textOf(at(docNode, 'IssueDateTime', 'DateTimeString'))),
    dueDate: isoDate(dueNode),
    currency,
    netAmount: amount(textOf(child(sums, 'TaxBasisTotalAmount'))),
    vatAmount: inCurrency(childrenNamed(sums, 'TaxTotalAmount'), currency),
    totalAmount: amount(textOf(child(sums, 'GrandTotalAmount'))),
    iban: ibanOrNull(ibanNode),
    paymentReference: textOf(child(settlement, 'PaymentReference')),
    buyerName: buyer.name,
    creditNote: isCreditNoteCode(typeCode) || /^\s*(avoir|credit\s*note)\b/i.test(title ?? ''),
    vatBreakdown,
    lines: descendants(root, LINE).map(readLine),
    language: textOf(child(docNode, 'LanguageID')),
  };
}
