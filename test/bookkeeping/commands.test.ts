// The bookkeeping commands' grammar: export postings, rule, codes import|retire|restore.
import { describe, expect, it } from 'vitest';
import { isCommandError, parseCommand } from '../../bot/commands/parse-command';
import { USAGE } from '../../bot/commands/usage';

describe('bookkeeping commands', () => {
  it('export postings with a format and again', () => {
    expect(parseCommand('export postings from 2026-03-01 to 2026-03-31')).toEqual({ cmd: 'export.postings', from: '2026-03-01', to: '2026-03-31', format: 'csv', again: false });
    expect(parseCommand('export postings from 2026-03-01 to 2026-03-31 FEC-pipe again')).toEqual({ cmd: 'export.postings', from: '2026-03-01', to: '2026-03-31', format: 'fec-pipe', again: true });
    expect(parseCommand('export postings from 2026-03-01 to 2026-03-31 ee')).toMatchObject({ format: 'ee' });
    const bad = parseCommand('export postings from 2026-03-01 to 2026-03-31 sepa');
    expect(isCommandError(bad) && bad.usage).toBe(USAGE.postingsExport);
  });

  it('rule set with percentages that add up to 100, show, remove, list', () => {
    expect(parseCommand('rule set EE102179567 : 6010 VAT22 cc=OPS 60% ; 6020 VAT22 project=P1 40%')).toEqual({
      cmd: 'rule.set',
      supplier: 'EE102179567',
      lines: [
        { account: '6010', vatCode: 'VAT22', costCentre: 'OPS', project: null, percent: '60' },
        { account: '6020', vatCode: 'VAT22', costCentre: null, project: 'P1', percent: '40' },
      ],
    });
    expect(parseCommand('rule set "Acme OÜ" : 6010 VAT22')).toMatchObject({ supplier: 'Acme OÜ', lines: [{ percent: '100' }] });
    expect(parseCommand('rule set Acme : 6010 VAT22 60% ; 6020 VAT22 30%')).toMatchObject({ error: expect.stringMatching(/add up to 90/) });
    expect(parseCommand('rule set Acme : 6010 VAT22 ; 6020 VAT22')).toMatchObject({ error: expect.stringMatching(/percentage/) });
    expect(parseCommand('rule remove Acme OÜ')).toEqual({ cmd: 'rule.remove', supplier: 'Acme OÜ' });
    expect(parseCommand('rule list')).toEqual({ cmd: 'rule.list' });
  });

  it('codes import takes a Slack file link or ID; retire and restore take a type and code', () => {
    expect(parseCommand('codes import https://acme.slack.com/files/U123/F07ABCDEF12/accounts.csv')).toEqual({ cmd: 'codes.import', fileId: 'F07ABCDEF12', apply: false });
    expect(parseCommand('codes import F07ABCDEF12 apply')).toEqual({ cmd: 'codes.import', fileId: 'F07ABCDEF12', apply: true });
    expect(parseCommand('codes import accounts.csv')).toMatchObject({ error: expect.stringMatching(/not a Slack file/) });
    expect(parseCommand('codes retire account 6030')).toEqual({ cmd: 'codes.retire', type: 'account', code: '6030' });
    expect(parseCommand('codes restore cost-centre CC1')).toEqual({ cmd: 'codes.restore', type: 'cost-centre', code: 'CC1' });
  });
});
