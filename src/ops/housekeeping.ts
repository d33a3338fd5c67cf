/**
 * Leader-only upkeep, hourly: deletes inbound de-duplication rows past WeCom's retry span (the
 * collection would otherwise grow forever; FerretDB has no TTL indexes), and reports callbacks
 * that were acknowledged but never finished (their process died mid-handling): a warning with
 * their keys, and the `tiantong_inbound_unfinished` gauge.
 */
import type { InboundDedup } from '../channels/dedup.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

export interface HousekeepingOptions {
  dedup: InboundDedup;
  log: Logger;
  metrics: Metrics;
  /** Default 1 h. */
  everyMs?: number;
  /** De-duplication rows kept this long. Default 2 days (WeCom retries within a minute). */
  keepMs?: number;
  now?: () => Date;
}

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
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
