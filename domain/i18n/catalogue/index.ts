import { common } from './common';
import { refusals } from './refusals';

/**
 * Every user-facing message. Add an area's file here; keys are '<area>.<name>'
 * and unique across areas (the catalogue test refuses a key defined twice).
 */
export const CATALOGUE_PARTS = [common, refusals] as const;

/** The parts as one type, derived from CATALOGUE_PARTS so a new part needs no second edit. */
type Merged<Parts extends readonly object[]> = Parts extends readonly [infer First, ...infer Rest extends readonly object[]] ? First & Merged<Rest> : unknown;

export const CATALOGUE = Object.assign({}, ...CATALOGUE_PARTS) as Merged<typeof CATALOGUE_PARTS>;
