/**
 * 月调度: the monthly per-division table with a score, and the items that need a leader to
 * coordinate. Built from aggregated figures and short lists only; rendered in present/summary-monthly.ts.
 */
import type { KindScope } from './kind.js';
import type { TargetTally } from './measures.js';
import type { Metrics, Rate } from './metrics.js';
import type { MonthPeriod } from './summary-period.js';
import type { ShortList } from './summary-weekly.js';

/** Weights of the rates in a division's score (any scale; they are normalised). */
export interface ScoreWeights {
  onTime: number;
  faceToFace: number;
  satisfaction: number;
  delivery: number;
}

/**
 * 处室得分 in [0, 100]: the weighted mean of the division's rates, over the rates that apply to its
 * cases and have data (a rate with nothing due yet neither helps nor hurts; 见面沟通 is counted over
 * its 主办 cases only); null when none has data.
 */
export function divisionScore(m: Metrics, w: ScoreWeights): number | null {
  const rates: [Rate, number][] = [
    [m.onTime, w.onTime],
    [m.faceToFaceLead, w.faceToFace],
    [m.satisfaction, w.satisfaction],
    [m.delivery, w.delivery],
  ];
  let sum = 0;
  let weight = 0;
  for (const [r, wt] of rates) {
    if (r.rate === null || wt === 0) continue;
    sum += r.rate * wt;
    weight += wt;
  }
  return weight === 0 ? null : Math.round(((100 * sum) / weight) * 10) / 10;
}

export interface MonthlySummaryData {
  period: MonthPeriod;
  /** The kinds the ledger holds: the title says 提案, 建议 or 提案和建议 as counted. */
  scope: KindScope;
  asOf: Date;
  all: Metrics;
  /** Lead divisions in directory order (proposals not yet assigned are in no division's row). */
  divisions: { code: string; name: string; metrics: Metrics }[];
  /** Proposals not yet assigned to a division, counted apart from the table. */
  unassigned: number;
  weights: ScoreWeights;
  longOverdueWorkdays: number;
  longOverdue: ShortList;
  disputed: ShortList;
  dissatisfied: ShortList;
  pendingExtensions: ShortList;
  /** Measures with a numeric target (落实措施的数量目标), where they stand. */
  targets: TargetTally;
}
