/**
 * domain/ is imported by deterministic Temporal workflow code: it must not
 * import Node built-ins or other packages, nor read the clock or randomness.
 * This guards that rule for every file, present and future.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../domain');
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('domain purity', () => {
  it('finds the domain files', () => {
    expect(files).toContain('chains.ts');
  });
  it.each(files)('%s imports only decimal.js and siblings, and reads no clock', (f) => {
    const src = readFileSync(join(dir, f), 'utf8');
    const imports = [...src.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    for (const spec of imports) expect(spec === 'decimal.js' || spec?.startsWith('./')).toBe(true);
    expect(src).not.toMatch(/Date\.now\(|Math\.random\(|new Date\(\)|process\.|require\(/);
  });
});
