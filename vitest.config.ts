import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // CLI tests spawn processes; two cores, so keep parallelism modest and deterministic.
    maxWorkers: 2,
    disableConsoleIntercept: true,
    env: { METADATA_SERVER_DETECTION: 'none' },
  },
});
