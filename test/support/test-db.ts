/**
 * Gives a test file its own database on the shared test server, so files can run in
 * parallel: connects mongoose before the file's tests (building registered models' indexes),
 * then drops the database and disconnects after them.
 *
 *   import { useTestDb } from '../support/test-db.js';
 *   const db = useTestDb({ cleanBeforeEach: true });
 */
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { connectDb, disconnectDb, ensureIndexes } from '../../src/store/db.js';
import { createLogger } from '../../src/shared/logger.js';

export interface TestDb {
  /** This file's database name (unique per file and run). */
  readonly dbName: string;
  readonly uri: string;
  /** Empties every collection, keeping the indexes. */
  clean(): Promise<void>;
}

export interface TestDbOptions {
  /** Run `clean()` before each test. */
  cleanBeforeEach?: boolean;
}

/** Letters, digits and `_` only, 22 chars: valid for MongoDB and FerretDB alike. */
const uniqueDbName = (): string => `t_${process.pid}_${randomBytes(6).toString('hex')}`;

export function useTestDb(options: TestDbOptions = {}): TestDb {
  const dbName = uniqueDbName();
  const uri = inject('mongoUri');

  const clean = async (): Promise<void> => {
    const db = mongoose.connection.db;
    if (!db) throw new Error('useTestDb: not connected (call clean() inside a test or hook)');
    const collections = await db.collections();
    await Promise.all(collections.map((c) => c.deleteMany({})));
  };

  beforeAll(async () => {
    await connectDb(uri, { log: createLogger(), dbName });
    await ensureIndexes();
  });
  if (options.cleanBeforeEach) beforeEach(clean);
  afterAll(async () => {
    await mongoose.connection.dropDatabase();
    await disconnectDb();
  });

  return { dbName, uri, clean };
}
