import { describe, expect, it } from 'vitest';
import { getCountrySpecifications } from 'ibantools';
import { IBAN_LENGTH, ibanProblem, isValidBic, isValidIban, normalizeIban } from '../../domain/iban';
import { findIbans, isValidIban as extractionIsValidIban } from '../../extraction/parse/iban';

describe('the one IBAN table', () => {
  const registry = Object.entries(getCountrySpecifications()).filter(([, spec]) => spec.IBANRegistry && spec.chars);

  it('has every country of the SWIFT registry, with its length (checked against ibantools)', () => {
    expect(registry.length).toBeGreaterThan(80);
    expect(Object.fromEntries(registry.map(([country, spec]) => [country, spec.chars]))).toEqual(IBAN_LENGTH);
  });

  it('is what extraction uses too: one checksum for both', () => {
    expect(extractionIsValidIban).toBe(isValidIban);
    // Countries the payments copy lacked before the two tables became one.
    for (const iban of ['SA0380000000608010167519', 'TR330006100519786457841326', 'UA213223130000026007233566001']) {
      expect(ibanProblem(iban), iban).toBeNull();
      expect(findIbans(`Pay to ${iban} please`).map((h) => h.iban)).toEqual([iban]);
    }
  });
});

describe('ibanProblem', () => {
  it('accepts valid IBANs, written with spaces or in lower case', () => {
    for (const iban of ['EE382200221020145685', 'de89 3704 0044 0532 0130 00', 'FR14 2004 1010 0505 0001 3M02 606', 'GB29NWBK60161331926819', 'NO9386011117947']) {
      expect(ibanProblem(iban), iban).toBeNull();
    }
    expect(normalizeIban('ee38 2200-2210 2014 5685')).toBe('EE382200221020145685');
  });

  it('says why an IBAN is not valid', () => {
    expect(ibanProblem('EE38220022102014568')).toBe('IBAN EE38220022102014568 has 19 characters; EE IBANs have 20.');
    expect(ibanProblem('EE382200221020145686')).toMatch(/fails its checksum/);
    expect(ibanProblem('US12345678901234567890')).toMatch(/US, which is not a country that uses IBANs/);
    expect(ibanProblem('12345')).toMatch(/not in IBAN form/);
  });

  it('checks BICs as pain.001 does', () => {
    expect(isValidBic('HABAEE2X')).toBe(true);
    expect(isValidBic('COBADEFFXXX')).toBe(true);
    expect(isValidBic('HABAEE2')).toBe(false);
    expect(isValidBic('habaee2x')).toBe(false);
  });
});
