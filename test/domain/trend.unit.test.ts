/** 每周趋势 read back from the proposals' own dated record, from the first week on. */
import { describe, expect, it } from 'vitest';
import type { Proposal } from '../../src/domain/model.js';
import { weeklyTrend } from '../../src/domain/trend.js';
import { decide } from '../../src/domain/workflow.js';
import { LEAD_HAPPY_PATH, actor, ctxAt, people, policy, registered } from '../fixtures/ledger.fixture.js';

/** The happy path, each step on its own day (Shanghai noon): contact on 9-28, reply sent 10-12, rated 10-20. */
const DAYS = ['09-22', '09-23', '09-23', '09-24', '09-28', '09-29', '09-30', '10-09', '10-10', '10-12', '10-19', '10-20', '10-21', '10-22'];

function handled(): Proposal {
  let p = registered();
  LEAD_HAPPY_PATH.forEach(([who, cmd], i) => {
    const resolved = cmd.type === 'superviseMeasure' ? { ...cmd, measureId: p.measures[0]!.id } : cmd;
    const { next, event } = decide(p, resolved, actor(people[who]), ctxAt(new Date(`2026-${DAYS[i]}T04:00:00Z`)));
    p = { ...next, events: [...next.events, event] };
  });
  return p;
}

describe('weekly trend', () => {
  it('shows each week as it stood then, from the week of the first proposal', () => {
    const rows = weeklyTrend([handled(), registered({ number: '0002' })], new Date('2026-10-26T02:00:00Z'), policy.metrics);
    const byWeek = Object.fromEntries(rows.map((r) => [r.period, r]));
    expect(rows.map((r) => r.period)).toEqual(['2026-W39', '2026-W40', '2026-W41', '2026-W42', '2026-W43', '2026-W44']);
    // Accepted on 9-23 but met only on 9-28: not yet met at the end of W39.
    expect(byWeek['2026-W39']!.faceToFace).toEqual({ num: 0, den: 1, rate: 0 });
    expect(byWeek['2026-W40']!.faceToFace).toEqual({ num: 1, den: 1, rate: 1 });
    // Nothing answered or late before the reply on 10-12; then one answered on time.
    expect(byWeek['2026-W41']!.onTime.den).toBe(0);
    expect(byWeek['2026-W42']!.onTime).toEqual({ num: 1, den: 1, rate: 1 });
    // Rated 满意 on 10-20: only from W43 on (rated replies are the base).
    expect(byWeek['2026-W42']!.satisfaction.den).toBe(0);
    expect(byWeek['2026-W43']!.satisfaction).toEqual({ num: 1, den: 1, rate: 1 });
  });

  it('has nothing to show without proposals', () => {
    expect(weeklyTrend([], new Date(), policy.metrics)).toEqual([]);
  });
});
