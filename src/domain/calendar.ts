/**
 * 工作日历: which Shanghai dates are working days, for deadlines counted in working days
 * (e.g. 15 working days for pre-handling contact after assignment).
 *
 * Sources, in order of precedence for a given date:
 *   1. overrides from config/holidays.yaml (a single listed day, any year);
 *   2. the State Council schedule bundled in `chinese-days` (2004 to its last published year);
 *   3. Monday to Friday.
 */
// The package's own functions parse 'YYYY-MM-DD' in the machine's local time zone and answer for the
// wrong day west of UTC, so we read its data table and do the date arithmetic ourselves.
import chineseDaysData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { fromEpochDay, toEpochDay, type LocalDate } from './shanghai-time.js';

/** Holidays (放假) and make-up workdays (调休上班) of one year, as published by the State Council. */
export interface YearOverride {
  holidays: LocalDate[];
  workdays: LocalDate[];
}

/** Days that correct or extend the bundled schedule, keyed by the year whose notice lists them. */
export interface CalendarOverrides {
  years: Record<number, YearOverride>;
}

export interface WorkCalendar {
  /** True when `d` is a working day in Shanghai (a 调休 Saturday is one; a statutory holiday is not). */
  isWorkday(d: LocalDate): boolean;
  /**
   * The `n`th working day after `d`. `n = 0` gives `d` itself if it is a working day, else the next
   * one; a negative `n` counts back (the |n|th working day before `d`).
   */
  addWorkdays(d: LocalDate, n: number): LocalDate;
  /**
   * Working days after `a` up to and including `b`; negative (the count from `b` to `a`) when `b`
   * is earlier. `workdaysBetween(d, addWorkdays(d, n)) === n` for n ≥ 1.
   */
  workdaysBetween(a: LocalDate, b: LocalDate): number;
  /** The first working day strictly after `d`. */
  nextWorkday(d: LocalDate): LocalDate;
  /**
   * True when the year's holidays are known (bundled schedule or an override entry). When false,
   * Monday–Friday stand in and the app should warn that config/holidays.yaml needs the year.
   */
  covers(year: number): boolean;
}

const bundled = chineseDaysData as { holidays: Record<string, string>; workdays: Record<string, string> };

/** Years the bundled schedule covers, from the dates it lists. */
const bundledYears: ReadonlySet<number> = new Set([...Object.keys(bundled.holidays), ...Object.keys(bundled.workdays)].map((d) => Number(d.slice(0, 4))));

/** No real schedule has a stretch this long without a working day; beyond it the data is broken. */
const MAX_DAYS_WITHOUT_WORKDAY = 366;

/** Mon–Fri from an epoch day (1970-01-01 was a Thursday). */
const isWeekdayEpoch = (day: number): boolean => {
  const w = (((day + 4) % 7) + 7) % 7;
  return w !== 0 && w !== 6;
};

/** Builds the calendar. Answers are memoized per day, since deadlines are computed for every proposal. */
export const createWorkCalendar = (overrides: CalendarOverrides): WorkCalendar => {
  const overrideYears = new Set(Object.keys(overrides.years).map(Number));
  const overrideDays = new Map<number, boolean>();
  for (const year of Object.values(overrides.years)) {
    for (const d of year.holidays) overrideDays.set(toEpochDay(d), false);
    for (const d of year.workdays) overrideDays.set(toEpochDay(d), true);
  }

  const memo = new Map<number, boolean>();
  const decide = (day: number): boolean => {
    const override = overrideDays.get(day);
    if (override !== undefined) return override;
    const date = fromEpochDay(day);
    if (bundledYears.has(Number(date.slice(0, 4)))) {
      if (date in bundled.holidays) return false;
      if (date in bundled.workdays) return true;
    }
    return isWeekdayEpoch(day);
  };
  const isWorkdayEpoch = (day: number): boolean => {
    let answer = memo.get(day);
    if (answer === undefined) {
      answer = decide(day);
      memo.set(day, answer);
    }
    return answer;
  };

  /** Steps from `day` in direction `step` until `count` working days have been passed. */
  const walk = (day: number, count: number, step: 1 | -1): number => {
    let current = day;
    let found = 0;
    let sinceLast = 0;
    while (found < count) {
      current += step;
      if (isWorkdayEpoch(current)) {
        found += 1;
        sinceLast = 0;
      } else if (++sinceLast > MAX_DAYS_WITHOUT_WORKDAY) {
        throw new RangeError(`No working day within a year of ${fromEpochDay(current)}: check config/holidays.yaml`);
      }
    }
    return current;
  };

  const countAfter = (from: number, to: number): number => {
    let count = 0;
    for (let day = from + 1; day <= to; day++) if (isWorkdayEpoch(day)) count++;
    return count;
  };

  return {
    isWorkday: (d) => isWorkdayEpoch(toEpochDay(d)),
    addWorkdays: (d, n) => {
      if (!Number.isInteger(n)) throw new RangeError(`Working days must be a whole number, got ${n}`);
      const day = toEpochDay(d);
      if (n > 0) return fromEpochDay(walk(day, n, 1));
      if (n < 0) return fromEpochDay(walk(day, -n, -1));
      return isWorkdayEpoch(day) ? d : fromEpochDay(walk(day, 1, 1));
    },
    workdaysBetween: (a, b) => {
      const from = toEpochDay(a);
      const to = toEpochDay(b);
      return to >= from ? countAfter(from, to) : -countAfter(to, from);
    },
    nextWorkday: (d) => fromEpochDay(walk(toEpochDay(d), 1, 1)),
    covers: (year) => bundledYears.has(year) || overrideYears.has(year),
  };
};
