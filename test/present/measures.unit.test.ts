/** 落实措施's progress in words, as the bureau writes it. */
import { describe, expect, it } from 'vitest';
import { measureProgress } from '../../src/domain/measures.js';
import type { Measure } from '../../src/domain/model.js';
import { progressText } from '../../src/present/measures.js';

const measure = (over: Partial<Measure> = {}): Measure => ({ id: 'm1', text: '建设互助幸福院', status: 'open', progress: [], ...over });

describe('progress against target', () => {
  it('is the latest value recorded, as the bureau writes it', () => {
    const m = measure({
      target: { amount: 210, unit: '万人' },
      progress: [
        { at: new Date('2026-06-30T02:00:00Z'), by: 'a', note: '上半年', value: 120.5 },
        { at: new Date('2026-08-30T02:00:00Z'), by: 'a', note: '走访' },
        { at: new Date('2026-11-30T02:00:00Z'), by: 'a', note: '全年', value: 232.69 },
      ],
    });
    expect(measureProgress(m)).toMatchObject({ value: 232.69, ratio: 232.69 / 210 });
    expect(progressText(m)).toBe('已完成 232.69万人／目标 210万人（110.8%，截至2026年11月30日）');
    expect(progressText(measure({ target: { amount: 20, unit: '个' } }))).toBe('目标 20个，尚未填报完成数');
    expect(progressText(measure())).toBeUndefined();
  });
});
