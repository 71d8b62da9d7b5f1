/** Barrel for the pure domain rules (no I/O, no clock: time is a parameter). */
export * from './roles';
export * from './documents';
export * from './money';
export * from './chains';
export * from './substitutes';
export * from './permissions/document';
export * from './permissions/workspace';
export * from './coding';
export * from './coding-codes';
export * from './coding-import';
export * from './coding-suggestion';
export * from './durations';
export * from './settings';
export * from './dates';
export { supplierMatches, normalizeCode } from './matching';
export * from './fields';
export * from './i18n';
