/**
 * Instants and calendar dates in Asia/Shanghai (UTC+8, no daylight saving since 1991).
 *
 * Everything here is integer arithmetic on a fixed +08:00 offset: no `Intl`, no local-time getters,
 * so answers are the same whatever the machine's `TZ` is.
 */

/** A calendar date in Shanghai, written 'YYYY-MM-DD' (e.g. '2026-10-09'). */
export type LocalDate = string;

const MS_PER_DAY = 86_400_000;
/** Shanghai is UTC+8 all year. */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad2 = (n: number): string => String(n).padStart(2, '0');

const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Days in month `m` (1–12) of year `y`. */
const daysInMonth = (y: number, m: number): number => (m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

/** Year, month (1–12) and day of a 'YYYY-MM-DD' string, or null when it is not a real date. */
const parts = (d: string): { y: number; m: number; day: number } | null => {
  const match = LOCAL_DATE_RE.exec(d);
  if (!match) return null;
  const y = Number(match[1]);
  const m = Number(match[2]);
  const day = Number(match[3]);
  if (y < 1000 || m < 1 || m > 12 || day < 1 || day > daysInMonth(y, m)) return null;
  return { y, m, day };
};

/** True for a real calendar date written 'YYYY-MM-DD' (so '2026-02-30' is false). */
export const isLocalDate = (s: unknown): s is LocalDate => typeof s === 'string' && parts(s) !== null;

/** A date's year, month and day as numbers (writing it in words is present/dates.ts's). */
export const dateParts = (d: LocalDate): { y: number; m: number; day: number } => {
  const p = parts(d);
  if (!p) throw new RangeError(`Not a calendar date 'YYYY-MM-DD': ${JSON.stringify(d)}`);
  return p;
};

const format = (y: number, m: number, day: number): LocalDate => `${y}-${pad2(m)}-${pad2(day)}`;

/**
 * Days since 1970-01-01 (Howard Hinnant's days_from_civil). Lets callers step through dates as
 * integers, which is what makes the working-day calendar fast.
 */
export const toEpochDay = (d: LocalDate): number => {
  const { y: year, m, day } = dateParts(d);
  const y = m <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
};

/** Inverse of `toEpochDay` (civil_from_days). */
export const fromEpochDay = (n: number): LocalDate => {
  const z = n + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return format(era * 400 + yoe + (m <= 2 ? 1 : 0), m, day);
};

/** The instant shifted so that its UTC fields read as Shanghai wall-clock time. */
const wallClock = (instant: Date): Date => new Date(instant.getTime() + SHANGHAI_OFFSET_MS);

/** The Shanghai calendar date of an instant: 2026-10-08T16:30Z is '2026-10-09'. */
export const toLocalDate = (instant: Date): LocalDate => {
  const w = wallClock(instant);
  return format(w.getUTCFullYear(), w.getUTCMonth() + 1, w.getUTCDate());
};

/** 00:00:00.000 +08:00 of a Shanghai date, as an instant. */
export const startOfLocalDay = (d: LocalDate): Date => new Date(toEpochDay(d) * MS_PER_DAY - SHANGHAI_OFFSET_MS);

/** 23:59:59.999 +08:00 of a Shanghai date, as an instant: the last moment a deadline on `d` is met. */
export const endOfLocalDay = (d: LocalDate): Date => new Date(startOfLocalDay(d).getTime() + MS_PER_DAY - 1);

/** `d` plus `n` calendar days (`n` may be negative). */
export const addDays = (d: LocalDate, n: number): LocalDate => fromEpochDay(toEpochDay(d) + n);

/** Calendar days from `a` to `b`: 1 from '2026-10-09' to '2026-10-10', negative if `b` is earlier. */
export const daysBetween = (a: LocalDate, b: LocalDate): number => toEpochDay(b) - toEpochDay(a);

/**
 * `d` plus `n` months, clamped to the end of a shorter month, as deadlines "within one month" are
 * read: '2026-01-31' + 1 month = '2026-02-28'.
 */
export const addMonths = (d: LocalDate, n: number): LocalDate => {
  const { y, m, day } = dateParts(d);
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return format(year, month, Math.min(day, daysInMonth(year, month)));
};

/** Day of the week of a Shanghai date: 0 = Sunday … 6 = Saturday. */
export const weekday = (d: LocalDate): number => {
  // 1970-01-01 was a Thursday (4).
  const w = (toEpochDay(d) + 4) % 7;
  return w < 0 ? w + 7 : w;
};

/** Hour of the day (0–23) in Shanghai, e.g. to keep reminders out of the night. */
export const localHour = (instant: Date): number => wallClock(instant).getUTCHours();

/** 'YYYY-MM-DD HH:mm' in Shanghai, for the ledger and messages. */
export const formatLocal = (instant: Date): string => {
  const w = wallClock(instant);
  return `${toLocalDate(instant)} ${pad2(w.getUTCHours())}:${pad2(w.getUTCMinutes())}`;
};
