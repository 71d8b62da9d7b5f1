/**
 * Usage lines and help for `/countersign`. Every parser error carries the
 * usage line of the subcommand it is about, so a refused command always
 * shows the right way to type it.
 */
export const USAGE = {
  help: '/countersign help',
  role: '/countersign role add|remove @user ROLE  (ROLE: employee, bookkeeper, coordinator, approver, auditor, payment-manager, admin, coding-right)',
  roles: '/countersign roles [@user]',
  chainSet:
    '/countersign chain set NAME [kind=invoice|expense] [min=AMOUNT] [max=AMOUNT] [cost-centre=CODE] [supplier="TEXT"] : STAGE ; STAGE …  ' +
    '(STAGE: coding [@user…] | coordinate all|any @user… | approve all|any @user…)',
  chainDefault: '/countersign chain default NAME',
  chainList: '/countersign chain list',
  chainShow: '/countersign chain show NAME',
  chainRemove: '/countersign chain remove NAME',
  substitute: '/countersign substitute @user for @user|me from YYYY-MM-DD to YYYY-MM-DD',
  substitutes: '/countersign substitutes',
  substituteRemove: '/countersign substitute remove ID',
  settings: '/countersign settings [reminder=DURATION] [escalation=DURATION] [escalate-to=@user|admins]  (DURATION: 30s, 15m, 4h, 3d, 1d12h)',
  codesAdd: '/countersign codes add account|vat|cost-centre|project CODE LABEL…',
  codesList: '/countersign codes list [account|vat|cost-centre|project]',
  codesImport: '/countersign codes import FILE-LINK [apply]  (a CSV or XLSX with columns type, code, label[, vat rate][, retired] uploaded in our DM; without apply: a preview of the changes)',
  codesRetire: '/countersign codes retire|restore account|vat|cost-centre|project CODE  (retired codes are no longer offered; documents coded with them keep them)',
  rule: '/countersign rule set SUPPLIER : ACCOUNT VAT [cc=CODE] [project=CODE] [PCT%] ; …  |  rule show|remove SUPPLIER  |  rule list  (SUPPLIER: VAT id, registration number, IBAN or name; beats what history suggests)',
  postingsExport: '/countersign export postings from YYYY-MM-DD to YYYY-MM-DD [csv|xlsx|fec|fec-pipe|xero|ee] [again]  (approved documents as journal entries; each is exported once unless "again")',
  status: '/countersign status DOC-ID',
  export: '/countersign export audit|documents|payments from YYYY-MM-DD to YYYY-MM-DD [csv|xlsx] [status=STATUS,…]',
  paymentsExport:
    '/countersign export payments [from YYYY-MM-DD to YYYY-MM-DD] [csv|xml]  (payment managers: a payment batch of the approved invoices due in the period, as CSV and SEPA pain.001 XML; administrators and auditors: the payments made in the period, csv|xlsx)',
  paymentsAccount: '/countersign payments account NAME IBAN [BIC]  (administrators: the account payments are made from)',
  paymentsBatchFile: '/countersign payments batch N file [csv|xml]  (a payment batch\'s files again, e.g. after a failed upload)',
  paymentsNotDuplicate: '/countersign payments not-duplicate DOC-N  (bookkeepers, payment managers, administrators: release an invoice held as a possible duplicate)',
} as const;

export type UsageKey = keyof typeof USAGE;

/** `chain …` as a whole, for an unknown or missing chain subcommand. */
export const CHAIN_USAGE = [USAGE.chainSet, USAGE.chainDefault, USAGE.chainList, USAGE.chainShow, USAGE.chainRemove].join('\n');
export const SUBSTITUTE_USAGE = [USAGE.substitute, USAGE.substitutes, USAGE.substituteRemove].join('\n');
export const CODES_USAGE = [USAGE.codesAdd, USAGE.codesList, USAGE.codesImport, USAGE.codesRetire].join('\n');

export const HELP_TEXT = [
  '*Countersign* — approvals for purchase invoices and expense reports.',
  '',
  '*Everyone*',
  `• ${USAGE.status}`,
  `• ${USAGE.substitute}  — e.g. who replaces you while you are away`,
  `• ${USAGE.help}`,
  '',
  '*Administrators*',
  `• ${USAGE.role}`,
  `• ${USAGE.roles}`,
  `• ${USAGE.chainSet}`,
  `• ${USAGE.chainDefault}`,
  `• ${USAGE.chainList}`,
  `• ${USAGE.chainShow}`,
  `• ${USAGE.chainRemove}`,
  `• ${USAGE.substitutes}`,
  `• ${USAGE.substituteRemove}`,
  `• ${USAGE.settings}`,
  `• ${USAGE.codesAdd}`,
  `• ${USAGE.codesList}`,
  `• ${USAGE.codesImport}`,
  `• ${USAGE.codesRetire}`,
  `• ${USAGE.rule}`,
  '',
  `• ${USAGE.paymentsAccount}`,
  '',
  '*Auditors and administrators*',
  `• ${USAGE.export}`,
  `• ${USAGE.postingsExport}`,
  '',
  '*Payment managers*',
  `• ${USAGE.paymentsExport}`,
  `• ${USAGE.paymentsBatchFile}`,
  `• ${USAGE.paymentsNotDuplicate}`,
  '• App Home lists the approved invoices to pay, with a Mark paid button',
  '',
  'Example: /countersign chain set big kind=invoice min=5000 : coding ; coordinate all @ann @bob ; approve any @cfo',
  'Amounts: min is included, max is not (min=1000 max=5000 means 1000 ≤ total < 5000). The most specific chain wins; the default chain takes the rest.',
].join('\n');
