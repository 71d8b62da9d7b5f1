/** Words people read, in their language: one catalogue, one `t()`. */
export * from './languages';
export * from './define';
export * from './translate';
export { CATALOGUE, CATALOGUE_PARTS } from './catalogue';
