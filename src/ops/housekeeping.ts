/**
 * Leader-only upkeep, hourly: deletes inbound de-duplication rows past WeCom's retry span (the
 * collection would otherwise grow forever; FerretDB has no TTL indexes), and reports callbacks
 * that were acknowledged but never finished (their process died mid-handling): a warning with
 * their keys, and the `tiantong_inbound_unfinished` gauge. Every minute it also deletes change-log
 * rows the ledger views have read (FerretDB scans the whole change log on every read of it).
 */
import type { InboundDedup } from '../channels/dedup.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

export interface HousekeepingOptions {
  dedup: InboundDedup;
  /** The change log between instances' ledger views, and how long its rows must stay. */
  changeLog?: { purge(before: Date): Promise<number>; keepMs: number };
  log: Logger;
  metrics: Metrics;
  /** Default 1 h. */
  everyMs?: number;
  /** De-duplication rows kept this long. Default 2 days (WeCom retries within a minute). */
  keepMs?: number;
  now?: () => Date;
}

/** Rows are kept minutes only; purging each minute keeps the change log (and every read of it) small. */
const CHANGE_LOG_PURGE_EVERY_MS = 60_000;

export interface Housekeeping {
  /** One pass now; resolves with what it did. */
  runOnce(): Promise<{ purged: number; unfinished: number }>;
  stop(): Promise<void>;
}

export function startHousekeeping(o: HousekeepingOptions): Housekeeping {
  const log = o.log.child({ component: 'housekeeping' });
  const now = o.now ?? (() => new Date());
  const keepMs = o.keepMs ?? 2 * 24 * 3_600_000;
  let running: Promise<unknown> = Promise.resolve();

  async function pass(): Promise<{ purged: number; unfinished: number }> {
    const purged = await o.dedup.purge(new Date(now().getTime() - keepMs));
    const stale = await o.dedup.listStaleClaims();
    o.metrics.inboundUnfinished.set(stale.length);
    if (stale.length > 0) log.warn({ unfinished: stale.slice(0, 20) }, '有消息已应答但未处理完（处理时进程中断），请核对 / acknowledged messages never finished');
    if (purged > 0) log.info({ purged }, 'old de-duplication rows deleted');
    return { purged, unfinished: stale.length };
  }
  const runOnce = () => {
    const p = running.then(pass);
    running = p.catch((err: unknown) => log.warn({ err }, 'housekeeping pass failed'));
    return p;
  };
  void runOnce().catch(() => undefined);
  const timer = setInterval(() => void runOnce().catch(() => undefined), o.everyMs ?? 3_600_000);
  timer.unref();
  const changeLog = o.changeLog;
  const purgeChanges = (): void => {
    if (!changeLog) return;
    running = running
      .then(() => changeLog.purge(new Date(now().getTime() - changeLog.keepMs)))
      .catch((err: unknown) => log.warn({ err }, 'change log purge failed'));
  };
  purgeChanges();
  const changeTimer = setInterval(purgeChanges, CHANGE_LOG_PURGE_EVERY_MS);
  changeTimer.unref();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      clearInterval(changeTimer);
      await running;
    },
  };
}
