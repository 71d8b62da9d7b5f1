/** Engine settings an administrator changes with `/countersign settings`. */
import { formatDuration } from './durations';

export interface EngineSettings {
  reminderAfterMs: number;
  escalateAfterMs: number;
  /** null: escalate to the administrators. */
  escalationUserId: string | null;
}

export const DEFAULT_SETTINGS: EngineSettings = Object.freeze({
  reminderAfterMs: 24 * 3_600_000,
  escalateAfterMs: 72 * 3_600_000,
  escalationUserId: null,
});

/**
 * Both delays positive and escalation strictly after the reminder: escalating
 * before (or with) the first reminder would skip the polite step.
 */
export function validateSettings(s: EngineSettings): string[] {
  const errors: string[] = [];
  if (!Number.isSafeInteger(s.reminderAfterMs) || s.reminderAfterMs <= 0) errors.push('The reminder delay must be longer than zero.');
  if (!Number.isSafeInteger(s.escalateAfterMs) || s.escalateAfterMs <= 0) errors.push('The escalation delay must be longer than zero.');
  if (errors.length === 0 && s.escalateAfterMs <= s.reminderAfterMs) {
    errors.push(
      `The escalation delay (${formatDuration(s.escalateAfterMs)}) must be longer than the reminder delay (${formatDuration(s.reminderAfterMs)}).`,
    );
  }
  if (s.escalationUserId !== null && s.escalationUserId.trim() === '') errors.push('The escalation user is empty.');
  return errors;
}

/** Applies a partial change (from the slash command) and validates the result. */
export function mergeSettings(
  current: EngineSettings,
  change: Partial<EngineSettings>,
): { settings: EngineSettings; errors: string[] } {
  const settings: EngineSettings = { ...current, ...change };
  return { settings, errors: validateSettings(settings) };
}
