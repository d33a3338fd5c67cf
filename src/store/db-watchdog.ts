/**
 * Reconnects a database connection that stays broken after the database came back, and never
 * one that is merely slow.
 *
 * Measured here: after FerretDB was stopped and restarted, the MongoDB driver sometimes never
 * saw it again (about 1 run in 5 under load; every command failing with the first "connection
 * closed" error for minutes), while a fresh client could ping it at once. But tearing the
 * connection down whenever pings are slow (FerretDB under load, or just thawed after a freeze)
 * cuts operations that were about to finish. So the connection is closed and opened again only
 * on evidence that the driver cannot reach a server a fresh client can:
 * - no command has succeeded on the shared connection for `stuckAfterMs`, and
 * - the driver's topology has no selectable server (all Unknown) — or, should it still list one,
 *   nothing has succeeded for four times as long — and
 * - a fresh client gets a ping through.
 * The models stay bound to the connection.
 */
import mongoose from 'mongoose';
import type { Logger } from '../shared/logger.js';
import { answersPing, connectDb, disconnectDb } from './db.js';

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
  return (
    (await withTimeout(
      db
        .admin()
        .command({ ping: 1 })
        .then(
          () => true,
          () => false,
        ),
      1500,
    )) ?? false
  );
}

/** Whether the driver knows a server it could send a command to (any not Unknown). */
export function driverSeesServer(): boolean {
  const client = mongoose.connection.getClient() as unknown as { topology?: { description?: { servers?: Map<string, { type: string }> } } };
  const servers = client.topology?.description?.servers;
  if (!servers) return false;
  for (const s of servers.values()) if (s.type !== 'Unknown') return true;
  return false;
}

export function startDbWatchdog(o: DbWatchdogOptions): DbWatchdog {
  const log = o.log.child({ component: 'db-watchdog' });
  const stuckAfterMs = o.stuckAfterMs ?? 15_000;
  let lastOk = Date.now();
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let watched: unknown;
  const onSuccess = (): void => {
    lastOk = Date.now();
  };
  /** Any command completing on the shared connection counts (commandSucceeded needs monitorCommands, set in db.ts). */
  function watchClient(): void {
    const client = mongoose.connection.getClient();
    if (client === watched) return;
    client.on('commandSucceeded', onSuccess);
    watched = client;
  }

  async function check(): Promise<void> {
    watchClient();
    if (Date.now() - lastOk < stuckAfterMs) return;
    if (await pingShared()) return onSuccess();
    // A driver that still lists a server is given much longer (its own monitoring may recover it).
    if (driverSeesServer() && Date.now() - lastOk < stuckAfterMs * 4) return;
    if (stopped || !(await pingFresh(o.uri))) return;
    log.error({ failingForMs: Date.now() - lastOk }, '数据库已恢复但连接未恢复，正在重新连接 / database reachable but the connection is stuck: reconnecting');
    await withTimeout(disconnectDb(), 5000).catch(() => undefined);
    await connectDb(o.uri, { log });
    watchClient();
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

const pingFresh = (uri: string): Promise<boolean> => answersPing(uri, 1500);
