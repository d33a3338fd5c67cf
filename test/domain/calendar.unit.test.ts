import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  calendarCoverageWarnings,
  HolidaysConfigError,
  loadCalendarOverrides,
  loadWorkCalendar,
  parseCalendarOverrides,
} from '../../src/config/calendar.config.js';
import { createWorkCalendar, type CalendarOverrides } from '../../src/domain/calendar.js';
import {
  addDays,
  addMonths,
  daysBetween,
  endOfLocalDay,
  formatLocal,
  fromEpochDay,
  isLocalDate,
  localHour,
  startOfLocalDay,
  toEpochDay,
  toLocalDate,
  weekday,
} from '../../src/domain/shanghai-time.js';
import { formatDateZh } from '../../src/present/dates.js';

const bundledOnly = createWorkCalendar({ years: {} });

/** A FICTIONAL 2027 schedule (the real one is not published yet), only to exercise overrides. */
const fictional2027: CalendarOverrides = {
  years: {
    2027: {
      holidays: ['2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07'],
      workdays: ['2027-09-26', '2027-10-09'],
    },
  },
};

describe('Shanghai time', () => {
  it.each([
    ['2026-10-08T16:30:00.000Z', '2026-10-09', '2026-10-09 00:30', 0],
    ['2026-10-08T15:59:59.999Z', '2026-10-08', '2026-10-08 23:59', 23],
    ['2026-10-08T16:00:00.000Z', '2026-10-09', '2026-10-09 00:00', 0],
    ['2026-12-31T16:30:00.000Z', '2027-01-01', '2027-01-01 00:30', 0],
    ['2028-02-28T17:05:00.000Z', '2028-02-29', '2028-02-29 01:05', 1],
    ['2026-10-09T01:00:00.000Z', '2026-10-09', '2026-10-09 09:00', 9],
  ])('%s is %s in Shanghai', (iso, date, formatted, hour) => {
    const instant = new Date(iso);
    expect(toLocalDate(instant)).toBe(date);
    expect(formatLocal(instant)).toBe(formatted);
    expect(localHour(instant)).toBe(hour);
  });

  it('a Shanghai day runs from 16:00Z the evening before to 15:59:59.999Z', () => {
    expect(startOfLocalDay('2026-10-09').toISOString()).toBe('2026-10-08T16:00:00.000Z');
    expect(endOfLocalDay('2026-10-09').toISOString()).toBe('2026-10-09T15:59:59.999Z');
    expect(toLocalDate(endOfLocalDay('2026-10-09'))).toBe('2026-10-09');
  });

  it('formats dates the Chinese way, from an instant or a date', () => {
    expect(formatDateZh(new Date('2026-10-08T16:30:00Z'))).toBe('2026年10月9日');
    expect(formatDateZh('2027-01-05')).toBe('2027年1月5日');
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-05-31', 1, '2026-06-30'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-09-28', 3, '2026-12-28'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-01-15', -1, '2025-12-15'],
  ])('addMonths(%s, %i) = %s', (d, n, expected) => {
    expect(addMonths(d, n)).toBe(expected);
  });

  it.each([
    ['2026-09-28', 7, '2026-10-05'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-03-01', -1, '2026-02-28'],
  ])('addDays(%s, %i) = %s', (d, n, expected) => {
    expect(addDays(d, n)).toBe(expected);
    expect(daysBetween(d, expected)).toBe(n);
  });

  it.each([
    ['1970-01-01', 4],
    ['2000-02-29', 2],
    ['2026-09-27', 0],
    ['2026-10-10', 6],
    ['2027-01-01', 5],
  ])('weekday(%s) = %i', (d, w) => {
    expect(weekday(d)).toBe(w);
  });

  it('day numbers agree with the JavaScript calendar over decades', () => {
    for (let day = toEpochDay('1999-12-25'); day < toEpochDay('2031-01-10'); day++) {
      const date = new Date(day * 86_400_000).toISOString().slice(0, 10);
      expect(fromEpochDay(day)).toBe(date);
      expect(toEpochDay(date)).toBe(day);
    }
  });

  it.each([
    ['2026-10-09', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-1-5', false],
    ['2026-13-01', false],
    ['2026/10/09', false],
  ])('isLocalDate(%s) = %s', (s, valid) => {
    expect(isLocalDate(s)).toBe(valid);
  });
});

describe('working days from the State Council schedule', () => {
  it.each([
    ['2026-09-20', true, '国庆调休上班（周日）'],
    ['2026-09-25', false, '中秋节'],
    ['2026-09-26', false, '中秋节（周六）'],
    ['2026-09-27', false, '中秋节（周日）'],
    ['2026-09-28', true, '周一'],
    ['2026-09-30', true, '节前周三'],
    ['2026-10-01', false, '国庆节'],
    ['2026-10-05', false, '国庆节（周一）'],
    ['2026-10-07', false, '国庆节最后一天'],
    ['2026-10-08', true, '节后第一天'],
    ['2026-10-10', true, '国庆调休上班（周六）'],
    ['2026-10-11', false, '周日'],
    ['2026-01-01', false, '元旦'],
    ['2026-01-04', true, '元旦调休上班（周日）'],
    ['2026-02-13', true, '春节前周五'],
    ['2026-02-14', true, '春节调休上班（周六）'],
    ['2026-02-15', false, '春节'],
    ['2026-02-17', false, '春节（周二）'],
    ['2026-02-23', false, '春节最后一天（周一）'],
    ['2026-02-24', true, '春节后第一天'],
    ['2026-02-28', true, '春节调休上班（周六）'],
    ['2026-03-01', false, '周日'],
  ])('%s is a working day: %s (%s)', (d, expected) => {
    expect(bundledOnly.isWorkday(d)).toBe(expected);
  });

  it.each([
    ['2026-09-28', 7, '2026-10-13', '7 working days across National Day, counting the 调休 Saturday'],
    ['2026-09-28', 15, '2026-10-23', '15 working days after a Monday assignment'],
    ['2026-09-24', 15, '2026-10-22', '15 working days after an assignment before Mid-Autumn'],
    ['2026-10-09', 1, '2026-10-10', 'the 调休 Saturday is the next working day'],
    ['2026-09-30', 1, '2026-10-08', 'the holiday week is skipped'],
    ['2026-10-01', 0, '2026-10-08', 'n = 0 on a holiday moves to the next working day'],
    ['2026-09-28', 0, '2026-09-28', 'n = 0 on a working day stays'],
    ['2026-10-12', -2, '2026-10-09', 'counting back over the 调休 Saturday'],
    ['2026-10-08', -1, '2026-09-30', 'counting back over the holiday'],
    ['2026-02-13', 1, '2026-02-14', 'Spring Festival 调休 Saturday'],
    ['2026-02-14', 1, '2026-02-24', 'Spring Festival skipped'],
    ['2026-02-24', 4, '2026-02-28', 'Spring Festival second 调休 Saturday'],
  ])('addWorkdays(%s, %i) = %s: %s', (d, n, expected) => {
    expect(bundledOnly.addWorkdays(d, n)).toBe(expected);
  });

  it.each([
    ['2026-09-28', '2026-10-13', 7],
    ['2026-10-13', '2026-09-28', -7],
    ['2026-09-28', '2026-09-28', 0],
    ['2026-10-01', '2026-10-07', 0],
    ['2026-09-30', '2026-10-08', 1],
    ['2026-10-09', '2026-10-11', 1],
  ])('workdaysBetween(%s, %s) = %i', (a, b, expected) => {
    expect(bundledOnly.workdaysBetween(a, b)).toBe(expected);
  });

  it('counting back what was added gives the same number of working days', () => {
    for (const start of ['2026-01-30', '2026-02-14', '2026-09-19', '2026-09-30', '2026-12-24']) {
      for (let n = 1; n <= 60; n++) {
        expect(bundledOnly.workdaysBetween(start, bundledOnly.addWorkdays(start, n))).toBe(n);
      }
    }
  });

  it.each([
    ['2026-09-30', '2026-10-08'],
    ['2026-10-09', '2026-10-10'],
    ['2026-09-28', '2026-09-29'],
    ['2026-10-01', '2026-10-08'],
  ])('nextWorkday(%s) = %s', (d, expected) => {
    expect(bundledOnly.nextWorkday(d)).toBe(expected);
  });

  it.each([
    [2003, false],
    [2004, true],
    [2026, true],
    [2027, false],
  ])('covers(%i) = %s without overrides', (year, covered) => {
    expect(bundledOnly.covers(year)).toBe(covered);
  });

  it('rejects dates that do not exist and fractional day counts', () => {
    expect(() => bundledOnly.isWorkday('2026-02-30')).toThrow(RangeError);
    expect(() => bundledOnly.addWorkdays('2026-09-28', 1.5)).toThrow(RangeError);
  });

  describe('whatever the machine time zone is', () => {
    const original = process.env.TZ;
    afterEach(() => {
      process.env.TZ = original;
    });

    it.each(['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC'])('gives the same answers in %s', (tz) => {
      process.env.TZ = tz;
      const calendar = createWorkCalendar({ years: {} });
      expect(calendar.isWorkday('2026-09-28')).toBe(true);
      expect(calendar.isWorkday('2026-10-01')).toBe(false);
      expect(calendar.isWorkday('2026-10-10')).toBe(true);
      expect(calendar.addWorkdays('2026-09-28', 7)).toBe('2026-10-13');
      expect(toLocalDate(new Date('2026-10-08T16:30:00Z'))).toBe('2026-10-09');
      expect(weekday('2026-10-10')).toBe(6);
    });
  });
});

describe('overrides', () => {
  const with2027 = createWorkCalendar(fictional2027);

  it.each([
    ['2027-09-26', true, 'listed make-up workday (Sunday)'],
    ['2027-10-01', false, 'listed holiday (Friday)'],
    ['2027-10-04', false, 'listed holiday (Monday)'],
    ['2027-10-08', true, 'unlisted Friday'],
    ['2027-10-09', true, 'listed make-up workday (Saturday)'],
    ['2027-10-10', false, 'unlisted Sunday'],
    ['2027-03-01', true, 'unlisted Monday'],
  ])('2027 with a fixture schedule: %s is a working day: %s (%s)', (d, expected) => {
    expect(with2027.isWorkday(d)).toBe(expected);
  });

  it('counts deadlines across an overridden holiday and marks the year covered', () => {
    expect(with2027.addWorkdays('2027-09-30', 1)).toBe('2027-10-08');
    expect(with2027.addWorkdays('2027-09-30', 2)).toBe('2027-10-09');
    expect(with2027.covers(2027)).toBe(true);
    expect(with2027.covers(2028)).toBe(false);
  });

  it('corrects a single day of a bundled year and leaves the rest of it alone', () => {
    const corrected = createWorkCalendar({ years: { 2026: { holidays: ['2026-10-09'], workdays: ['2026-10-07'] } } });
    expect(corrected.isWorkday('2026-10-07')).toBe(true);
    expect(corrected.isWorkday('2026-10-09')).toBe(false);
    expect(corrected.isWorkday('2026-10-06')).toBe(false);
    expect(corrected.isWorkday('2026-10-10')).toBe(true);
  });

  it('falls back to Monday–Friday for a year nobody covers', () => {
    expect(with2027.covers(2030)).toBe(false);
    expect(with2027.isWorkday('2030-01-01')).toBe(true);
    expect(with2027.isWorkday('2030-01-05')).toBe(false);
    expect(bundledOnly.addWorkdays('2026-12-30', 3)).toBe('2027-01-04');
  });
});

describe('holidays file', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'holidays-'));
  const writeFile = (name: string, text: string): string => {
    const path = join(tmp, name);
    writeFileSync(path, text);
    return path;
  };

  it('the shipped config/holidays.yaml is valid and invents no year', () => {
    const overrides = loadCalendarOverrides();
    expect(Object.keys(overrides.years)).toEqual([]);
    expect(loadWorkCalendar().addWorkdays('2026-09-28', 7)).toBe('2026-10-13');
  });

  it('reads spans and single days into a calendar', () => {
    const path = writeFile(
      'ok.yaml',
      [
        'years:',
        '  2027:',
        '    source: fixture, not a real notice',
        '    holidays:',
        '      - 2027-10-01..2027-10-07',
        '    workdays: [2027-09-26, "2027-10-09"]',
      ].join('\n'),
    );
    expect(loadCalendarOverrides(path)).toEqual(fictional2027);
    expect(loadWorkCalendar(path).addWorkdays('2027-09-30', 2)).toBe('2027-10-09');
  });

  it.each([
    ['years: {}', {}],
    ['years:', {}],
    ['', {}],
  ])('an empty file %j means no overrides', (text, years) => {
    expect(parseCalendarOverrides(text)).toEqual({ years });
  });

  it.each([
    [
      'a date that does not exist',
      'years:\n  2027:\n    holidays:\n      - 2027-02-30\n',
      /第 4 行（years\.2027\.holidays\[0\]）：“2027-02-30”不是有效日期.*YYYY-MM-DD，例如 2027-10-01/,
    ],
    ['a date written without zeros', 'years:\n  2027:\n    workdays: [2027-9-26]\n', /第 3 行.*“2027-9-26”不是有效日期/],
    ['a number instead of a date', 'years:\n  2027:\n    holidays: [20271001]\n', /第 3 行.*应为日期，例如 2027-10-01/],
    [
      'a day both off and on',
      'years:\n  2027:\n    holidays: [2027-10-01..2027-10-03]\n    workdays: [2027-10-02]\n',
      /第 4 行.*2027-10-02 同时出现在放假（holidays）和上班（workdays）中（另见第 3 行/,
    ],
    [
      'a misspelt key',
      'years:\n  2027:\n    holiday: [2027-10-01]\n',
      /第 3 行（years\.2027\.holiday）：不认识的项：holiday。每年只能有 source、holidays、workdays/,
    ],
    ['a two-digit year', 'years:\n  27:\n    holidays: []\n', /第 2 行.*年份“27”应为四位数字/],
    ['a date in a far year', 'years:\n  2027:\n    holidays: [2072-10-01]\n', /“2072-10-01”与所在年份 2027 相差太远/],
    ['a reversed span', 'years:\n  2027:\n    holidays: [2027-10-07..2027-10-01]\n', /起止颠倒/],
    ['a single date instead of a list', 'years:\n  2027:\n    holidays: 2027-10-01\n', /应为日期列表/],
    ['broken YAML', 'years:\n  2027:\n   holidays: [2027-10-01\n', /YAML 格式错误/],
  ])('rejects %s with a Chinese message naming the line', (_, text, message) => {
    expect(() => parseCalendarOverrides(text)).toThrow(HolidaysConfigError);
    expect(() => parseCalendarOverrides(text)).toThrow(message);
  });

  it('names the file it could not use', () => {
    const bad = writeFile('bad.yaml', 'years:\n  2027:\n    holidays: [2027-02-30]\n');
    expect(() => loadCalendarOverrides(bad)).toThrow(`节假日配置文件 ${bad} 有误`);
    expect(() => loadCalendarOverrides(join(tmp, 'missing.yaml'))).toThrow('找不到节假日配置文件');
  });
});

describe('startup warnings', () => {
  it.each([
    ['2026-05-01T02:00:00Z', []],
    ['2026-10-15T02:00:00Z', [2027]],
    ['2026-12-31T16:30:00Z', [2027]],
    ['2030-03-01T02:00:00Z', [2030]],
  ])('at %s warns about %j', (iso, years) => {
    const warnings = calendarCoverageWarnings(bundledOnly, new Date(iso));
    expect(warnings).toHaveLength(years.length);
    years.forEach((year, i) => expect(warnings[i]).toContain(`尚未配置 ${year} 年的法定节假日`));
  });

  it('stays quiet once the year is in the holidays file', () => {
    expect(calendarCoverageWarnings(createWorkCalendar(fictional2027), new Date('2026-10-15T02:00:00Z'))).toEqual([]);
  });
});
