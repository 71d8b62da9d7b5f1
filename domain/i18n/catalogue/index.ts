import { common } from './common';

/**
 * Every user-facing message. Add an area's file here; keys are '<area>.<name>'
 * and unique across areas (the catalogue test refuses a key defined twice).
 */
export const CATALOGUE_PARTS = [common] as const;

export const CATALOGUE = Object.assign({}, ...CATALOGUE_PARTS) as typeof common;
