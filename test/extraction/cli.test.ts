import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './corpus';

const ROOT = path.resolve(FIXTURES, '../../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

function run(file: string) {
  return spawnSync(TSX, ['scripts/extract.ts', file], { cwd: ROOT, encoding: 'utf8', timeout: 60000 });
}

describe('scripts/extract.ts', { timeout: 90_000 }, () => {
  it('prints one JSON object and nothing else on stdout, exit 0', () => {
    const r = run(path.join(FIXTURES, 'et-arve-twocol.pdf'));
    expect(r.status).toBe(0);
    const parsed = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(parsed).toMatchObject({ invoiceNumber: '2026/0458', totalAmount: '1114.14', currency: 'EUR', source: 'text', pages: 1, language: 'et' });
    expect(Object.keys(parsed)).toEqual(expect.arrayContaining(['supplierName', 'lines', 'confidence', 'warnings', 'iban', 'vatRate']));
  });

  it('an unreadable file exits non-zero with one sentence on stderr', () => {
    const r = run(path.join(FIXTURES, 'does-not-exist.pdf'));
    expect(r.status).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/does not exist\.$/m);
  });

  it('a document that cannot be read exits 1 with the ExtractionError message', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cs-cli-'));
    try {
      const f = path.join(dir, 'empty.pdf');
      writeFileSync(f, '');
      const r = run(f);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim()).toMatch(/^The file .*is empty\.$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
