import { common } from './common';
import { refusals } from './refusals';

/**
 * Every user-facing message. Add an area's file here; keys are '<area>.<name>'
 * and unique across areas (the catalogue test refuses a key defined twice).
 */
export const CATALOGUE_PARTS = [common, refusals] as const;

export const CATALOGUE = Object.assign({}, ...CATALOGUE_PARTS) as typeof common & typeof refusals;
