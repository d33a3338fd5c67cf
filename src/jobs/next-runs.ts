/**
 * When each scheduled job runs next, for the jobs page: the first instant after `now` at which
 * `dueRuns` names a run of the job it does not name now (a new period), so the answer follows the
 * very rule the scheduler uses (working days, the week's first working day, quiet hours). The
 * notices job has one period: its next run is the next minute its cron matches outside quiet hours.
 * Pure.
 */
import cron from 'node-cron';
import { minutesOf, type SchedulesConfig } from '../config/schedules.config.js';
import type { WorkCalendar } from '../domain/calendar.js';
import { addDays, SHANGHAI_OFFSET_MS, startOfLocalDay, toLocalDate } from '../domain/shanghai-time.js';
import { dueRuns, isQuiet, JOB_NAMES, type JobName } from './due-runs.js';
import { NOTICES_JOB } from './member-notices.job.js';

export interface NextRun {
  job: JobName;
  /** Off in the configuration: no next run. */
  enabled: boolean;
  at?: Date;
  /** The period that run reports on (e.g. 2026-W48 for a weekly summary). */
  period?: string;
}

/** A month and a bit: the monthly summary's next run is always within it. */
const HORIZON_DAYS = 40;
const MINUTE = 60_000;

const enabledOf = (job: JobName, c: SchedulesConfig): boolean =>
  job === 'digest' ? c.digest.enabled : job === 'weekly-summary' ? c.weekly.enabled : job === 'monthly-summary' ? c.monthly.enabled : c.notices.enabled;

/** The next minute after `now` the cron expression matches outside quiet hours (Shanghai time), within two days. */
function nextCronMinute(now: Date, expression: string, quiet: SchedulesConfig['quietHours']): Date | undefined {
  const f = cron.parse(expression);
  const matches = (n: unknown[], v: number) => n.length === 0 || n.includes(v) || n.includes(String(v));
  let t = new Date(Math.floor(now.getTime() / MINUTE) * MINUTE + MINUTE);
  for (let i = 0; i < 2 * 24 * 60; i += 1, t = new Date(t.getTime() + MINUTE)) {
    const local = new Date(t.getTime() + SHANGHAI_OFFSET_MS);
    const ok =
      matches(f.minute, local.getUTCMinutes()) &&
      matches(f.hour, local.getUTCHours()) &&
      matches(f.dayOfMonth, local.getUTCDate()) &&
      matches(f.month, local.getUTCMonth() + 1) &&
      (matches(f.dayOfWeek, local.getUTCDay()) || (local.getUTCDay() === 0 && matches(f.dayOfWeek, 7)));
    if (ok && !isQuiet(t, quiet)) return t;
  }
  return undefined;
}

export function nextRuns(now: Date, calendar: WorkCalendar, config: SchedulesConfig): NextRun[] {
  const current = new Map(dueRuns(now, calendar, config).map((r) => [r.job, r.period]));
  const times = [...new Set([config.digest.at, config.weekly.at, config.monthly.at, config.quietHours.to])].map(minutesOf).sort((a, b) => a - b);
  const found = new Map<JobName, NextRun>();
  const today = toLocalDate(now);
  for (let d = 0; d <= HORIZON_DAYS && found.size < JOB_NAMES.length - 1; d += 1) {
    const day = addDays(today, d);
    for (const m of times) {
      const at = new Date(startOfLocalDay(day).getTime() + m * MINUTE);
      if (at <= now) continue;
      for (const run of dueRuns(at, calendar, config)) {
        if (run.job === NOTICES_JOB || found.has(run.job) || current.get(run.job) === run.period) continue;
        found.set(run.job, { job: run.job, enabled: true, at, period: run.period });
      }
    }
  }
  return JOB_NAMES.map((job) => {
    if (!enabledOf(job, config)) return { job, enabled: false };
    if (job === NOTICES_JOB) return { job, enabled: true, at: nextCronMinute(now, config.notices.cron, config.quietHours) };
    return found.get(job) ?? { job, enabled: true };
  });
}
