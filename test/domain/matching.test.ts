import { describe, expect, it } from 'vitest';
import { normalizeCode, supplierMatches, words } from '../../domain/matching';

describe('matching', () => {
  it('splits into accent-free lower-case words', () => {
    expect(words('Société Générale, S.A.')).toEqual(['societe', 'generale', 's', 'a']);
  });
  it('needs consecutive whole words', () => {
    expect(supplierMatches('generale sa', 'Société Générale SA')).toBe(true);
    expect(supplierMatches('societe sa', 'Société Générale SA')).toBe(false);
    expect(supplierMatches('gen', 'Société Générale SA')).toBe(false);
    expect(supplierMatches('  ', 'anything')).toBe(false);
  });
  it('normalizes codes', () => {
    expect(normalizeCode(' cc-1 ')).toBe('CC-1');
  });
});
