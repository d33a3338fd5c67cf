/**
 * Rates per kind and combined: each kind is counted by its own definitions (config/ledger.yaml
 * `metrics.kinds`), and a combined rate adds the kinds' counts. Figures computed by hand below.
 */
import { describe, expect, it } from 'vitest';
import type { CaseKind } from '../../src/domain/kind.js';
import { computeMetrics, type MetricGroup, type MetricsPolicy } from '../../src/domain/metrics.js';
import type { Satisfaction } from '../../src/domain/model.js';
import { EMPTY_FACTS } from '../../src/domain/facts.js';

const policy: MetricsPolicy = {
  satisfiedRatings: ['satisfied', 'basic'],
  satisfactionBase: 'rated',
  faceToFaceConfirmedOnly: false,
  // 人大代表建议: every replied lead case is in the base, rated or not; only confirmed meetings count.
  kinds: { suggestion: { satisfactionBase: 'replied', faceToFaceConfirmedOnly: true } },
};

/** `n` replied lead cases of `kind`, rated `rating`, met face to face (confirmed or not). */
const replied = (kind: CaseKind, n: number, rating: Satisfaction | 'none', f2f: 'none' | 'met' | 'confirmed'): MetricGroup => ({
  ...EMPTY_FACTS,
  kind,
  leadDivision: 'kfzd',
  handlingType: 'lead',
  isKey: false,
  stage: 'feedback',
  replied: true,
  repliedOnTime: true,
  satisfaction: rating,
  faceToFace: f2f !== 'none',
  faceToFaceConfirmed: f2f === 'confirmed',
  n,
});

// 提案: 4 replied — 2 satisfied (met, confirmed), 1 dissatisfied (met, unconfirmed), 1 not rated (not met).
const proposals = [replied('proposal', 2, 'satisfied', 'confirmed'), replied('proposal', 1, 'dissatisfied', 'met'), replied('proposal', 1, 'none', 'none')];
// 建议: 3 replied — 1 basic (met, unconfirmed), 2 not rated (met, confirmed).
const suggestions = [replied('suggestion', 1, 'basic', 'met'), replied('suggestion', 2, 'none', 'confirmed')];

describe('rates per kind and combined', () => {
  it('counts 提案 by the default definitions', () => {
    const m = computeMetrics(proposals, [], policy);
    // 满意率 over rated: 2 of 3; 见面沟通率 over all met: 3 of 4.
    expect([m.satisfaction.num, m.satisfaction.den, m.faceToFace.num, m.faceToFace.den]).toEqual([2, 3, 3, 4]);
  });

  it('counts 建议 by their own definitions', () => {
    const m = computeMetrics(suggestions, [], policy);
    // 满意率 over every replied: 1 of 3; 见面沟通率 on confirmed meetings only: 2 of 3.
    expect([m.satisfaction.num, m.satisfaction.den, m.faceToFace.num, m.faceToFace.den]).toEqual([1, 3, 2, 3]);
  });

  it('adds each kind’s counts for both: not the default definitions applied to all', () => {
    const m = computeMetrics([...proposals, ...suggestions], [], policy);
    expect(m.total).toBe(7);
    expect(m.satisfaction).toEqual({ num: 3, den: 6, rate: 0.5 });
    expect(m.faceToFace).toEqual({ num: 5, den: 7, rate: 5 / 7 });
    expect(m.faceToFaceLead).toEqual({ num: 5, den: 7, rate: 5 / 7 });
    expect(m.onTime).toEqual({ num: 7, den: 7, rate: 1 });
  });
});
