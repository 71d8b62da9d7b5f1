import { describe, expect, it } from 'vitest';
import { t } from '../../../domain/i18n';
import { AUDITOR_READ_ONLY, COORDINATOR_NEVER_FINAL } from '../../../domain/permissions/refusals';

describe('refusal sentences come from the catalogue', () => {
  it('keeps the English wording callers and tests rely on', () => {
    expect(AUDITOR_READ_ONLY).toBe('Auditors have read-only access: they cannot change anything.');
  });

  it('reads French and Estonian for people in those languages', () => {
    expect(t('fr', 'refusals.coordinatorNeverFinal')).toContain('coordinateur');
    expect(t('et', 'refusals.coordinatorNeverFinal')).toContain('Koordinaator');
    expect(t('en', 'refusals.coordinatorNeverFinal')).toBe(COORDINATOR_NEVER_FINAL);
  });
});
