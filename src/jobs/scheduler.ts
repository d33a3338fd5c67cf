/**
 * The schedules (node-cron, Asia/Shanghai). Cron only wakes the scheduler up; what to run is
 * decided by `dueRuns` and claimed in the database, so a wake-up that finds nothing new does nothing,
 * a missed run is made up on start, and several instances never run the same (job, period) twice.
 */
import cron, { type ScheduledTask } from 'node-cron';
import { PRODUCT_TIME_ZONE } from '../config/env.js';
import type { SchedulesConfig } from '../config/schedules.config.js';
import type { DialogRows } from '../domain/dialog.port.js';
import type { JobRunStore } from '../domain/job-run.port.js';
import type { MetricSnapshotStore } from '../domain/metric-snapshot.port.js';
import type { Clock } from '../domain/ports.js';
import type { Logger } from '../shared/logger.js';
import { runDigest } from './digest.job.js';
import { dueRuns, type DueRun } from './due-runs.js';
import { runOnce, type RunContext, type RunOutcome } from './job-runner.js';
import { NOTICES_JOB, runMemberNotices, type MemberNoticesDeps } from './member-notices.job.js';
import { runMonthlySummary } from './monthly-summary.job.js';
import type { Outbox } from '../outbox/outbox.js';
import type { SummaryDeps } from './summary.queries.js';
import { runWeeklySummary } from './weekly-summary.job.js';

/** Taken over this long after the holder's lease ends, so the lease has surely lapsed. */
const RETRY_MARGIN_MS = 1000;

export interface SchedulerOptions {
  core: SummaryDeps & MemberNoticesDeps;
  outbox: Pick<Outbox, 'enqueue'>;
  jobRuns: JobRunStore;
  /** Where the weekly summary keeps its figures for next week's comparison. */
  snapshots: Pick<MetricSnapshotStore, 'save'>;
  /** Where the notices note each person's newest card. */
  dialogs: DialogRows;
  log: Logger;
  clock: Clock;
  config: SchedulesConfig;
  /** Names this instance in run records. */
  owner?: string;
  /** Start the cron wake-ups and run what is due right away (default true; tests drive `runDue`). */
  autoStart?: boolean;
}

export interface Scheduler {
  /** Runs whatever is due at `now` (default: the clock's now); resolves with what ran. */
  runDue(now?: Date): Promise<RunOutcome[]>;
  stop(): Promise<void>;
}

/** Cron expressions that wake the scheduler: each job's time of day, the notices' cadence, the end of quiet hours. */
export function wakeUps(config: SchedulesConfig): string[] {
  const at = (hhmm: string) => `${Number(hhmm.slice(3, 5))} ${Number(hhmm.slice(0, 2))} * * *`;
  const out = [at(config.digest.at), at(config.weekly.at), at(config.monthly.at), at(config.quietHours.to)];
  if (config.notices.enabled) out.push(config.notices.cron);
  return [...new Set(out)];
}

export function startScheduler(o: SchedulerOptions): Scheduler {
  const log = o.log.child({ component: 'scheduler' });
  const deps = { outbox: o.outbox, jobRuns: o.jobRuns, log, runs: o.config.runs, owner: o.owner };

  const work = (run: DueRun): ((ctx: RunContext) => Promise<{ cursor?: Date } | void>) => {
    switch (run.job) {
      case 'digest':
        return (ctx) => runDigest(ctx, o.core, o.config, run.period);
      case 'weekly-summary':
        return (ctx) => runWeeklySummary(ctx, o.core, o.config, run.period, o.snapshots);
      case 'monthly-summary':
        return (ctx) => runMonthlySummary(ctx, o.core, o.config, run.period);
      case NOTICES_JOB:
        return (ctx) => runMemberNotices(ctx, o.core, o.config, o.dialogs);
    }
  };

  // One pass at a time in this process: cron wake-ups that overlap a long pass wait for it.
  let chain: Promise<unknown> = Promise.resolve();
  const runDue = (now?: Date): Promise<RunOutcome[]> => {
    const pass = chain.then(async () => {
      const at = now ?? o.clock.now();
      const clock = { now: () => now ?? o.clock.now() };
      const outcomes: RunOutcome[] = [];
      for (const run of dueRuns(at, o.core.calendar, o.config)) {
        const outcome = await runOnce({ ...deps, clock }, run.job, run.period, work(run), { repeatable: run.job === NOTICES_JOB });
        if (outcome) outcomes.push(outcome);
        else if (run.job !== NOTICES_JOB) await retryWhenLapsed(run, at);
      }
      return outcomes;
    });
    chain = pass.catch(() => undefined);
    return pass;
  };

  const tasks: ScheduledTask[] = [];
  const tick = (): void => {
    runDue().catch((err: unknown) => log.error({ err }, 'scheduled pass failed'));
  };

  /**
   * A due run held by another instance: if that instance died, its lease lapses and the run is
   * taken over then, not at the next cron wake-up (which may be a day away). Only for live schedulers.
   */
  const retries = new Map<string, NodeJS.Timeout>();
  async function retryWhenLapsed(run: DueRun, at: Date): Promise<void> {
    const key = `${run.job}:${run.period}`;
    if (o.autoStart === false || stopped || retries.has(key)) return;
    const held = await o.jobRuns.find(run.job, run.period);
    if (held?.status !== 'running' || held.leaseUntil <= at) return;
    const timer = setTimeout(
      () => {
        retries.delete(key);
        tick();
      },
      held.leaseUntil.getTime() - at.getTime() + RETRY_MARGIN_MS,
    );
    timer.unref();
    retries.set(key, timer);
  }
  let stopped = false;
  if (o.autoStart !== false) {
    for (const expression of wakeUps(o.config)) {
      tasks.push(cron.schedule(expression, tick, { timezone: PRODUCT_TIME_ZONE, name: `tiantong:${expression}`, noOverlap: true }));
    }
    log.info({ wakeUps: wakeUps(o.config) }, 'scheduler started');
    tick();
  }

  return {
    runDue,
    async stop() {
      stopped = true;
      for (const t of retries.values()) clearTimeout(t);
      for (const t of tasks) await t.destroy();
      await chain;
    },
  };
}
