/** The jobs page's 下次运行: the next run of each job, by the scheduler's own rules. */
import { describe, expect, it } from 'vitest';
import { loadSchedulesConfig, parseSchedulesConfig } from '../../src/config/schedules.config.js';
import { createWorkCalendar } from '../../src/domain/calendar.js';
import { formatLocal } from '../../src/domain/shanghai-time.js';
import { dueRuns } from '../../src/jobs/due-runs.js';
import { nextRuns } from '../../src/jobs/next-runs.js';
import { readFileSync } from 'node:fs';

const calendar = createWorkCalendar({ years: {} });
const config = loadSchedulesConfig();
// Thursday 26 November 2026, 10:00 in Shanghai.
const NOW = new Date('2026-11-26T02:00:00Z');
const byJob = (runs: ReturnType<typeof nextRuns>) => Object.fromEntries(runs.map((r) => [r.job, r]));

describe('next runs', () => {
  it('digest tomorrow morning, the weekly summary on Monday about this week, the monthly on the first working day of December', () => {
    const runs = byJob(nextRuns(NOW, calendar, config));
    expect(formatLocal(runs['digest']!.at!)).toBe('2026-11-27 09:00');
    expect(runs['weekly-summary']).toMatchObject({ period: '2026-W48' });
    expect(formatLocal(runs['weekly-summary']!.at!)).toBe('2026-11-30 08:30');
    expect(runs['monthly-summary']).toMatchObject({ period: '2026-11' });
    expect(formatLocal(runs['monthly-summary']!.at!)).toMatch(/^2026-12-01 /);
    // Every ten minutes in the daytime.
    expect(formatLocal(runs['member-notices']!.at!)).toBe('2026-11-26 10:10');
  });

  it('is exactly when the scheduler would first find the run due', () => {
    for (const r of nextRuns(NOW, calendar, config)) {
      if (!r.at || r.job === 'member-notices') continue;
      const at = (t: Date) => dueRuns(t, calendar, config).some((x) => x.job === r.job && x.period === r.period);
      expect({ job: r.job, due: at(r.at), before: at(new Date(r.at.getTime() - 60_000)) }).toEqual({ job: r.job, due: true, before: false });
    }
  });

  it('skips quiet hours for the notices, and says when a job is switched off', () => {
    const evening = new Date('2026-11-26T12:30:00Z'); // 20:30 in Shanghai
    const off = parseSchedulesConfig(readFileSync('config/schedules.yaml', 'utf8').replace(/digest:\n  enabled: true/, 'digest:\n  enabled: false'));
    const runs = byJob(nextRuns(evening, calendar, off));
    expect(formatLocal(runs['member-notices']!.at!)).toBe('2026-11-27 08:00');
    expect(runs['digest']).toEqual({ job: 'digest', enabled: false });
  });
});
