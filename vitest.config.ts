import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Each file runs in its own process with its own mongoose connection and database.
    pool: 'forks',
    // Two at a time: FerretDB on SQLite slows down sharply under many concurrent writers.
    maxWorkers: 2,
    // A real database server (FerretDB is slower than mongod), on a noisy 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
