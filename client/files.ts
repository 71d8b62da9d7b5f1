// Uploaded files, stored once by content hash under DATA_DIR/files (the same photo uploaded
// twice is one file, and the hash is what duplicate detection compares).
import { createHash } from 'node:crypto';
import { mkdir, writeFile, access } from 'node:fs/promises';
import path from 'node:path';

export interface StoredFile {
  ref: string;
  sha256: string;
  size: number;
}

export async function storeFile(filesDir: string, bytes: Buffer): Promise<StoredFile> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const ref = path.join(sha256.slice(0, 2), sha256);
  const full = path.join(filesDir, ref);
  try {
    await access(full);
  } catch {
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, bytes);
  }
  return { ref, sha256, size: bytes.length };
}
