// The pure parts: code files read and compared (the preview), shares of a split applied to a
// new total, VAT out of a gross amount, a rule's codes checked, and the coding form at its
// largest still within Slack's limits.
import { describe, expect, it } from 'vitest';
import { applyShares, codeProblems, describePlan, planImport, readCodeRows, sharesOf } from '../../domain';
import { rateOfVatCode, vatOfGross } from '../../domain/postings';
import { codingLinesView, CODING_MAX_LINES } from '../../bot/views/coding-modal';
import { validateView } from '../../slack-fake';

describe('code files', () => {
  it('reads a chart of accounts without a type column, and a mixed list with rates and retired codes', () => {
    expect(readCodeRows([['Compte', 'Libellé'], ['401', 'Fournisseurs'], ['6064', 'Fournitures']]).codes.map((c) => [c.type, c.code])).toEqual([['account', '401'], ['account', '6064']]);
    const { codes, problems } = readCodeRows([['type', 'code', 'label', 'vat rate', 'retired'], ['vat', 'V20', 'TVA 20', '20,0 %', ''], ['cost centre', 'OPS', 'Ops', '', 'yes'], ['colour', 'R', 'Red', '', '']]);
    expect(codes).toEqual([{ type: 'vat', code: 'V20', label: 'TVA 20', vatRate: '20.0', retired: false }, { type: 'cost_centre', code: 'OPS', label: 'Ops', vatRate: null, retired: true }]);
    expect(problems).toEqual(['Row 4: unknown type "colour" (account, vat, cost centre, project).']);
    expect(readCodeRows([['a', 'b']]).problems[0]).toMatch(/code and label/);
  });

  it('plans an import: added, relabelled, retired, restored, unchanged; codes missing from the file are left alone', () => {
    const existing = [
      { type: 'account' as const, code: '6010', label: 'Office', vatRate: null, retired: false },
      { type: 'account' as const, code: '6020', label: 'Travel', vatRate: null, retired: false },
      { type: 'account' as const, code: '6030', label: 'Old', vatRate: null, retired: true },
      { type: 'account' as const, code: '6040', label: 'Not in file', vatRate: null, retired: false },
    ];
    const { codes } = readCodeRows([['code', 'label', 'retired'], ['6010', 'Office', ''], ['6020', 'Travel & hotels', ''], ['6030', 'Old', 'no'], ['6050', 'New', ''], ['6010x', 'x', 'yes']]);
    const plan = planImport(existing, codes);
    expect([plan.added.map((c) => c.code), plan.changed.map((c) => c.after.code), plan.restored.map((c) => c.code), plan.unchanged]).toEqual([['6050', '6010x'], ['6020'], ['6030'], 1]);
    expect(describePlan(plan)).toMatch(/^2 to add, 1 to change, 0 to retire, 1 to restore, 1 unchanged\./);
    expect(describePlan(plan)).toContain('account 6020: Travel → Travel & hotels');
  });
});

describe('splits and VAT', () => {
  it("a 3-way split of one document is applied to another total, to the cent", () => {
    const shares = sharesOf([
      { account: 'A', vatCode: 'V', costCentre: null, project: null, amount: '33.33' },
      { account: 'B', vatCode: 'V', costCentre: null, project: null, amount: '33.33' },
      { account: 'C', vatCode: 'V', costCentre: null, project: null, amount: '33.34' },
    ], '100.00');
    const lines = applyShares(shares, '1000.01');
    expect(lines.map((l) => l.amount)).toEqual(['333.30', '333.30', '333.41']);
  });

  it('VAT out of a gross amount at the code rate; the rate from the stored rate, the label or the code', () => {
    expect(vatOfGross('120.00', '20')).toBe('20.00');
    expect(vatOfGross('99.99', '20')).toBe('16.67');
    expect(vatOfGross('45.50', '0')).toBe('0.00');
    expect(rateOfVatCode({ code: 'X', label: 'any', vatRate: '9.000' })).toBe('9.000');
    expect(rateOfVatCode({ code: 'RED', label: 'Reduced 5,5 %', vatRate: null })).toBe('5.5');
    expect(rateOfVatCode({ code: 'VAT24', label: 'Standard', vatRate: null })).toBe('24');
  });

  it('codes of a rule or a coding are checked against kept lists only', () => {
    const listed = [{ type: 'account' as const, code: '6010', retired: false }, { type: 'account' as const, code: '6030', retired: true }];
    const line = (account: string) => ({ account, vatCode: 'ANY', costCentre: null, project: null, amount: '1' });
    expect(codeProblems([line('6010')], listed)).toEqual([]);
    expect(codeProblems([line('6999')], listed)).toEqual(['Line 1: account "6999" is not on the account list.']);
    expect(codeProblems([line('6030')], listed)).toEqual(['Line 1: account "6030" is retired: choose another.']);
    expect(codeProblems([line('6030')], listed, [line('6030')])).toEqual([]);
  });
});

describe('the coding form', () => {
  it(`holds ${CODING_MAX_LINES} lines with its note, summary and buttons within Slack's limits`, () => {
    const lines = Array.from({ length: CODING_MAX_LINES }, (_, i) => ({ account: '6010', vatCode: 'VAT22', amount: `${i + 1}.00` }));
    const view = codingLinesView({ id: 'd', reference: 'DOC-1', totalAmount: '190.00', currency: 'EUR' }, { account: [{ code: '6010', label: 'IT' }], vat: [{ code: 'VAT22', label: '22 %' }], cost_centre: [], project: [] }, { d: 'd' }, { lines, note: 'From a rule.', summary: 'Lines: 190.00 = total 190.00' });
    expect(view.blocks).toHaveLength(100);
    expect(validateView(view as never)).toEqual([]);
    expect(JSON.stringify(view.blocks)).not.toContain('coding_add_line');
  });
});
