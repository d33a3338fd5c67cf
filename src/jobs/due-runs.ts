/**
 * Which (job, period) runs are due at an instant: the latest scheduled occurrence of each job
 * that has come, so a run missed while the service was down is made up when it starts, until
 * the job's next occurrence supersedes it. Nothing is due in quiet hours (夜间), and digests only
 * on working days. Pure: the scheduler claims what this returns.
 */
import { minutesOf, type SchedulesConfig } from '../config/schedules.config.js';
import type { WorkCalendar } from '../domain/calendar.js';
import { addDays, localHour, toLocalDate, type LocalDate } from '../domain/shanghai-time.js';
import { firstWorkdayIn, monthOf, previousMonth, previousWeek, weekOf } from '../domain/summary-period.js';
import { NOTICES_JOB, NOTICES_PERIOD } from './member-notices.job.js';

export const JOB_NAMES = ['digest', 'weekly-summary', 'monthly-summary', NOTICES_JOB] as const;
export type JobName = (typeof JOB_NAMES)[number];

export interface DueRun {
  job: JobName;
  period: string;
}

// Shanghai is a whole number of hours from UTC, so the minutes read the same.
const minuteOfDay = (now: Date): number => localHour(now) * 60 + now.getUTCMinutes();

/** True inside quiet hours, which may wrap midnight (20:00 → 08:00). */
export function isQuiet(now: Date, quiet: SchedulesConfig['quietHours']): boolean {
  const m = minuteOfDay(now);
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  return from <= to ? m >= from && m < to : m >= from || m < to;
}

/** True once `day` at `at` has come. */
const reached = (today: LocalDate, m: number, day: LocalDate, at: string): boolean => today > day || (today === day && m >= minutesOf(at));

export function dueRuns(now: Date, calendar: WorkCalendar, config: SchedulesConfig): DueRun[] {
  if (isQuiet(now, config.quietHours)) return [];
  const today = toLocalDate(now);
  const m = minuteOfDay(now);
  const out: DueRun[] = [];
  if (config.notices.enabled) out.push({ job: NOTICES_JOB, period: NOTICES_PERIOD });
  if (config.digest.enabled && calendar.isWorkday(today) && m >= minutesOf(config.digest.at)) out.push({ job: 'digest', period: today });
  if (config.weekly.enabled) {
    // This week's run reports on the week before; a week with no working day has no run.
    const week = weekOf(today);
    const day = firstWorkdayIn(calendar, addDays(week.start, config.weekly.weekday - 1), week.end);
    if (day && reached(today, m, day, config.weekly.at)) out.push({ job: 'weekly-summary', period: previousWeek(week).key });
  }
  if (config.monthly.enabled) {
    const month = monthOf(today);
    const day = firstWorkdayIn(calendar, month.start, month.end);
    if (day && reached(today, m, day, config.monthly.at)) out.push({ job: 'monthly-summary', period: previousMonth(month).key });
  }
  return out;
}
