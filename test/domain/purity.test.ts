/**
 * domain/ is imported by deterministic Temporal workflow code: it must not
 * import Node built-ins or other packages, nor read the clock or randomness.
 * This guards that rule for every file, present and future.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../domain');
// Subfolders too (permissions/): a sibling may be one folder up, as long as it stays in domain/.
const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
const insideDomain = (from: string, spec: string) => spec.startsWith('.') && !relative(dir, resolve(dirname(join(dir, from)), spec)).startsWith('..');

describe('domain purity', () => {
  it('finds the domain files', () => {
    expect(files).toContain('chains.ts');
    expect(files).toContain(join('permissions', 'document.ts'));
  });
  it.each(files)('%s imports only decimal.js and siblings, and reads no clock', (f) => {
    const src = readFileSync(join(dir, f), 'utf8');
    const imports = [...src.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    for (const spec of imports) expect(spec === 'decimal.js' || insideDomain(f, spec!), `${f}: ${spec}`).toBe(true);
    expect(src).not.toMatch(/Date\.now\(|Math\.random\(|new Date\(\)|process\.|require\(/);
  });
});
