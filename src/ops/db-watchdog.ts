/**
 * Reconnects a database connection that stays broken after the database came back.
 *
 * Measured here: after FerretDB was stopped and restarted, the MongoDB driver sometimes never
 * saw it again (about 1 run in 5 under load; every command failing with the first "connection
 * closed" error for minutes), while a fresh client could ping it at once. So while pings through
 * the shared connection keep failing for `stuckAfterMs`, a fresh client is asked too; when it
 * gets through, the shared connection is closed and opened again (the models stay bound to it).
 */
import mongoose from 'mongoose';
import type { Logger } from './logger.js';
import { answersPing, connectDb, disconnectDb } from '../store/db.js';

export interface DbWatchdogOptions {
  uri: string;
  log: Logger;
  /** Default 3 s. */
  checkMs?: number;
  /** Default 15 s. */
  stuckAfterMs?: number;
}

export interface DbWatchdog {
  stop(): Promise<void>;
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T | undefined> =>
  Promise.race([p, new Promise<undefined>((r) => setTimeout(() => r(undefined), ms).unref())]);

async function pingShared(): Promise<boolean> {
  const db = mongoose.connection.db;
  if (!db) return false;
  return (await withTimeout(db.admin().command({ ping: 1 }).then(() => true, () => false), 1500)) ?? false;
}

const pingFresh = (uri: string): Promise<boolean> => answersPing(uri, 1500);

export function startDbWatchdog(o: DbWatchdogOptions): DbWatchdog {
  const log = o.log.child({ component: 'db-watchdog' });
  const stuckAfterMs = o.stuckAfterMs ?? 15_000;
  let lastOk = Date.now();
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  async function check(): Promise<void> {
    if (await pingShared()) {
      lastOk = Date.now();
      return;
    }
    if (Date.now() - lastOk < stuckAfterMs || !(await pingFresh(o.uri)) || stopped) return;
    log.error({ failingForMs: Date.now() - lastOk }, '数据库已恢复但连接未恢复，正在重新连接 / database reachable but the connection is stuck: reconnecting');
    await withTimeout(disconnectDb(), 5000).catch(() => undefined);
    await connectDb(o.uri, { log });
    lastOk = Date.now();
  }
  const timer = setInterval(() => {
    running = running.then(check).catch((err: unknown) => log.warn({ err }, 'database watchdog check failed'));
  }, o.checkMs ?? 3000);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
