import { randomUUID } from 'node:crypto';

/** Opaque ids with a readable prefix (doc_…, usr_…) so logs say what an id is. */
export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
}
