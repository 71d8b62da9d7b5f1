// The field rules live in domain/fields.ts (pure, applied by the engine and the bot alike);
// this re-export keeps the activities' old import path working.
export { FIELD_LABELS, normaliseFields, type FieldProblems } from '../domain/fields';
