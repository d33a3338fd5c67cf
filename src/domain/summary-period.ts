/**
 * Reporting periods of the scheduled jobs, as Shanghai calendar dates:
 * an ISO week ('2026-W48', Monday to Sunday) and a calendar month ('2026-11').
 * Pure date arithmetic on top of shanghai-time.ts; no time zone lookups.
 */
import type { WorkCalendar } from './calendar.js';
import { addDays, addMonths, daysBetween, endOfLocalDay, weekday, type LocalDate } from './shanghai-time.js';

/** An ISO week: `start` is its Monday, `end` the Monday after (exclusive). */
export interface WeekPeriod {
  key: string;
  start: LocalDate;
  end: LocalDate;
}

/** A calendar month: `start` is its 1st, `end` the 1st of the next month (exclusive). */
export interface MonthPeriod {
  key: string;
  start: LocalDate;
  end: LocalDate;
}

const WEEK_RE = /^(\d{4})-W(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

/** ISO weekday, Monday = 1 … Sunday = 7. */
const isoWeekday = (d: LocalDate): number => weekday(d) || 7;

const mondayOf = (d: LocalDate): LocalDate => addDays(d, 1 - isoWeekday(d));

/** The ISO week holding `d` (the week belongs to the year of its Thursday). */
export function weekOf(d: LocalDate): WeekPeriod {
  const monday = mondayOf(d);
  const thursday = addDays(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return { key: `${year}-W${String(week).padStart(2, '0')}`, start: monday, end: addDays(monday, 7) };
}

/** Parses '2026-W48'; undefined when it is not a week of that year. */
export function parseWeek(key: string): WeekPeriod | undefined {
  const m = WEEK_RE.exec(key);
  if (!m) return undefined;
  // 4 January is always in week 1.
  const week1 = mondayOf(`${m[1]}-01-04`);
  const start = addDays(week1, (Number(m[2]) - 1) * 7);
  const period = weekOf(start);
  return period.key === key ? period : undefined;
}

export function monthOf(d: LocalDate): MonthPeriod {
  const start = `${d.slice(0, 7)}-01`;
  return { key: d.slice(0, 7), start, end: addMonths(start, 1) };
}

/** Parses '2026-11'; undefined when malformed. */
export function parseMonth(key: string): MonthPeriod | undefined {
  const m = MONTH_RE.exec(key);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return undefined;
  return monthOf(`${key}-01`);
}

/** The last instant of a period (its last day, 23:59:59.999 in Shanghai). */
export const closeOf = (p: WeekPeriod | MonthPeriod): Date => endOfLocalDay(addDays(p.end, -1));

/**
 * The instant a period's figures are taken at: its close, or `now` while it is still running, so a
 * past period reads the ledger as it stood then whenever the summary is built.
 */
export const figuresAt = (p: WeekPeriod | MonthPeriod, now: Date): Date => {
  const close = closeOf(p);
  return now < close ? now : close;
};

export const previousWeek = (p: WeekPeriod): WeekPeriod => weekOf(addDays(p.start, -7));
export const nextWeek = (p: WeekPeriod): WeekPeriod => weekOf(p.end);
export const previousMonth = (p: MonthPeriod): MonthPeriod => monthOf(addMonths(p.start, -1));
export const nextMonth = (p: MonthPeriod): MonthPeriod => monthOf(p.end);

/**
 * The first working day in [from, until), or undefined when there is none (a week wholly on
 * holiday, e.g. the National Day week).
 */
export function firstWorkdayIn(calendar: WorkCalendar, from: LocalDate, until: LocalDate): LocalDate | undefined {
  const d = calendar.addWorkdays(from, 0);
  return daysBetween(d, until) > 0 ? d : undefined;
}
