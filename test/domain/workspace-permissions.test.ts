// Every role × workspace action against the table in docs/product.md ("Workspace actions"):
// the test reads the table, so the spec and the code cannot drift apart unnoticed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../domain/roles';
import { AUDITOR_READ_ONLY, mayDo, WORKSPACE_ACTIONS, type WorkspaceAction } from '../../domain/permissions/workspace';

const COLUMN_ROLE: Record<string, Role> = {
  employee: 'employee',
  bookkeeper: 'bookkeeper',
  coordinator: 'coordinator',
  approver: 'approver',
  auditor: 'auditor',
  'payment manager': 'payment_manager',
  administrator: 'admin',
};

/** The spec's table: action → role → allowed. */
function specTable(): Map<string, Map<Role, boolean>> {
  const doc = readFileSync(path.resolve(import.meta.dirname, '../../docs/product.md'), 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith('Workspace actions'));
  if (!section) throw new Error('docs/product.md has no "Workspace actions" section');
  const rows = section
    .split('\n')
    .filter((l) => l.startsWith('|') && !l.startsWith('| ---'))
    .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
  const [header, ...body] = rows;
  const roles = header!.slice(1).map((h) => COLUMN_ROLE[h]!);
  return new Map(body.map((cells) => [cells[0]!, new Map(roles.map((r, i) => [r, cells[i + 1] === '✓']))]));
}

const CHANGES: readonly WorkspaceAction[] = ['mark paid', 'make payment batches', 'set the debtor account', 'configure'];

describe('workspace permissions, role by action (docs/product.md)', () => {
  const table = specTable();

  it('the spec lists exactly the actions the code knows, for every role', () => {
    expect([...table.keys()].sort()).toEqual([...WORKSPACE_ACTIONS].sort());
    for (const row of table.values()) expect([...row.keys()].sort()).toEqual([...ROLES].sort());
  });

  for (const action of WORKSPACE_ACTIONS) {
    for (const role of ROLES) {
      it(`${role}: ${action}`, () => {
        const expected = table.get(action)!.get(role)!;
        const got = mayDo({ roles: [role] }, action);
        expect(got.ok).toBe(expected);
        // A refusal is one sentence, said privately to the person.
        if (!got.ok) expect(got.reason).toMatch(/^[A-Z][^.]*\.$/);
      });
    }
  }

  it('an auditor is refused every change, whatever else they hold, in one wording', () => {
    for (const action of CHANGES) {
      for (const role of ROLES) expect(mayDo({ roles: [role, 'auditor'] }, action), `${role}+auditor: ${action}`).toEqual({ ok: false, reason: AUDITOR_READ_ONLY });
    }
    expect(mayDo({ roles: ['admin', 'auditor'] }, 'set the debtor account')).toEqual({ ok: false, reason: AUDITOR_READ_ONLY });
  });

  it('an auditor who holds other roles still reads what either role may read', () => {
    expect(mayDo({ roles: ['admin', 'auditor'] }, 'export data').ok).toBe(true);
    expect(mayDo({ roles: ['payment_manager', 'auditor'] }, 'see payments').ok).toBe(true);
  });

  it('roles add up, and nobody unknown may do anything', () => {
    expect(mayDo({ roles: ['employee', 'payment_manager'] }, 'mark paid').ok).toBe(true);
    expect(mayDo({ roles: ['bookkeeper', 'admin'] }, 'configure').ok).toBe(true);
    for (const action of WORKSPACE_ACTIONS) {
      expect(mayDo(null, action).ok).toBe(false);
      expect(mayDo({ roles: [] }, action).ok).toBe(false);
    }
  });
});
