/**
 * Leader-only upkeep: keeps every operational collection bounded (FerretDB has no TTL indexes).
 * Each collection brings its own purge and its retention setting (ops.config.ts, documented in the
 * README's 运维 section); the audit trail and the proposal revisions are never purged. Most tasks run
 * hourly; one whose rows live minutes (the ledger views' change log, which FerretDB scans on every
 * read) brings its own rhythm.
 */
import type { Logger } from '../shared/logger.js';

export interface PurgeTask {
  /** The collection, for logs. */
  name: string;
  /** Rows older than this are purged. */
  keepMs: number;
  /** How often this task runs; default the housekeeping period. */
  everyMs?: number;
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
  /** One pass of every task now; resolves with how many rows each task deleted. */
  runOnce(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export function startHousekeeping(o: HousekeepingOptions): Housekeeping {
  const log = o.log.child({ component: 'housekeeping' });
  const now = o.now ?? (() => new Date());
  const everyMs = o.everyMs ?? 3_600_000;
  // Passes run one after another, never two at once against the database.
  let running: Promise<unknown> = Promise.resolve();

  async function pass(tasks: PurgeTask[]): Promise<Record<string, number>> {
    const purged: Record<string, number> = {};
    for (const task of tasks) {
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
  const queue = (tasks: PurgeTask[]) => {
    const p = running.then(() => pass(tasks));
    running = p.catch((err: unknown) => log.warn({ err }, 'housekeeping pass failed'));
    return p;
  };
  const periods = new Map<number, PurgeTask[]>();
  for (const task of o.tasks) {
    const period = task.everyMs ?? everyMs;
    periods.set(period, [...(periods.get(period) ?? []), task]);
  }
  const timers = [...periods].map(([period, tasks]) => {
    const timer = setInterval(() => void queue(tasks).catch(() => undefined), period);
    timer.unref();
    return timer;
  });
  const runOnce = () => queue(o.tasks);
  void runOnce().catch(() => undefined);
  return {
    runOnce,
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await running;
    },
  };
}
