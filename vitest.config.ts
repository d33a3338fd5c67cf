import { defineConfig } from 'vitest/config';

/**
 * Two projects. `unit` (`*.unit.test.ts`): no database, runs in seconds (`npm run test:unit`).
 * `integration`: everything else, against one real MongoDB-protocol server for the run
 * (test/support/global-setup.ts). `npm test` runs both.
 */
export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Generous: a noisy 2-core machine; tests wait on conditions, never on fixed sleeps.
    testTimeout: 120_000,
    hookTimeout: 60_000,
    projects: [
      // The fast project first: a broken rule shows in seconds.
      { extends: true, test: { name: 'unit', include: ['test/**/*.unit.test.ts'], sequence: { groupOrder: 0 } } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.unit.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          // Each file runs in its own process with its own mongoose connection and database.
          pool: 'forks',
          // Two at a time: FerretDB on SQLite slows down sharply under many concurrent writers.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
