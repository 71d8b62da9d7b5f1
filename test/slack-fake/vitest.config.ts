// The fake-Slack tests need no database and no Temporal: this config runs them without the
// repository's global setup (PostgreSQL + Temporal dev server), in a few seconds.
//   npx vitest run --config test/slack-fake/vitest.config.ts
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/slack-fake/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
