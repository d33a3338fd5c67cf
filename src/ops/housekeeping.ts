/**
 * Leader-only upkeep, hourly: keeps every operational collection bounded (FerretDB has no TTL
 * indexes). Each collection brings its own purge and its retention setting (ops.config.ts,
 * documented in the README's 运维 section); the audit trail and the proposal revisions are never
 * purged. A collection added later (e.g. a change log) joins by adding its task.
 */
import type { Logger } from './logger.js';

export interface PurgeTask {
  /** The collection, for logs. */
  name: string;
  /** Rows older than this are purged. */
  keepMs: number;
  /** Deletes what is older than `before` (and finished, where that matters); resolves with how many. */
  purge(before: Date): Promise<number>;
}

export interface HousekeepingOptions {
  tasks: PurgeTask[];
  log: Logger;
  /** Default 1 h. */
  everyMs?: number;
  now?: () => Date;
}

export interface Housekeeping {
  /** One pass now; resolves with how many rows each task deleted. */
  runOnce(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export function startHousekeeping(o: HousekeepingOptions): Housekeeping {
  const log = o.log.child({ component: 'housekeeping' });
  const now = o.now ?? (() => new Date());
  let running: Promise<unknown> = Promise.resolve();

  async function pass(): Promise<Record<string, number>> {
    const purged: Record<string, number> = {};
    for (const task of o.tasks) {
      try {
        purged[task.name] = await task.purge(new Date(now().getTime() - task.keepMs));
      } catch (err) {
        // One collection failing does not keep the others from being purged.
        log.warn({ err, collection: task.name }, 'housekeeping purge failed');
      }
    }
    if (Object.values(purged).some((n) => n > 0)) log.info({ purged }, 'old operational rows deleted');
    return purged;
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
