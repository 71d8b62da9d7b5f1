// SEPA credit transfers as ISO 20022 pain.001.001.03 (Customer Credit Transfer Initiation),
// the file banks accept for a payment batch; and a validator for the schema's and the EPC
// rulebook's rules on mandatory elements, identifiers, amounts and totals, run on every file
// before anyone gets it.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { addAmounts, compareAmounts } from '../domain';
import { ibanProblem, isValidBic, normalizeIban } from '../domain/iban';

export const PAIN_001_NS = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.03';

export interface SepaDebtor {
  name: string;
  iban: string;
  /** Optional since the IBAN-only rule; "NOTPROVIDED" is sent when absent. */
  bic: string | null;
}

export interface SepaTransfer {
  /** Max 35 characters, unique in the message. */
  endToEndId: string;
  /** Two decimals, e.g. '1250.00'. */
  amount: string;
  currency: string;
  creditorName: string;
  creditorIban: string;
  /** Unstructured remittance information (the invoice number), max 140. */
  remittance: string | null;
}

export interface SepaMessage {
  /** Max 35 characters; the bank refuses a message id it has seen (no double payment). */
  msgId: string;
  createdAt: Date;
  /** Requested execution date, YYYY-MM-DD. */
  executionDate: string;
  paymentInfoId: string;
  initiatingParty: string;
  debtor: SepaDebtor;
  transfers: SepaTransfer[];
}

/** Characters XML 1.0 does not allow at all (control characters except tab, LF, CR). */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(XML_INVALID, ' ').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** One line, no control characters, at most `max` characters (code points, not UTF-16 units). */
export function sepaText(text: string, max: number): string {
  const clean = text.replace(XML_INVALID, ' ').replace(/\s+/g, ' ').trim();
  return [...clean].slice(0, max).join('');
}

const AMOUNT = /^\d{1,9}\.\d{2}$/;

/** Why a transfer cannot go into a SEPA file (empty when it can). */
export function transferProblems(t: Pick<SepaTransfer, 'amount' | 'currency' | 'creditorName' | 'creditorIban'>): string[] {
  const problems: string[] = [];
  if (!t.currency) problems.push('it has no currency; SEPA transfers are in EUR only');
  else if (t.currency !== 'EUR') problems.push(`its currency is ${t.currency}; SEPA transfers are in EUR only`);
  if (!t.creditorIban) problems.push('it has no IBAN for the supplier');
  else {
    const p = ibanProblem(t.creditorIban);
    if (p) problems.push(p.replace(/\.$/, ''));
  }
  if (!t.amount) problems.push('it has no total amount');
  else if (!AMOUNT.test(t.amount) || compareAmounts(t.amount, '0.01') < 0) problems.push(`its total ${t.amount} is not an amount SEPA can transfer (0.01 to 999999999.99)`);
  if (!t.creditorName || !sepaText(t.creditorName, 70)) problems.push('it has no supplier name (the creditor name is mandatory)');
  return problems;
}

function isoDateTime(d: Date): string {
  return d.toISOString().slice(0, 19);
}

export function buildPain001(m: SepaMessage): string {
  const ctrlSum = addAmounts(...m.transfers.map((t) => t.amount));
  const n = String(m.transfers.length);
  const bic = m.debtor.bic ? normalizeIban(m.debtor.bic) : null;
  const x = escapeXml;
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<Document xmlns="${PAIN_001_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`,
    '  <CstmrCdtTrfInitn>',
    '    <GrpHdr>',
    `      <MsgId>${x(sepaText(m.msgId, 35))}</MsgId>`,
    `      <CreDtTm>${isoDateTime(m.createdAt)}</CreDtTm>`,
    `      <NbOfTxs>${n}</NbOfTxs>`,
    `      <CtrlSum>${ctrlSum}</CtrlSum>`,
    `      <InitgPty><Nm>${x(sepaText(m.initiatingParty, 70))}</Nm></InitgPty>`,
    '    </GrpHdr>',
    '    <PmtInf>',
    `      <PmtInfId>${x(sepaText(m.paymentInfoId, 35))}</PmtInfId>`,
    '      <PmtMtd>TRF</PmtMtd>',
    '      <BtchBookg>true</BtchBookg>',
    `      <NbOfTxs>${n}</NbOfTxs>`,
    `      <CtrlSum>${ctrlSum}</CtrlSum>`,
    '      <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>',
    `      <ReqdExctnDt>${x(m.executionDate)}</ReqdExctnDt>`,
    `      <Dbtr><Nm>${x(sepaText(m.debtor.name, 70))}</Nm></Dbtr>`,
    `      <DbtrAcct><Id><IBAN>${x(normalizeIban(m.debtor.iban))}</IBAN></Id></DbtrAcct>`,
    bic ? `      <DbtrAgt><FinInstnId><BIC>${x(bic)}</BIC></FinInstnId></DbtrAgt>` : '      <DbtrAgt><FinInstnId><Othr><Id>NOTPROVIDED</Id></Othr></FinInstnId></DbtrAgt>',
    '      <ChrgBr>SLEV</ChrgBr>',
  ];
  for (const t of m.transfers) {
    lines.push(
      '      <CdtTrfTxInf>',
      `        <PmtId><EndToEndId>${x(sepaText(t.endToEndId, 35))}</EndToEndId></PmtId>`,
      `        <Amt><InstdAmt Ccy="${x(t.currency)}">${x(t.amount)}</InstdAmt></Amt>`,
      `        <Cdtr><Nm>${x(sepaText(t.creditorName, 70))}</Nm></Cdtr>`,
      `        <CdtrAcct><Id><IBAN>${x(normalizeIban(t.creditorIban))}</IBAN></Id></CdtrAcct>`,
      ...(t.remittance && sepaText(t.remittance, 140) ? [`        <RmtInf><Ustrd>${x(sepaText(t.remittance, 140))}</Ustrd></RmtInf>`] : []),
      '      </CdtTrfTxInf>',
    );
  }
  lines.push('    </PmtInf>', '  </CstmrCdtTrfInitn>', '</Document>', '');
  return lines.join('\n');
}

type Node = Record<string, unknown>;
const ARRAYS = new Set(['PmtInf', 'CdtTrfTxInf']);

export function parsePain001(xml: string): Node {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, parseAttributeValue: false, trimValues: true, isArray: (name) => ARRAYS.has(name) });
  return parser.parse(xml) as Node;
}

const obj = (v: unknown): Node | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : null);
const text = (v: unknown): string | null => {
  if (typeof v === 'string') return v;
  const o = obj(v);
  return o && typeof o['#text'] === 'string' ? (o['#text'] as string) : null;
};
const at = (root: unknown, path: string): unknown => path.split('/').reduce<unknown>((n, k) => obj(n)?.[k], root);

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * The problems of a pain.001.001.03 file for SEPA credit transfers (empty when valid): well-
 * formed XML, the namespace, every mandatory element, Max35Text identifiers, ISO dates, PmtMtd
 * TRF, valid IBANs and BICs, EUR amounts with two decimals, NbOfTxs and CtrlSum equal to the
 * transactions at both levels.
 */
export function validatePain001(xml: string): string[] {
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) return [`Not well-formed XML: ${wellFormed.err.msg} (line ${wellFormed.err.line}).`];
  const problems: string[] = [];
  const need = (node: unknown, path: string, where: string, max?: number): string | null => {
    const v = text(at(node, path));
    if (v === null || v.trim() === '') {
      problems.push(`${where}: ${path} is missing.`);
      return null;
    }
    if (max !== undefined && [...v].length > max) problems.push(`${where}: ${path} is longer than ${max} characters.`);
    return v;
  };
  const checkIban = (node: unknown, path: string, where: string) => {
    const v = need(node, path, where);
    if (v !== null && (v !== normalizeIban(v) || ibanProblem(v))) problems.push(`${where}: ${path} ${v} is not a valid IBAN.`);
  };

  const doc = obj(parsePain001(xml).Document);
  if (!doc) return ['The root element is not Document.'];
  if (doc['@_xmlns'] !== PAIN_001_NS) problems.push(`Document: the namespace must be ${PAIN_001_NS}.`);
  const root = obj(doc.CstmrCdtTrfInitn);
  if (!root) return [...problems, 'CstmrCdtTrfInitn is missing.'];

  const hdr = root.GrpHdr;
  need(hdr, 'MsgId', 'GrpHdr', 35);
  const cre = need(hdr, 'CreDtTm', 'GrpHdr');
  if (cre !== null && !ISO_DATE_TIME.test(cre)) problems.push(`GrpHdr: CreDtTm ${cre} is not an ISO date-time.`);
  const nb = need(hdr, 'NbOfTxs', 'GrpHdr');
  if (nb !== null && !/^\d{1,15}$/.test(nb)) problems.push(`GrpHdr: NbOfTxs ${nb} is not a number of up to 15 digits.`);
  const sum = need(hdr, 'CtrlSum', 'GrpHdr');
  if (sum !== null && !/^\d{1,16}\.\d{2}$/.test(sum)) problems.push(`GrpHdr: CtrlSum ${sum} is not an amount with two decimals.`);
  need(hdr, 'InitgPty/Nm', 'GrpHdr', 70);

  const infos = Array.isArray(root.PmtInf) ? (root.PmtInf as unknown[]) : [];
  if (infos.length === 0) problems.push('PmtInf is missing.');
  let allCount = 0;
  const allAmounts: string[] = [];
  const endToEnd = new Set<string>();
  infos.forEach((info, i) => {
    const w = `PmtInf ${i + 1}`;
    need(info, 'PmtInfId', w, 35);
    const mtd = need(info, 'PmtMtd', w);
    if (mtd !== null && mtd !== 'TRF') problems.push(`${w}: PmtMtd must be TRF, not ${mtd}.`);
    const svc = text(at(info, 'PmtTpInf/SvcLvl/Cd'));
    if (svc !== null && svc !== 'SEPA') problems.push(`${w}: the service level must be SEPA, not ${svc}.`);
    const date = need(info, 'ReqdExctnDt', w);
    if (date !== null && !ISO_DATE.test(date)) problems.push(`${w}: ReqdExctnDt ${date} is not a date (YYYY-MM-DD).`);
    need(info, 'Dbtr/Nm', w, 70);
    checkIban(info, 'DbtrAcct/Id/IBAN', w);
    const bic = text(at(info, 'DbtrAgt/FinInstnId/BIC'));
    const othr = text(at(info, 'DbtrAgt/FinInstnId/Othr/Id'));
    if (bic === null && othr !== 'NOTPROVIDED') problems.push(`${w}: DbtrAgt needs a BIC (or Othr/Id NOTPROVIDED).`);
    if (bic !== null && !isValidBic(bic)) problems.push(`${w}: DbtrAgt BIC ${bic} is not a valid BIC.`);
    const chrg = text(at(info, 'ChrgBr'));
    if (chrg !== null && chrg !== 'SLEV') problems.push(`${w}: ChrgBr must be SLEV for SEPA, not ${chrg}.`);

    const txs = Array.isArray(obj(info)?.CdtTrfTxInf) ? (obj(info)!.CdtTrfTxInf as unknown[]) : [];
    if (txs.length === 0) problems.push(`${w}: CdtTrfTxInf is missing.`);
    const amounts: string[] = [];
    txs.forEach((tx, j) => {
      const tw = `${w} CdtTrfTxInf ${j + 1}`;
      const e2e = need(tx, 'PmtId/EndToEndId', tw, 35);
      if (e2e !== null) {
        if (endToEnd.has(e2e)) problems.push(`${tw}: EndToEndId ${e2e} is used twice.`);
        endToEnd.add(e2e);
      }
      const amt = at(tx, 'Amt/InstdAmt');
      const value = text(amt);
      const ccy = obj(amt)?.['@_Ccy'];
      if (value === null) problems.push(`${tw}: Amt/InstdAmt is missing.`);
      else if (!AMOUNT.test(value) || compareAmounts(value, '0.01') < 0) problems.push(`${tw}: InstdAmt ${value} is not an amount from 0.01 to 999999999.99 with two decimals.`);
      else amounts.push(value);
      if (ccy !== 'EUR') problems.push(`${tw}: InstdAmt currency must be EUR, not ${String(ccy ?? 'missing')}.`);
      need(tx, 'Cdtr/Nm', tw, 70);
      checkIban(tx, 'CdtrAcct/Id/IBAN', tw);
      const bicC = text(at(tx, 'CdtrAgt/FinInstnId/BIC'));
      if (bicC !== null && !isValidBic(bicC)) problems.push(`${tw}: CdtrAgt BIC ${bicC} is not a valid BIC.`);
      const ustrd = text(at(tx, 'RmtInf/Ustrd'));
      if (ustrd !== null && [...ustrd].length > 140) problems.push(`${tw}: RmtInf/Ustrd is longer than 140 characters.`);
    });
    const pnb = text(at(info, 'NbOfTxs'));
    if (pnb !== null && pnb !== String(txs.length)) problems.push(`${w}: NbOfTxs ${pnb} but ${txs.length} transactions.`);
    const psum = text(at(info, 'CtrlSum'));
    if (psum !== null && amounts.length === txs.length && amounts.length > 0 && (!/^\d+(\.\d+)?$/.test(psum) || compareAmounts(psum, addAmounts(...amounts)) !== 0)) {
      problems.push(`${w}: CtrlSum ${psum} but the transactions add up to ${addAmounts(...amounts)}.`);
    }
    allCount += txs.length;
    allAmounts.push(...amounts);
  });
  if (nb !== null && /^\d+$/.test(nb) && Number(nb) !== allCount) problems.push(`GrpHdr: NbOfTxs ${nb} but the file has ${allCount} transactions.`);
  if (sum !== null && /^\d+\.\d{2}$/.test(sum) && allAmounts.length === allCount && allCount > 0 && compareAmounts(sum, addAmounts(...allAmounts)) !== 0) {
    problems.push(`GrpHdr: CtrlSum ${sum} but the transactions add up to ${addAmounts(...allAmounts)}.`);
  }
  return problems;
}
