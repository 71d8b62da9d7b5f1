// Issue 13 #12: a stored file appears under its hash name whole or not at all. The write goes to
// a temporary file that is renamed into place, so a writer that dies mid-write (here: a write
// that fails) leaves nothing under the name later uploads would trust.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { writeFile as mockedWriteFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('node:fs/promises', async (orig) => {
  const real = await orig<typeof import('node:fs/promises')>();
  return { ...real, writeFile: vi.fn(real.writeFile) };
});

const { storeFile } = await import('../../client/files');
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'countersign-files-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  vi.mocked(mockedWriteFile).mockClear();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const allFiles = (dir: string): string[] => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name);

describe('storeFile', () => {
  it('stores the bytes under their hash, once', async () => {
    const dir = tempDir();
    const bytes = Buffer.from('receipt 42');
    const a = await storeFile(dir, bytes);
    const b = await storeFile(dir, bytes);
    expect(b).toEqual(a);
    expect(readFileSync(path.join(dir, a.ref))).toEqual(bytes);
    expect(allFiles(dir)).toEqual([a.sha256]);
  });

  it('leaves nothing under the hash name when the write dies half-way', async () => {
    const dir = tempDir();
    const bytes = Buffer.from('x'.repeat(10_000));
    // Writes half the bytes to whatever path it was given, then fails: a crash mid-write.
    vi.mocked(mockedWriteFile).mockImplementationOnce(async (file, data) => {
      const { writeFile } = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
      await writeFile(file as string, (data as Buffer).subarray(0, 5_000));
      throw new Error('ENOSPC: no space left on device');
    });
    await expect(storeFile(dir, bytes)).rejects.toThrow('ENOSPC');
    expect(allFiles(dir)).toEqual([]);
    // The next upload of the same file stores it whole.
    const stored = await storeFile(dir, bytes);
    expect(readFileSync(path.join(dir, stored.ref)).length).toBe(10_000);
  });
});
