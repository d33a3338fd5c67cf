/** The monthly summary (月调度) says where the measures with a numeric target stand. */
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../src/domain/metrics.js';
import type { MonthlySummaryData } from '../../src/domain/summary-monthly.js';
import { parseMonth } from '../../src/domain/summary-period.js';
import { renderMonthly } from '../../src/present/summary-monthly.js';
import { policy } from '../fixtures/ledger.fixture.js';

describe('targets in the monthly summary (月调度)', () => {
  const none = { total: 0, items: [] };
  const month = (targets: MonthlySummaryData['targets']): string =>
    renderMonthly({
      period: parseMonth('2026-11')!,
      scope: 'proposal',
      asOf: new Date('2026-11-30T16:00:00Z'),
      all: computeMetrics([], [], policy.metrics),
      divisions: [],
      unassigned: 0,
      weights: { onTime: 1, faceToFace: 1, satisfaction: 1, delivery: 1 },
      longOverdueWorkdays: 10,
      longOverdue: none,
      disputed: none,
      dissatisfied: none,
      pendingExtensions: none,
      targets,
    }).join('\n');

  it('says how many measures with a target are reached, and how many not yet halfway', () => {
    expect(month({ total: 4, reached: 1, belowHalf: 2 })).toContain('有数量目标的落实措施 4 项：已达到目标 1 项，完成不足一半 2 项');
    expect(month({ total: 0, reached: 0, belowHalf: 0 })).not.toContain('数量目标');
  });
});
