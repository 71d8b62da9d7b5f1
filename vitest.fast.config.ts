// The fast workflow layer alone: the time-skipping test server with in-memory activities, no
// PostgreSQL and no dev server (so no global setup). `npm run test:fast`. The same files also
// run in `npm test`, where they reuse the workflow bundle the global setup built.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/workflows/fast/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
