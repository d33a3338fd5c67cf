/**
 * vitest globalSetup: one database server for the whole run.
 * MONGODB_URI set (CI starts FerretDB itself): use it. Otherwise start a server exactly as
 * `npm start` does (store/embedded-db.ts) in a temporary data directory, removed afterwards.
 * Test files reach it through `inject('mongoUri')`, usually via `useTestDb()`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ferretdbCachePath, startEmbeddedDb } from '../../src/store/embedded-db.js';
import { loadEnv } from '../../src/config/env.js';
import { createLogger } from '../../src/shared/logger.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A MongoDB-protocol server URI; each test file uses its own database on it. */
    mongoUri: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.MONGODB_URI;
  if (given) {
    project.provide('mongoUri', given);
    return async () => {};
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'tiantong-test-'));
  const removeDataDir = (): void => rmSync(dataDir, { recursive: true, force: true });
  const db = await startEmbeddedDb({
    dataDir,
    log: createLogger({ level: 'warn' }),
    // Outside DATA_DIR so the FerretDB build survives the temporary directory.
    ferretdbPath: ferretdbCachePath(),
    // FERRETDB_BACKEND=sqlite runs the tests on SQLite where PostgreSQL is installed.
    ferretdbBackend: loadEnv().ferretdbBackend,
  }).catch((err: unknown) => {
    removeDataDir();
    throw err;
  });
  console.log(`test database: ${db.kind} at ${db.uri}`);
  project.provide('mongoUri', db.uri);
  return async () => {
    await db.stop();
    removeDataDir();
  };
}
