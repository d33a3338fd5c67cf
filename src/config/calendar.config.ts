/**
 * Loads config/holidays.yaml (holidays and make-up workdays beyond the bundled schedule) into the
 * working-day calendar. Read once at startup; a broken file stops the app with a message naming
 * the line, since wrong holidays would silently move every deadline.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { z } from 'zod';
import { createWorkCalendar, type CalendarOverrides, type WorkCalendar } from '../domain/calendar.js';
import { addDays, daysBetween, isLocalDate, toLocalDate, type LocalDate } from '../domain/shanghai-time.js';
import { AppError } from '../shared/app-error.js';

export const DEFAULT_HOLIDAYS_PATH = 'config/holidays.yaml';

/** The longest span one entry may cover; longer is surely a typo (the longest holiday is 9 days). */
const MAX_SPAN_DAYS = 31;

/** Operator-facing texts of this feature. */
const texts = {
  fileMissing: (path: string) => `找不到节假日配置文件 ${path}。请恢复该文件（可写 years: {}）后再启动。`,
  unreadable: (path: string, reason: string) => `无法读取节假日配置文件 ${path}：${reason}`,
  yamlSyntax: (where: string, reason: string) => `${where}：YAML 格式错误（${reason}）。请检查缩进和冒号。`,
  header: (path: string) => `节假日配置文件 ${path} 有误：`,
  badDate: (value: string) =>
    `“${value}”不是有效日期。请写成 YYYY-MM-DD，例如 2027-10-01；连续多天写成 2027-10-01..2027-10-07。`,
  notString: '应为日期，例如 2027-10-01。',
  reversedSpan: (value: string) => `“${value}”起止颠倒，应先写开始日期，例如 2027-10-01..2027-10-07。`,
  spanTooLong: (value: string) => `“${value}”超过 ${MAX_SPAN_DAYS} 天，请检查日期是否写错。`,
  wrongYear: (value: string, year: string) => `“${value}”与所在年份 ${year} 相差太远，是否写错了年份？`,
  badYear: (key: string) => `年份“${key}”应为四位数字，例如 2027。`,
  bothKinds: (date: string, other: string) => `${date} 同时出现在放假（holidays）和上班（workdays）中（另见${other}），一天只能是其中之一。`,
  unknownYearKeys: (keys: string[]) => `不认识的项：${keys.join('、')}。每年只能有 source、holidays、workdays。`,
  unknownTopKeys: (keys: string[]) => `不认识的项：${keys.join('、')}。文件顶层只能有 years。`,
  expectedList: '应为日期列表，例如 [2027-10-01, 2027-10-02]。',
  expectedMap: '应为按年份分组的内容，例如 years: { 2027: { holidays: [...], workdays: [...] } }。',
  other: (message: string) => `格式不对（${message}）。`,
  uncovered: (year: number) =>
    `尚未配置 ${year} 年的法定节假日和调休安排，按“周一至周五上班”计算工作日。国务院公布安排后，请写入 config/holidays.yaml。`,
} as const;

export class HolidaysConfigError extends AppError {
  constructor(message: string) {
    super('config.holidays', message);
  }
}

const SPAN_RE = /^(.+)\.\.(.+)$/;

/** 'YYYY-MM-DD' or 'FROM..TO'; checked here, expanded after the whole file is known to be valid. */
const dayOrSpan = z.string({ error: texts.notString }).superRefine((value, ctx) => {
  const span = SPAN_RE.exec(value);
  const [from, to] = span ? [span[1]!.trim(), span[2]!.trim()] : [value, value];
  if (!isLocalDate(from) || !isLocalDate(to)) ctx.addIssue({ code: 'custom', message: texts.badDate(value) });
  else if (daysBetween(from, to) < 0) ctx.addIssue({ code: 'custom', message: texts.reversedSpan(value) });
  else if (daysBetween(from, to) >= MAX_SPAN_DAYS) ctx.addIssue({ code: 'custom', message: texts.spanTooLong(value) });
});

const dayList = z.array(dayOrSpan, { error: texts.expectedList }).nullish();

const yearSchema = z.strictObject(
  { source: z.string().optional(), holidays: dayList, workdays: dayList },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? texts.unknownYearKeys(issue.keys) : texts.expectedMap) },
);

const fileSchema = z.strictObject(
  {
    years: z
      .record(z.string().regex(/^\d{4}$/), yearSchema, {
        error: (issue) => (issue.code === 'invalid_key' ? texts.badYear(String(issue.input)) : texts.expectedMap),
      })
      .nullish(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? texts.unknownTopKeys(issue.keys) : texts.expectedMap) },
);

const expand = (entry: string): LocalDate[] => {
  const span = SPAN_RE.exec(entry);
  if (!span) return [entry];
  const from = span[1]!.trim();
  return Array.from({ length: daysBetween(from, span[2]!.trim()) + 1 }, (_, i) => addDays(from, i));
};

/** Finds the YAML node at a data path (for a map entry, its key), to point the operator at a line. */
const nodeAt = (root: unknown, path: readonly PropertyKey[]): Node | undefined => {
  let node = root;
  for (const [i, key] of path.entries()) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      node = i === path.length - 1 ? pair?.key : pair?.value;
    } else if (isSeq(node)) node = node.items[Number(key)];
    else return undefined;
  }
  return (node ?? undefined) as Node | undefined;
};

/**
 * Parses the text of a holidays file. `source` names the file in messages. Throws
 * `HolidaysConfigError` listing every problem with its line, e.g.
 * `第 12 行（years.2027.holidays[0]）：“2027-02-30”不是有效日期……`.
 */
export const parseCalendarOverrides = (text: string, source = DEFAULT_HOLIDAYS_PATH): CalendarOverrides => {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => texts.yamlSyntax(`第 ${lineCounter.linePos(e.pos[0]).line} 行`, e.code));
    throw new HolidaysConfigError([texts.header(source), ...problems].join('\n'));
  }

  const where = (path: readonly PropertyKey[]): string => {
    const offset = nodeAt(doc.contents, path)?.range?.[0];
    const line = offset === undefined ? '' : `第 ${lineCounter.linePos(offset).line} 行`;
    const key = path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('').replace(/^\./, '');
    return key ? `${line}（${key}）` : line || '文件开头';
  };

  const parsed = fileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      // Point at the unknown key itself rather than the map holding it.
      const path = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys.slice(0, 1)] : issue.path;
      return `${where(path)}：${issue.message}`;
    });
    throw new HolidaysConfigError([texts.header(source), ...problems].join('\n'));
  }

  const problems: string[] = [];
  const seen = new Map<LocalDate, { kind: 'holidays' | 'workdays'; at: string }>();
  const years: CalendarOverrides['years'] = {};
  for (const [yearKey, entry] of Object.entries(parsed.data.years ?? {})) {
    const year = Number(yearKey);
    const lists = { holidays: [] as LocalDate[], workdays: [] as LocalDate[] };
    for (const kind of ['holidays', 'workdays'] as const) {
      (entry[kind] ?? []).forEach((value, index) => {
        const at = where(['years', yearKey, kind, index]);
        for (const date of expand(value)) {
          if (Math.abs(Number(date.slice(0, 4)) - year) > 1) {
            problems.push(`${at}：${texts.wrongYear(value, yearKey)}`);
            break;
          }
          const earlier = seen.get(date);
          if (earlier && earlier.kind !== kind) problems.push(`${at}：${texts.bothKinds(date, earlier.at)}`);
          seen.set(date, { kind, at });
          lists[kind].push(date);
        }
      });
    }
    years[year] = lists;
  }
  if (problems.length > 0) throw new HolidaysConfigError([texts.header(source), ...problems].join('\n'));
  return { years };
};

/** Reads and validates the holidays file (path relative to the working directory). */
export const loadCalendarOverrides = (path: string = DEFAULT_HOLIDAYS_PATH): CalendarOverrides => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new HolidaysConfigError(code === 'ENOENT' ? texts.fileMissing(path) : texts.unreadable(path, String(e)));
  }
  return parseCalendarOverrides(text, path);
};

/** The working-day calendar with the holidays file applied. */
export const loadWorkCalendar = (path?: string): WorkCalendar => createWorkCalendar(loadCalendarOverrides(path));

/**
 * Startup warnings (Chinese) for years whose holidays are unknown: this year, and next year from
 * October on, since deadlines set in the fourth quarter run into it.
 */
export const calendarCoverageWarnings = (calendar: WorkCalendar, now: Date): string[] => {
  const today = toLocalDate(now);
  const year = Number(today.slice(0, 4));
  const years = Number(today.slice(5, 7)) >= 10 ? [year, year + 1] : [year];
  return years.filter((y) => !calendar.covers(y)).map(texts.uncovered);
};
