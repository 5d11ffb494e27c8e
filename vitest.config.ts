import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Example plugins (examples/*) import our public entry points by package name, as a third-party plugin does.
    alias: {
      'code-insights/plugin': fileURLToPath(new URL('./src/plugins/public.ts', import.meta.url)),
      'code-insights/testing': fileURLToPath(new URL('./src/testing/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/**/*.test.ts', 'examples/*/test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // CLI tests spawn processes; two cores, so keep parallelism modest and deterministic.
    maxWorkers: 2,
    disableConsoleIntercept: true,
    env: { METADATA_SERVER_DETECTION: 'none' },
    // One Firestore emulator for the whole run (a missing jar or Java fails the run, it is never skipped).
    globalSetup: ['test/global-setup/firestore-emulator.ts'],
  },
});
