/**
 * The pure schedule rules: periods, quiet hours, catch-up of a missed run, the shipped
 * schedules file and its Chinese error messages.
 */
import { describe, expect, it } from 'vitest';
import { loadSchedulesConfig, parseSchedulesConfig } from '../../src/config/schedules.config.js';
import { createWorkCalendar } from '../../src/domain/calendar.js';
import { parseMonth, parseWeek, weekOf } from '../../src/domain/summary-period.js';
import { dueRuns } from '../../src/jobs/due-runs.js';
import { wakeUps } from '../../src/jobs/scheduler.js';
import { at } from './jobs.fixture.js';

const calendar = createWorkCalendar({ years: {} });
const config = loadSchedulesConfig();
const due = (local: string) => dueRuns(at(local), calendar, config).filter((r) => r.job !== 'member-notices');

describe('periods', () => {
  it('names ISO weeks, including those that straddle a new year', () => {
    expect(weekOf('2026-11-26')).toEqual({ key: '2026-W48', start: '2026-11-23', end: '2026-11-30' });
    expect(weekOf('2027-01-01').key).toBe('2026-W53');
    expect(parseWeek('2026-W53')?.start).toBe('2026-12-28');
    expect(parseWeek('2027-W53')).toBeUndefined();
    expect(parseMonth('2026-13')).toBeUndefined();
    expect(parseMonth('2026-11')).toEqual({ key: '2026-11', start: '2026-11-01', end: '2026-12-01' });
  });
});

describe('what is due', () => {
  it('runs the Monday summary and the day digest once their time has come', () => {
    // November's first working day (the 2nd) has passed, so October's summary stays due until December's.
    expect(due('2026-11-23 08:29')).toEqual([{ job: 'monthly-summary', period: '2026-10' }]);
    expect(due('2026-11-23 08:30')).toEqual([
      { job: 'weekly-summary', period: '2026-W47' },
      { job: 'monthly-summary', period: '2026-10' },
    ]);
    expect(due('2026-11-23 09:00')).toContainEqual({ job: 'digest', period: '2026-11-23' });
  });

  it('makes up a missed digest later the same day, but not at night nor the next day', () => {
    expect(due('2026-11-23 17:00')).toContainEqual({ job: 'digest', period: '2026-11-23' });
    expect(due('2026-11-23 20:00')).toEqual([]);
    expect(dueRuns(at('2026-11-24 07:59'), calendar, config)).toEqual([]);
    expect(due('2026-11-24 08:30').map((r) => r.job)).not.toContain('digest');
  });

  it('makes up a missed weekly summary until the next one is due', () => {
    expect(due('2026-11-29 10:00')).toContainEqual({ job: 'weekly-summary', period: '2026-W47' });
    expect(due('2026-11-30 08:30')).toContainEqual({ job: 'weekly-summary', period: '2026-W48' });
  });

  it('sends no digest on weekends or holidays', () => {
    expect(due('2026-11-28 10:00').map((r) => r.job)).not.toContain('digest');
    expect(due('2026-10-05 10:00').map((r) => r.job)).not.toContain('digest');
  });
});

describe('config/schedules.yaml', () => {
  it('wakes the scheduler at each job time, the end of quiet hours and the notices cadence', () => {
    expect(wakeUps(config)).toEqual(['0 9 * * *', '30 8 * * *', '30 9 * * *', '0 8 * * *', '*/10 * * * *']);
  });

  it('lists every mistake in Chinese with where it is', () => {
    const bad = `
quietHours: { from: "8pm", to: "08:00" }
digest: { enabled: true, at: "09:00", maxItemsPerSection: 0 }
escalation: { leaderAfterWorkdays: 5, key: { divisionHeadWhenDueSoon: yes, leaderAfterWorkdays: 1 } }
weekly: { enabled: true, weekday: 8, at: "08:30", groupRobot: true, overdueListLimit: 10, keyListLimit: 20 }
monthly: { enabled: true, at: "09:30", groupRobot: false, toCoordinators: true, longOverdueWorkdays: 10, listLimit: 10,
  scoreWeights: { onTime: 0, faceToFace: 0, satisfaction: 0, delivery: 0 } }
notices: { enabled: true, cron: "every ten minutes", lookbackHours: 48, extra: 1 }
runs: { leaseSeconds: 300, retryMinutes: 10, maxAttempts: 5 }
`;
    let message = '';
    try {
      parseSchedulesConfig(bad, 'schedules.yaml');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split('\n')).toEqual([
      '定时任务配置文件 schedules.yaml 有误：',
      '- quietHours.from：时间应写成 "HH:MM"（24 小时制），例如 "09:00"',
      '- digest.maxItemsPerSection：不能小于 1',
      '- escalation.key.divisionHeadWhenDueSoon：应填 true 或 false',
      '- weekly.weekday：星期应为 1（周一）到 7（周日）之间的整数，例如 1',
      '- monthly.scoreWeights：得分权重至少要有一项大于 0，例如 { onTime: 40, faceToFace: 30, satisfaction: 20, delivery: 10 }',
      '- notices.cron：不是有效的 cron 表达式，例如 "*/10 * * * *"（每 10 分钟）',
      '- notices：不认识的项：extra',
    ]);
  });
});
