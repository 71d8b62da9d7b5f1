import { describe, expect, it } from 'vitest';
import { suggestCodingByVatRate, vatCodeForRate } from '../../domain';

describe('coding lines offered from an e-invoice VAT breakdown', () => {
  const two = [
    { rate: '25', taxableAmount: '1500.00', vatAmount: '375.00' },
    { rate: '12', taxableAmount: '2500.00', vatAmount: '300.00' },
  ];

  it('one gross line per rate when they add up to the total', () => {
    expect(suggestCodingByVatRate(two, '4675.00', 3)).toEqual([
      { amount: '1875.00', vatRate: '25' },
      { amount: '2800.00', vatRate: '12' },
    ]);
    // Credit notes and corrections keep their sign.
    expect(suggestCodingByVatRate([{ rate: '19', taxableAmount: '-5.90', vatAmount: '-1.12' }], '-7.02', 3)).toEqual([{ amount: '-7.02', vatRate: '19' }]);
  });

  it('nothing when the breakdown does not add up, has more rates than lines, or lacks amounts', () => {
    expect(suggestCodingByVatRate(two, '4674.99', 3)).toEqual([]);
    expect(suggestCodingByVatRate(two, '4675.00', 1)).toEqual([]);
    expect(suggestCodingByVatRate([{ rate: '25', taxableAmount: null, vatAmount: '1.00' }], '1.00', 3)).toEqual([]);
    expect(suggestCodingByVatRate([], '1.00', 3)).toEqual([]);
  });

  it('a VAT code is chosen only when exactly one names the rate', () => {
    const codes = [
      { code: 'VAT24', label: 'Standard rate' },
      { code: 'R9', label: 'Reduced rate 9 %' },
      { code: 'R5', label: 'Books 5.5%' },
      { code: 'X', label: 'Exempt' },
    ];
    expect(vatCodeForRate('24', codes)).toBe('VAT24');
    expect(vatCodeForRate('9', codes)).toBe('R9');
    expect(vatCodeForRate('5.5', codes)).toBe('R5');
    expect(vatCodeForRate('4', codes)).toBeNull();
    expect(vatCodeForRate('9', [...codes, { code: 'Z9', label: 'Other 9 %' }])).toBeNull();
  });
});
