import { describe, expect, it } from 'vitest';
import { ROLES, hasRole, parseRole, roleLabel } from '../../domain/roles';

describe('roles', () => {
  it('lists the seven roles', () => {
    expect(ROLES).toEqual(['employee', 'bookkeeper', 'coordinator', 'approver', 'auditor', 'payment_manager', 'admin']);
  });
  it('hasRole checks membership', () => {
    const a = { userId: 'u', roles: ['approver' as const], codingRight: true };
    expect(hasRole(a, 'approver')).toBe(true);
    expect(hasRole(a, 'admin')).toBe(false);
  });
  it('parseRole accepts canonical, dashed, aliased and any case', () => {
    expect(parseRole('Approver')).toBe('approver');
    expect(parseRole('payment-manager')).toBe('payment_manager');
    expect(parseRole('PAYMENT_MANAGER')).toBe('payment_manager');
    expect(parseRole('admin')).toBe('admin');
    expect(parseRole('administrator')).toBe('admin');
    expect(parseRole('Coding-Right')).toBe('coding-right');
    expect(parseRole(' auditor ')).toBe('auditor');
  });
  it('parseRole refuses unknown text', () => {
    expect(parseRole('boss')).toBeNull();
    expect(parseRole('')).toBeNull();
  });
  it('roleLabel is what parseRole reads back', () => {
    for (const r of ROLES) expect(parseRole(roleLabel(r))).toBe(r);
    expect(roleLabel('payment_manager')).toBe('payment-manager');
  });
});
