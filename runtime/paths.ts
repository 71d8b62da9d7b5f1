import path from 'node:path';

/** The project's root folder, whatever the current directory. */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..');
