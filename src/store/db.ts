/**
 * The one mongoose connection of a process.
 *
 * Once connected, commands are not buffered: a query issued during an outage fails at once
 * instead of hanging, so it shows up loudly in logs and replies. (Only on the connection, not
 * globally: models compiled before connecting must still wait for it to build their indexes.)
 * Works with MongoDB >= 6 and FerretDB 1.24 alike.
 */
import mongoose from 'mongoose';
import type { Logger } from '../shared/logger.js';
import { runMigrations } from './migrations.js';

export interface ConnectOptions {
  log: Logger;
  /** Overrides the database named in the URI (tests use one database per file). */
  dbName?: string;
}

/** Long enough for a database that is still starting, short enough to fail a start clearly. */
const SERVER_SELECTION_TIMEOUT_MS = 10_000;

/** Strips credentials so the URI can be logged. */
export const redactUri = (uri: string): string => uri.replace(/\/\/[^@/]*@/, '//***@');

export async function connectDb(uri: string, { log, dbName }: ConnectOptions): Promise<typeof mongoose> {
  mongoose.set('strictQuery', true);
  const conn = mongoose.connection;
  conn.on('disconnected', () => log.warn('database disconnected'));
  conn.on('reconnected', () => log.info('database reconnected'));
  conn.on('error', (err: unknown) => log.error({ err }, 'database error'));
  await mongoose.connect(uri, {
    autoIndex: true,
    bufferCommands: false,
    serverSelectionTimeoutMS: SERVER_SELECTION_TIMEOUT_MS,
    // The database watchdog counts completed commands as evidence the connection works.
    monitorCommands: true,
    ...(dbName && { dbName }),
  });
  log.info({ uri: redactUri(uri), db: conn.name }, 'database connected');
  return mongoose;
}

export async function disconnectDb(): Promise<void> {
  mongoose.connection.removeAllListeners('disconnected');
  await mongoose.disconnect();
}

/**
 * Brings stored data up to the current shape (migrations.ts), then makes every registered model's
 * indexes match its schema (creates missing ones, drops ones no schema declares, so a stale unique
 * index cannot reject valid writes).
 * Models register when their module (src/store/models/*.model.ts) is imported: import them first.
 */
export async function ensureIndexes(): Promise<void> {
  await runMigrations();
  for (const name of mongoose.modelNames()) {
    const model = mongoose.model(name);
    // Let the automatic index build (autoIndex) finish first so the two do not race.
    await model.init();
    await model.syncIndexes();
  }
}

/**
 * Whether a server at `uri` answers a ping through a fresh client of its own (not the shared
 * connection), within `timeoutMs`. `direct` talks to that one server, not to its replica set.
 */
export async function answersPing(uri: string, timeoutMs: number, { direct = false } = {}): Promise<boolean> {
  const client = new mongoose.mongo.MongoClient(uri, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
    ...(direct && { directConnection: true }),
  });
  try {
    await client.db('admin').command({ ping: 1 });
    return true;
  } catch {
    return false;
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** "ok", or why the connected database does not answer a ping within `timeoutMs` (readiness). */
export async function pingDatabase(timeoutMs: number): Promise<string> {
  const db = mongoose.connection.db;
  // Ping even when mongoose says disconnected: its state lags the driver's reconnection by up to
  // a heartbeat (10 s), and the ping itself makes the driver look for the server again.
  if (!db) return 'not connected';
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`no answer to ping within ${timeoutMs} ms`), timeoutMs)));
  try {
    return await Promise.race([
      db
        .admin()
        .command({ ping: 1 })
        .then(
          () => 'ok',
          (err: unknown) => `ping failed: ${(err as Error).message}`.slice(0, 200),
        ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
