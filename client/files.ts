// Uploaded files, stored once by content hash under DATA_DIR/files (the same photo uploaded
// twice is one file, and the hash is what duplicate detection compares). A file is written to a
// temporary name beside its place and renamed there: a crash mid-write leaves a stray temp file,
// never a truncated file under the hash name that every later upload of it would trust.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile, access, rename, rm } from 'node:fs/promises';
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
    const temp = `${full}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, bytes, { flag: 'wx' });
      // rename is atomic within one file system; two writers of the same bytes both succeed.
      await rename(temp, full);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }
  return { ref, sha256, size: bytes.length };
}
