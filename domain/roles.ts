/**
 * Roles and the acting user. A user may hold several roles; the extra
 * "coding right" is a flag, not a role, because it only widens what an
 * approver or coordinator may edit (docs/product.md: "Who uses it").
 */
export const ROLES = ['employee', 'bookkeeper', 'coordinator', 'approver', 'auditor', 'payment_manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  userId: string;
  roles: Role[];
  codingRight: boolean;
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}

export function isRole(text: string): text is Role {
  return (ROLES as readonly string[]).includes(text);
}

/** Human spellings people type in Slack, mapped to the canonical role. */
const ALIASES: Record<string, Role | 'coding-right'> = {
  administrator: 'admin',
  'payment-manager': 'payment_manager',
  paymentmanager: 'payment_manager',
  'coding-right': 'coding-right',
  coding_right: 'coding-right',
  codingright: 'coding-right',
};

/**
 * Parses a role typed by a human: case-insensitive, '-' and '_' both accepted
 * ('payment-manager' and 'payment_manager'), 'coding-right' for the flag.
 */
export function parseRole(text: string): Role | 'coding-right' | null {
  const t = text.trim().toLowerCase();
  if (isRole(t)) return t;
  return ALIASES[t] ?? null;
}

/** The label used in messages ("payment-manager"), symmetric with parseRole. */
export function roleLabel(role: Role | 'coding-right'): string {
  return role.replace('_', '-');
}
