import { createHash } from 'node:crypto';

/** Hex SHA-256 of the raw upload: the exact-duplicate key the engine stores next to the document. */
export function fileSha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}
