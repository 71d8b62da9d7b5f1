// Button values and idempotency keys. A button carries the document and, for a step, the
// round and stage the person saw: a click on an old message is refused by the workflow.
export interface StepRef {
  d: string;
  r?: number;
  s?: number;
}

export function stepValue(ref: StepRef): string {
  return JSON.stringify(ref);
}

export function parseStepValue(value: string | undefined): StepRef | null {
  if (!value) return null;
  try {
    const v = JSON.parse(value) as StepRef;
    return typeof v.d === 'string' ? v : null;
  } catch {
    return null;
  }
}

/**
 * The same click delivered twice (a Slack retry) has the same key; a second click does not.
 * The key names the document, round and step the button was for: two clicks by one person on
 * two documents in the same millisecond are two decisions, not a repeat.
 */
export function actionKey(a: { action_ts?: string; action_id: string }, slackUserId: string, ref: StepRef): string {
  return `slack:${a.action_ts ?? ''}:${slackUserId}:${a.action_id}:${ref.d}:${ref.r ?? ''}:${ref.s ?? ''}`;
}

export function viewKey(viewId: string, slackUserId: string, what: string): string {
  return `slack:view:${viewId}:${slackUserId}:${what}`;
}
