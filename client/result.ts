// What an administrative call answers: done (with a sentence for people), or refused with
// the exact reason. A refusal changes nothing.
export type Outcome<T = undefined> = { ok: true; value: T; message: string } | { ok: false; reason: string };

export const done = <T>(value: T, message: string): Outcome<T> => ({ ok: true, value, message });
export const refused = (reason: string): Outcome<never> => ({ ok: false, reason });
