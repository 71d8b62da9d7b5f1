import { describe, expect, it } from 'vitest';
import { isCommandError, parseCommand, type ParseResult } from '../../bot/commands/parse-command';
import { CHAIN_USAGE, CODES_USAGE, HELP_TEXT, USAGE } from '../../bot/commands/usage';

/** Asserts a refusal, its message and the usage shown with it. */
function expectError(r: ParseResult, message: RegExp, usage: string) {
  expect(isCommandError(r)).toBe(true);
  if (!isCommandError(r)) return;
  expect(r.error).toMatch(message);
  expect(r.usage).toBe(usage);
}

describe('help', () => {
  it('empty text, help, and the /countersign prefix', () => {
    expect(parseCommand('')).toEqual({ cmd: 'help' });
    expect(parseCommand('  HELP ')).toEqual({ cmd: 'help' });
    expect(parseCommand('/countersign help')).toEqual({ cmd: 'help' });
  });
  it('an unknown command shows the help', () => {
    expectError(parseCommand('approve everything'), /Unknown command "approve"/, HELP_TEXT);
  });
  it('the help text lists every usage line', () => {
    for (const line of Object.values(USAGE)) expect(HELP_TEXT).toContain(line);
  });
});

describe('role', () => {
  it('add and remove with plain and named mentions', () => {
    expect(parseCommand('role add <@U123> approver')).toEqual({ cmd: 'role.add', userId: 'U123', role: 'approver' });
    expect(parseCommand('role remove <@W9ABC|ann> Payment-Manager')).toEqual({ cmd: 'role.remove', userId: 'W9ABC', role: 'payment_manager' });
    expect(parseCommand('role add <@U1> coding-right')).toEqual({ cmd: 'role.add', userId: 'U1', role: 'coding-right' });
  });
  it('refuses a bad verb, a plain @name, an unknown role, a missing role, extra words', () => {
    expectError(parseCommand('role give <@U1> admin'), /Expected "add" or "remove", got "give"/, USAGE.role);
    expectError(parseCommand('role add @ann admin'), /"@ann" is not a Slack mention/, USAGE.role);
    expectError(parseCommand('role add ann admin'), /"ann" is not a user/, USAGE.role);
    expectError(parseCommand('role add <@U1> boss'), /Unknown role "boss"/, USAGE.role);
    expectError(parseCommand('role add <@U1>'), /Missing the role/, USAGE.role);
    expectError(parseCommand('role add'), /Missing user/, USAGE.role);
    expectError(parseCommand('role add <@U1> admin now'), /Unexpected "now"/, USAGE.role);
  });
});

describe('roles', () => {
  it('with and without a user', () => {
    expect(parseCommand('roles')).toEqual({ cmd: 'roles', userId: null });
    expect(parseCommand('roles <@U7|bob>')).toEqual({ cmd: 'roles', userId: 'U7' });
  });
  it('refuses a non-user and extra words', () => {
    expectError(parseCommand('roles bob'), /"bob" is not a user/, USAGE.roles);
    expectError(parseCommand('roles <@U7> <@U8>'), /Unexpected "<@U8>"/, USAGE.roles);
  });
});

describe('chain set', () => {
  it('parses the documented example', () => {
    expect(parseCommand('chain set big kind=invoice min=5000 : coding ; coordinate all <@U1> <@U2> ; approve any <@U3>')).toEqual({
      cmd: 'chain.set',
      name: 'big',
      conditions: { kind: 'invoice', minAmount: '5000.00' },
      stages: [
        { type: 'coding', mode: 'any', assignees: [] },
        { type: 'coordinate', mode: 'all', assignees: ['U1', 'U2'] },
        { type: 'approve', mode: 'any', assignees: ['U3'] },
      ],
    });
  });
  it('parses every condition, a quoted supplier with spaces and curly quotes, tight ":" and ";"', () => {
    const r = parseCommand('chain set acme-it max=1\u00a0000,50 min=100 cost-centre=IT supplier=\u201cACME  Ltd: EU\u201d:coding <@U9>;approve ALL <@U1|a> <@U2>;');
    expect(r).toEqual({
      cmd: 'chain.set',
      name: 'acme-it',
      conditions: { minAmount: '100.00', maxAmount: '1000.50', costCentre: 'IT', supplier: 'ACME Ltd: EU' },
      stages: [
        { type: 'coding', mode: 'any', assignees: ['U9'] },
        { type: 'approve', mode: 'all', assignees: ['U1', 'U2'] },
      ],
    });
  });
  it('a straight-quoted supplier keeps its words', () => {
    const r = parseCommand('chain set s supplier="Ben &amp; Jerry" : approve any <@U1>');
    expect(!isCommandError(r) && r.cmd === 'chain.set' && r.conditions.supplier).toBe('Ben & Jerry');
  });
  it('refuses a missing colon, name, or stages', () => {
    expectError(parseCommand('chain set big approve any <@U1>'), /Missing ":"/, USAGE.chainSet);
    expectError(parseCommand('chain set : approve any <@U1>'), /Missing the chain name/, USAGE.chainSet);
    expectError(parseCommand('chain set big :'), /No stages after ":"/, USAGE.chainSet);
    expectError(parseCommand('chain set b@d : approve any <@U1>'), /"b@d" is not a valid chain name/, USAGE.chainSet);
  });
  it('refuses bad options', () => {
    expectError(parseCommand('chain set x kind=receipt : approve any <@U1>'), /kind must be "invoice" or "expense", not "receipt"/, USAGE.chainSet);
    expectError(parseCommand('chain set x min=lots : approve any <@U1>'), /min=lots is not an amount/, USAGE.chainSet);
    expectError(parseCommand('chain set x colour=red : approve any <@U1>'), /Unknown option "colour"/, USAGE.chainSet);
    expectError(parseCommand('chain set x min=1 min=2 : approve any <@U1>'), /Option "min" is given twice/, USAGE.chainSet);
    expectError(parseCommand('chain set x invoice : approve any <@U1>'), /Unexpected "invoice"/, USAGE.chainSet);
    expectError(parseCommand('chain set x supplier="" : approve any <@U1>'), /supplier= needs a name/, USAGE.chainSet);
    expectError(parseCommand('chain set x supplier="ACME : approve any <@U1>'), /A quote is not closed/, USAGE.chainSet);
  });
  it('refuses bad stages', () => {
    expectError(parseCommand('chain set x : review any <@U1>'), /Stage 1: "review" is not a stage/, USAGE.chainSet);
    expectError(parseCommand('chain set x : approve <@U1>'), /Stage 1: say "approve all" or "approve any"/, USAGE.chainSet);
    expectError(parseCommand('chain set x : coding ; approve any'), /Stage 2: approve needs at least one @user/, USAGE.chainSet);
    expectError(parseCommand('chain set x : coding ;; approve any <@U1>'), /Stage 2 is empty/, USAGE.chainSet);
    expectError(parseCommand('chain set x : approve any @cfo'), /Stage 1: "@cfo" is not a Slack mention/, USAGE.chainSet);
  });
  it('refuses structurally invalid chains with the domain reason', () => {
    expectError(parseCommand('chain set x : coding ; coordinate any <@U1>'), /last stage must be an approve stage/, USAGE.chainSet);
    expectError(parseCommand('chain set x : approve any <@U1> ; coordinate any <@U2> ; approve any <@U3>'), /cannot come after an approve/, USAGE.chainSet);
    expectError(parseCommand('chain set x : approve any <@U1> ; coding'), /coding must be the first stage/, USAGE.chainSet);
    expectError(parseCommand('chain set x min=5000 max=100 : approve any <@U1>'), /must be below maximum/, USAGE.chainSet);
  });
});

describe('chain default / list / show / remove', () => {
  it('parses each', () => {
    expect(parseCommand('chain default main')).toEqual({ cmd: 'chain.default', name: 'main' });
    expect(parseCommand('chain list')).toEqual({ cmd: 'chain.list' });
    expect(parseCommand('Chain Show big')).toEqual({ cmd: 'chain.show', name: 'big' });
    expect(parseCommand('chain remove big')).toEqual({ cmd: 'chain.remove', name: 'big' });
  });
  it('refuses missing names, extra words and unknown verbs', () => {
    expectError(parseCommand('chain default'), /Missing the chain name/, USAGE.chainDefault);
    expectError(parseCommand('chain show'), /Missing the chain name/, USAGE.chainShow);
    expectError(parseCommand('chain remove a b'), /Unexpected "b"/, USAGE.chainRemove);
    expectError(parseCommand('chain list all'), /Unexpected "all"/, USAGE.chainList);
    expectError(parseCommand('chain delete big'), /Unknown chain command "delete"/, CHAIN_USAGE);
    expectError(parseCommand('chain'), /Say what to do with chains/, CHAIN_USAGE);
  });
});

describe('substitute', () => {
  it('for another user and for me', () => {
    expect(parseCommand('substitute <@U2> for <@U1> from 2025-07-01 to 2025-07-15')).toEqual({
      cmd: 'substitute.add',
      substituteId: 'U2',
      forUserId: 'U1',
      from: '2025-07-01',
      to: '2025-07-15',
    });
    expect(parseCommand('substitute <@U2|bob> FOR me FROM 2025-07-01 TO 2025-07-01')).toEqual({
      cmd: 'substitute.add',
      substituteId: 'U2',
      forUserId: 'me',
      from: '2025-07-01',
      to: '2025-07-01',
    });
  });
  it('refuses bad input', () => {
    const u = USAGE.substitute;
    expectError(parseCommand('substitute bob for me from 2025-07-01 to 2025-07-02'), /"bob" is not a user/, u);
    expectError(parseCommand('substitute <@U2> instead of me'), /Expected "for", got "instead"/, u);
    expectError(parseCommand('substitute <@U2> for'), /Missing absent user/, u);
    expectError(parseCommand('substitute <@U2> for <@U2> from 2025-07-01 to 2025-07-02'), /cannot substitute for themself/, u);
    expectError(parseCommand('substitute <@U2> for me'), /Missing "from YYYY-MM-DD"/, u);
    expectError(parseCommand('substitute <@U2> for me from 2025-02-30 to 2025-03-02'), /"2025-02-30" is not a real date/, u);
    expectError(parseCommand('substitute <@U2> for me from 2025-03-01 until 2025-03-02'), /Expected "to", got "until"/, u);
    expectError(parseCommand('substitute <@U2> for me from 2025-03-01 to 01/04/2025'), /"01\/04\/2025" is not a real date/, u);
    expectError(parseCommand('substitute <@U2> for me from 2025-03-05 to 2025-03-01'), /end date 2025-03-01 is before the start date 2025-03-05/, u);
    expectError(parseCommand('substitute <@U2> for me from 2025-03-01 to 2025-03-05 please'), /Unexpected "please"/, u);
  });
});

describe('substitutes and substitute remove', () => {
  it('parses', () => {
    expect(parseCommand('substitutes')).toEqual({ cmd: 'substitutes' });
    expect(parseCommand('substitute remove sub_42')).toEqual({ cmd: 'substitute.remove', id: 'sub_42' });
  });
  it('refuses', () => {
    expectError(parseCommand('substitutes all'), /Unexpected "all"/, USAGE.substitutes);
    expectError(parseCommand('substitute remove'), /Missing the substitution ID/, USAGE.substituteRemove);
    expectError(parseCommand('substitute remove 1 2'), /Unexpected "2"/, USAGE.substituteRemove);
  });
});

describe('settings', () => {
  it('shows with no options, sets each option', () => {
    expect(parseCommand('settings')).toEqual({ cmd: 'settings' });
    expect(parseCommand('settings reminder=30s escalation=1d12h escalate-to=<@U5>')).toEqual({
      cmd: 'settings',
      reminderAfterMs: 30_000,
      escalateAfterMs: 129_600_000,
      escalationUserId: 'U5',
    });
    expect(parseCommand('settings escalate-to=admins')).toEqual({ cmd: 'settings', escalationUserId: null });
  });
  it('refuses bad durations, zero, escalation before reminder, bad user, unknown option', () => {
    const u = USAGE.settings;
    expectError(parseCommand('settings reminder=soon'), /reminder=soon is not a duration/, u);
    expectError(parseCommand('settings reminder=0s'), /reminder must be longer than zero/, u);
    expectError(parseCommand('settings reminder=2h escalation=1h'), /escalation must be longer than reminder/, u);
    expectError(parseCommand('settings escalate-to=bob'), /"bob" is not a user/, u);
    expectError(parseCommand('settings timeout=1h'), /Unknown option "timeout"/, u);
    expectError(parseCommand('settings reminder'), /Unexpected "reminder"/, u);
  });
});

describe('codes', () => {
  it('add with an unquoted or quoted label, list with and without type', () => {
    expect(parseCommand('codes add account 6000 Office   supplies')).toEqual({ cmd: 'codes.add', type: 'account', code: '6000', label: 'Office   supplies' });
    expect(parseCommand('codes add cost-centre CC-10 "Sales & marketing"')).toEqual({ cmd: 'codes.add', type: 'cost-centre', code: 'CC-10', label: 'Sales & marketing' });
    expect(parseCommand('codes add vat VAT24 Standard 24 %')).toEqual({ cmd: 'codes.add', type: 'vat', code: 'VAT24', label: 'Standard 24 %' });
    expect(parseCommand('codes list')).toEqual({ cmd: 'codes.list', type: null });
    expect(parseCommand('codes list project')).toEqual({ cmd: 'codes.list', type: 'project' });
  });
  it('refuses', () => {
    expectError(parseCommand('codes add colour RED Red'), /Unknown code type "colour"/, USAGE.codesAdd);
    expectError(parseCommand('codes add account'), /Missing the code/, USAGE.codesAdd);
    expectError(parseCommand('codes add account 6000'), /Missing the label for account 6000/, USAGE.codesAdd);
    expectError(parseCommand('codes add account *6000 Office'), /"\*6000" is not a valid code/, USAGE.codesAdd);
    expectError(parseCommand('codes list colour'), /Unknown code type "colour"/, USAGE.codesList);
    expectError(parseCommand('codes list vat extra'), /Unexpected "extra"/, USAGE.codesList);
    expectError(parseCommand('codes delete 6000'), /Unknown codes command "delete"/, CODES_USAGE);
  });
});

describe('status', () => {
  it('parses an id, with or without #', () => {
    expect(parseCommand('status INV-2025-0042')).toEqual({ cmd: 'status', documentId: 'INV-2025-0042' });
    expect(parseCommand('status #abc123')).toEqual({ cmd: 'status', documentId: 'abc123' });
  });
  it('refuses', () => {
    expectError(parseCommand('status'), /Missing the document ID/, USAGE.status);
    expectError(parseCommand('status what?'), /"what\?" is not a document ID/, USAGE.status);
    expectError(parseCommand('status a b'), /Unexpected "b"/, USAGE.status);
  });
});

describe('export', () => {
  it('defaults to csv and every status', () => {
    expect(parseCommand('export audit from 2025-01-01 to 2025-01-31')).toEqual({
      cmd: 'export',
      what: 'audit',
      from: '2025-01-01',
      to: '2025-01-31',
      format: 'csv',
      status: null,
    });
  });
  it('takes a format and a status list in any order', () => {
    expect(parseCommand('export documents from 2025-01-01 to 2025-12-31 status=approved,in-review,approved XLSX')).toEqual({
      cmd: 'export',
      what: 'documents',
      from: '2025-01-01',
      to: '2025-12-31',
      format: 'xlsx',
      status: ['approved', 'in_review'],
    });
  });
  it('refuses', () => {
    const u = USAGE.export;
    expectError(parseCommand('export users from 2025-01-01 to 2025-01-31'), /Cannot export "users"/, u);
    expectError(parseCommand('export'), /Say what to export/, u);
    expectError(parseCommand('export audit'), /Missing "from YYYY-MM-DD"/, u);
    expectError(parseCommand('export audit from 2025-01-01'), /Missing "to YYYY-MM-DD"/, u);
    expectError(parseCommand('export audit from 2025-01-01 to'), /Missing the end date/, u);
    expectError(parseCommand('export audit from 2025-01-32 to 2025-02-01'), /"2025-01-32" is not a real date/, u);
    expectError(parseCommand('export audit from 2025-02-01 to 2025-01-01'), /before the start date/, u);
    expectError(parseCommand('export audit from 2025-01-01 to 2025-01-31 pdf'), /Unexpected "pdf"/, u);
    expectError(parseCommand('export audit from 2025-01-01 to 2025-01-31 csv xlsx'), /Give the format once/, u);
    expectError(parseCommand('export audit from 2025-01-01 to 2025-01-31 status=lost'), /Unknown status "lost"/, u);
    expectError(parseCommand('export audit from 2025-01-01 to 2025-01-31 status='), /status= needs at least one status/, u);
  });
});

describe('export payments (one grammar with the rest: no second parser in front)', () => {
  it('takes an optional period and format', () => {
    expect(parseCommand('export payments')).toEqual({ cmd: 'export.payments', from: null, to: null, format: 'both' });
    expect(parseCommand('/countersign EXPORT Payments from 2025-01-01 to 2025-01-31 csv')).toEqual({ cmd: 'export.payments', from: '2025-01-01', to: '2025-01-31', format: 'csv' });
    expect(parseCommand('export payments to 2025-02-01 pain001')).toEqual({ cmd: 'export.payments', from: null, to: '2025-02-01', format: 'xml' });
    expect(parseCommand('export payments from 2025-01-01 xlsx')).toEqual({ cmd: 'export.payments', from: '2025-01-01', to: null, format: 'xlsx' });
  });
  it('refuses', () => {
    const u = USAGE.paymentsExport;
    expectError(parseCommand('export payments from 2025-02-30'), /"2025-02-30" is not a real date/, u);
    expectError(parseCommand('export payments from'), /Missing the date after "from"/, u);
    expectError(parseCommand('export payments csv xml'), /Give the format once/, u);
    expectError(parseCommand('export payments from 2025-02-01 to 2025-01-01'), /before the start date/, u);
    expectError(parseCommand('export payments pdf'), /Unexpected "pdf"/, u);
  });
});

describe('payments account', () => {
  it('shows, or sets name, IBAN and BIC (the name quoted or not)', () => {
    expect(parseCommand('payments account')).toEqual({ cmd: 'payments.account', account: null });
    expect(parseCommand('payments account "Countersign OÜ" EE382200221020145685 HABAEE2X')).toEqual({
      cmd: 'payments.account',
      account: { name: 'Countersign OÜ', iban: 'EE382200221020145685', bic: 'HABAEE2X' },
    });
    expect(parseCommand('payments account Acme &amp; Sons Ltd DE89370400440532013000')).toEqual({
      cmd: 'payments.account',
      account: { name: 'Acme & Sons Ltd', iban: 'DE89370400440532013000', bic: null },
    });
  });
  it('reads batch file and not-duplicate', () => {
    expect(parseCommand('payments batch 3 file')).toEqual({ cmd: 'payments.batchFile', batch: '3', format: 'both' });
    expect(parseCommand('payments batch PB-3 file xml')).toEqual({ cmd: 'payments.batchFile', batch: 'PB-3', format: 'xml' });
    expect(parseCommand('payments not-duplicate DOC-4')).toEqual({ cmd: 'payments.notDuplicate', document: 'DOC-4' });
  });

  it('refuses', () => {
    const u = USAGE.paymentsAccount;
    expectError(parseCommand('payments'), /Say "account", "batch" or "not-duplicate"/, u);
    expectError(parseCommand('payments refund'), /Expected "account", "batch" or "not-duplicate", got "refund"/, u);
    expectError(parseCommand('payments batch'), /Say which payment batch/, USAGE.paymentsBatchFile);
    expectError(parseCommand('payments batch 3'), /Say "file"/, USAGE.paymentsBatchFile);
    expectError(parseCommand('payments batch 3 file pdf'), /expected csv or xml/, USAGE.paymentsBatchFile);
    expectError(parseCommand('payments not-duplicate'), /Say which document/, USAGE.paymentsNotDuplicate);
    expectError(parseCommand('payments account Acme'), /then the IBAN/, u);
    expectError(parseCommand('payments account EE382200221020145685'), /then the IBAN/, u);
    expectError(parseCommand('payments account Acme DE89370400440532013000 COBADEFFXXX extra'), /Unexpected "extra" at the end/, u);
    expectError(parseCommand('payments account "Acme DE89370400440532013000'), /A quote is not closed/, u);
  });
});
