import { describe, expect, it } from 'vitest';
import {
  AUDITOR_READ_ONLY,
  COORDINATOR_NEVER_FINAL,
  refusalIn,
} from '../../../domain/permissions/refusals';

describe('refusal sentences come from the catalogue', () => {
  it('keeps the English wording callers and tests rely on', () => {
    expect(AUDITOR_READ_ONLY).toBe('Auditors have read-only access: they cannot change anything.');
  });

  it('reads French and Estonian for people in those languages', () => {
    expect(refusalIn('fr', 'refusals.coordinatorNeverFinal')).toContain('coordinateur');
    expect(refusalIn('et', 'refusals.coordinatorNeverFinal')).toContain('Koordinaator');
    expect(refusalIn('en', 'refusals.coordinatorNeverFinal')).toBe(COORDINATOR_NEVER_FINAL);
  });
});
