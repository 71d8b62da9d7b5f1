// The production image (no Docker engine here to build it; .ci/run also lints it with
// hadolint): compiled JavaScript, production dependencies only, a non-root user, a healthcheck.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const lines = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
const stages = lines.reduce<string[][]>((acc, l) => (l.startsWith('FROM ') ? [...acc, [l]] : (acc.at(-1)?.push(l), acc)), []);
const final = stages.at(-1)!;

describe('Dockerfile', () => {
  it('builds in one stage and runs from another', () => {
    expect(stages.length).toBe(2);
    expect(stages[0]!.some((l) => l.includes('npm run build'))).toBe(true);
    expect(final.some((l) => l.startsWith('COPY --from=build /app/dist'))).toBe(true);
  });

  it('the image installs production dependencies only and runs compiled JavaScript, not tsx', () => {
    expect(final.some((l) => /npm ci\b.*--omit=dev/.test(l))).toBe(true);
    expect(final.join('\n')).not.toMatch(/--include=dev|tsx|apt-get/);
    expect(final.find((l) => l.startsWith('CMD '))).toBe('CMD ["node", "dist/runtime/main.js"]');
  });

  it('runs as a non-root user with a healthcheck that exists in the image', () => {
    const user = final.find((l) => l.startsWith('USER '));
    expect(user).toBeDefined();
    expect(user).not.toMatch(/USER (root|0)(:|$)/);
    const health = final.find((l) => l.startsWith('HEALTHCHECK '));
    expect(health).toContain('scripts/healthcheck.mjs');
    expect(final.some((l) => l === 'COPY scripts/healthcheck.mjs scripts/healthcheck.mjs')).toBe(true);
  });
});
