import { describe, expect, it } from 'vitest';
import {
  chainMatches,
  compareSpecificity,
  describeChain,
  selectChain,
  validateChain,
  routingChangeRefusal,
  ROUTING_FIELDS,
  type ChainDef,
  type ChainSubject,
  type StageDef,
} from '../../domain/chains';
import type { Actor } from '../../domain/roles';

const approve = (...a: string[]): StageDef => ({ type: 'approve', mode: 'any', assignees: a });
const coordinate = (mode: 'all' | 'any', ...a: string[]): StageDef => ({ type: 'coordinate', mode, assignees: a });
const coding = (...a: string[]): StageDef => ({ type: 'coding', mode: 'any', assignees: a });

function chain(name: string, conditions: ChainDef['conditions'] = {}, isDefault = false, stages: StageDef[] = [approve('cfo')]): ChainDef {
  return { name, isDefault, conditions, stages };
}
const subject = (over: Partial<ChainSubject> = {}): ChainSubject => ({
  kind: 'invoice',
  totalAmount: '100.00',
  costCentre: null,
  supplierName: null,
  ...over,
});

describe('validateChain', () => {
  it('accepts coding → coordinate → approve → approve', () => {
    expect(validateChain(chain('ok', {}, false, [coding(), coordinate('all', 'a', 'b'), approve('c'), approve('d')]))).toEqual([]);
  });
  it('accepts a chain of only approve stages', () => {
    expect(validateChain(chain('ok'))).toEqual([]);
  });
  it('refuses no stages', () => {
    expect(validateChain(chain('x', {}, false, []))).toEqual(['A chain needs at least one stage.']);
  });
  it('refuses an empty approve stage', () => {
    expect(validateChain(chain('x', {}, false, [approve()])).join()).toMatch(/Stage 1 \(approve\) needs at least one named user/);
  });
  it('refuses an empty coordinate stage', () => {
    expect(validateChain(chain('x', {}, false, [coordinate('all'), approve('c')])).join()).toMatch(/Stage 1 \(coordinate\)/);
  });
  it('accepts an empty coding stage (any bookkeeper)', () => {
    expect(validateChain(chain('x', {}, false, [coding(), approve('c')]))).toEqual([]);
  });
  it('refuses a last stage that is not approve', () => {
    expect(validateChain(chain('x', {}, false, [coding(), coordinate('any', 'a')])).join()).toMatch(/last stage must be an approve/);
  });
  it('refuses coding not first', () => {
    expect(validateChain(chain('x', {}, false, [coordinate('any', 'a'), coding(), approve('c')])).join()).toMatch(/Stage 2: coding must be the first/);
  });
  it('refuses two coding stages', () => {
    expect(validateChain(chain('x', {}, false, [coding(), coding('b'), approve('c')])).join()).toMatch(/Stage 2: coding must be the first stage, and there can be only one/);
  });
  it('refuses coordinate after approve', () => {
    expect(validateChain(chain('x', {}, false, [approve('a'), coordinate('any', 'b'), approve('c')])).join()).toMatch(
      /Stage 2: a coordinate stage cannot come after an approve stage/,
    );
  });
  it('refuses min ≥ max, and equal min and max', () => {
    expect(validateChain(chain('x', { minAmount: '5000.00', maxAmount: '1000.00' })).join()).toMatch(/must be below maximum/);
    expect(validateChain(chain('x', { minAmount: '5000', maxAmount: '5000.00' })).join()).toMatch(/must be below maximum/);
  });
  it('refuses bad amounts', () => {
    const errs = validateChain(chain('x', { minAmount: 'abc', maxAmount: '1,5' }));
    expect(errs).toContain('Minimum amount "abc" is not a number.');
    expect(errs).toContain('Maximum amount "1,5" is not a number.');
  });
  it('refuses a duplicate assignee in a stage', () => {
    expect(validateChain(chain('x', {}, false, [approve('a', 'a')])).join()).toMatch(/a listed more than once/);
  });
  it('refuses a bad name', () => {
    expect(validateChain(chain('has space')).join()).toMatch(/Chain name "has space"/);
    expect(validateChain(chain(''))).toHaveLength(1);
  });
  it('refuses an empty cost-centre or supplier condition', () => {
    expect(validateChain(chain('x', { costCentre: ' ' })).join()).toMatch(/Cost centre condition is empty/);
    expect(validateChain(chain('x', { supplier: '' })).join()).toMatch(/Supplier condition is empty/);
  });

  describe('with users', () => {
    const user = (userId: string, ...roles: Actor['roles']): Actor => ({ userId, roles, codingRight: false });
    const users = new Map<string, Actor>(
      [user('bk', 'bookkeeper'), user('co', 'coordinator'), user('ap', 'approver'), user('emp', 'employee'), user('aud', 'auditor', 'approver'), user('adm', 'admin')].map(
        (u) => [u.userId, u],
      ),
    );
    it('accepts users holding the stage roles', () => {
      expect(validateChain(chain('x', {}, false, [coding('bk'), coordinate('all', 'co'), approve('ap')]), users)).toEqual([]);
    });
    it('refuses a coordinate-stage user without the coordinator role', () => {
      expect(validateChain(chain('x', {}, false, [coordinate('all', 'ap'), approve('ap')]), users)).toEqual([
        'Stage 1: ap does not hold the coordinator role needed for a coordinate stage.',
        'ap is named in stages 1 and 2: one person decides once per document, so they could never decide stage 2.',
      ]);
    });
    it('refuses an approve-stage user without the approver role, admin included', () => {
      const errs = validateChain(chain('x', {}, false, [approve('co', 'adm')]), users);
      expect(errs).toEqual([
        'Stage 1: co does not hold the approver role needed for an approve stage.',
        'Stage 1: adm does not hold the approver role needed for an approve stage.',
      ]);
    });
    it('refuses a named coding user who is not a bookkeeper', () => {
      expect(validateChain(chain('x', {}, false, [coding('emp'), approve('ap')]), users).join()).toMatch(/emp does not hold the bookkeeper role/);
    });
    it('refuses unknown users', () => {
      expect(validateChain(chain('x', {}, false, [approve('ghost')]), users)).toEqual(['Stage 1: unknown user ghost.']);
    });
    it('refuses auditors even with the role', () => {
      expect(validateChain(chain('x', {}, false, [approve('aud')]), users).join()).toMatch(/aud is an auditor/);
    });
  });
});

describe('chainMatches', () => {
  it('min is inclusive, max is exclusive', () => {
    const c = chain('r', { minAmount: '1000', maxAmount: '5000' });
    expect(chainMatches(c, subject({ totalAmount: '999.99' }))).toBe(false);
    expect(chainMatches(c, subject({ totalAmount: '1000.00' }))).toBe(true);
    expect(chainMatches(c, subject({ totalAmount: '4999.99' }))).toBe(true);
    expect(chainMatches(c, subject({ totalAmount: '5000.00' }))).toBe(false);
  });
  it('an unknown total never matches an amount condition', () => {
    expect(chainMatches(chain('r', { minAmount: '0' }), subject({ totalAmount: null }))).toBe(false);
    expect(chainMatches(chain('r', {}), subject({ totalAmount: null }))).toBe(true);
  });
  it('kind must match', () => {
    expect(chainMatches(chain('r', { kind: 'expense' }), subject())).toBe(false);
    expect(chainMatches(chain('r', { kind: 'invoice' }), subject())).toBe(true);
  });
  it('cost centre compares trimmed and case-insensitively; null never matches', () => {
    expect(chainMatches(chain('r', { costCentre: 'sales' }), subject({ costCentre: ' SALES ' }))).toBe(true);
    expect(chainMatches(chain('r', { costCentre: 'sales' }), subject({ costCentre: 'sales2' }))).toBe(false);
    expect(chainMatches(chain('r', { costCentre: 'sales' }), subject({ costCentre: null }))).toBe(false);
  });
  it('supplier matches whole words, case and accents ignored', () => {
    expect(chainMatches(chain('r', { supplier: 'amazon' }), subject({ supplierName: 'Amazon EU S.à r.l.' }))).toBe(true);
    expect(chainMatches(chain('r', { supplier: 'Societe Generale' }), subject({ supplierName: 'SOCIÉTÉ GÉNÉRALE SA' }))).toBe(true);
    expect(chainMatches(chain('r', { supplier: 'AWS' }), subject({ supplierName: 'Lawson Ltd' }))).toBe(false);
    expect(chainMatches(chain('r', { supplier: 'AWS' }), subject({ supplierName: null }))).toBe(false);
  });
});

describe('selectChain', () => {
  const dflt = chain('default', {}, true);
  it('the most specific match wins (more conditions)', () => {
    const chains = [dflt, chain('invoices', { kind: 'invoice' }), chain('big-invoices', { kind: 'invoice', minAmount: '5000' })];
    expect(selectChain(chains, subject({ totalAmount: '6000.00' }))?.name).toBe('big-invoices');
    expect(selectChain(chains, subject({ totalAmount: '10.00' }))?.name).toBe('invoices');
  });
  it('a bounded range beats a half-open one', () => {
    const chains = [chain('a-open', { minAmount: '1000' }), chain('z-bounded', { minAmount: '1000', maxAmount: '100000' })];
    expect(selectChain(chains, subject({ totalAmount: '2000.00' }))?.name).toBe('z-bounded');
  });
  it('the narrower bounded range wins', () => {
    const chains = [chain('a-wide', { minAmount: '0', maxAmount: '10000' }), chain('z-narrow', { minAmount: '1000', maxAmount: '2000' })];
    expect(selectChain(chains, subject({ totalAmount: '1500.00' }))?.name).toBe('z-narrow');
  });
  it('among min-only ranges the higher min wins; among max-only the lower max', () => {
    expect(selectChain([chain('a', { minAmount: '1000' }), chain('b', { minAmount: '5000' })], subject({ totalAmount: '6000.00' }))?.name).toBe('b');
    expect(selectChain([chain('a', { maxAmount: '1000' }), chain('b', { maxAmount: '5000' })], subject({ totalAmount: '10.00' }))?.name).toBe('a');
  });
  it('ties are broken by name, whatever the input order', () => {
    const x = chain('beta', { kind: 'invoice' });
    const y = chain('alpha', { costCentre: 'CC' });
    const s = subject({ costCentre: 'CC' });
    expect(selectChain([x, y], s)?.name).toBe('alpha');
    expect(selectChain([y, x], s)?.name).toBe('alpha');
  });
  it('the default chain catches the rest', () => {
    const chains = [chain('expenses', { kind: 'expense' }), dflt];
    expect(selectChain(chains, subject())?.name).toBe('default');
  });
  it('the default catches the rest even when it has conditions of its own', () => {
    const d = chain('d', { kind: 'expense' }, true);
    expect(selectChain([d], subject({ kind: 'invoice' }))?.name).toBe('d');
  });
  it('a non-default catch-all beats the default at equal specificity', () => {
    expect(selectChain([chain('a-default', {}, true), chain('z-all')], subject())?.name).toBe('z-all');
  });
  it('null when nothing matches and there is no default', () => {
    expect(selectChain([chain('expenses', { kind: 'expense' })], subject())).toBeNull();
    expect(selectChain([], subject())).toBeNull();
  });
  it('a chain with a broken amount is skipped instead of throwing', () => {
    expect(selectChain([chain('bad', { minAmount: 'oops' }), dflt], subject())?.name).toBe('default');
  });
  it('compareSpecificity is antisymmetric', () => {
    const a = chain('a', { kind: 'invoice' });
    const b = chain('b', { kind: 'invoice', supplier: 'x' });
    expect(Math.sign(compareSpecificity(a, b))).toBe(-Math.sign(compareSpecificity(b, a)));
    expect(compareSpecificity(b, a)).toBeLessThan(0);
  });
});

describe('describeChain', () => {
  it('matches the documented example', () => {
    const c = chain('big', { kind: 'invoice', minAmount: '5000.00' }, false, [coding(), coordinate('all', 'ann', 'bob'), approve('cfo')]);
    expect(describeChain(c)).toBe('big (invoice, ≥ 5000): coding → coordinate ALL @ann @bob → approve ANY @cfo');
  });
  it('shows every condition, the default flag, and uses nameOf verbatim', () => {
    const c = chain('x', { maxAmount: '99.50', costCentre: 'CC1', supplier: 'ACME Ltd' }, true, [coding('U1'), approve('U2')]);
    expect(describeChain(c, (id) => `<@${id}>`)).toBe('x (default, < 99.5, cost-centre CC1, supplier "ACME Ltd"): coding <@U1> → approve ANY <@U2>');
  });
  it('a chain without conditions has no parentheses', () => {
    expect(describeChain(chain('plain'))).toBe('plain: approve ANY @cfo');
  });
});

describe('one person in two stages', () => {
  it('is refused when saving: they could decide only one of them', () => {
    expect(validateChain(chain('x', {}, false, [coordinate('any', 'a', 'b'), approve('c', 'a')]))).toEqual([
      'a is named in stages 1 and 2: one person decides once per document, so they could never decide stage 2.',
    ]);
    expect(validateChain(chain('x', {}, false, [approve('c'), approve('d', 'c')])).join()).toMatch(/c is named in stages 1 and 2/);
  });
  it('a bookkeeper named for coding may also decide later (coding is data entry)', () => {
    expect(validateChain(chain('x', {}, false, [coding('bk'), approve('bk')]))).toEqual([]);
  });
});

describe('routingChangeRefusal', () => {
  it('names the routing fields a change touches, and says how to correct them', () => {
    expect(routingChangeRefusal(['description', 'iban'])).toBeNull();
    expect(routingChangeRefusal(['totalAmount'])).toBe(
      'The total chose this document\u2019s approval chain, so it cannot change once the approval round has started. Reject the document to correct it: when it is resubmitted, its chain is chosen again.'.replace('\u2019', "'"),
    );
    expect(routingChangeRefusal(['supplierName', 'totalAmount', 'currency', 'netAmount'])).toMatch(/^The total, currency and supplier chose .* so they cannot change .* to correct them:/);
  });
  it('covers every field a chain condition reads', () => {
    expect([...ROUTING_FIELDS].sort()).toEqual(['costCentre', 'currency', 'supplierName', 'totalAmount']);
  });
});
