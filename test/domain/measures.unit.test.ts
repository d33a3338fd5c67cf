/** Quantities, targets and progress of 落实措施, read the way people write them. */
import { describe, expect, it } from 'vitest';
import { convert, findQuantity, splitTarget, tallyTargets } from '../../src/domain/measures.js';
import { toLedgerEntry } from '../../src/domain/ledger-view.js';
import { registered } from '../fixtures/ledger.fixture.js';
import type { Measure } from '../../src/domain/model.js';

const measure = (over: Partial<Measure> = {}): Measure => ({ id: 'm1', text: '建设互助幸福院', status: 'open', progress: [], ...over });

describe('quantities', () => {
  it.each([
    ['96.01亿元', 96.01, '亿元'],
    ['3,296 个', 3296, '个'],
    ['3，296个项目', 3296, '个'],
    ['110.8%', 110.8, '%'],
    ['110.8％', 110.8, '%'],
    ['232.69万人', 232.69, '万人'],
    ['37.55万个扶贫项目资产', 37.55, '万个'],
    ['15栋楼', 15, '栋'],
    ['20', 20, undefined],
  ])('%s reads as %d %s', (text, amount, unit) => {
    expect(findQuantity(text)).toMatchObject({ amount, unit });
  });

  it('converts between magnitudes of one unit only', () => {
    expect(convert({ amount: 9601, unit: '万元' }, '亿元')).toBeCloseTo(0.9601);
    expect(convert({ amount: 232.69, unit: '万人' }, '人')).toBeCloseTo(2_326_900);
    expect(convert({ amount: 5, unit: '人' }, '元')).toBeUndefined();
  });
});

describe('targets in a measure', () => {
  it.each([
    ['建设互助幸福院 目标20个', '建设互助幸福院', { amount: 20, unit: '个' }],
    ['安排衔接资金（目标：96.01亿元）', '安排衔接资金', { amount: 96.01, unit: '亿元' }],
    ['转移就业 目标为210万人，年底前完成', '转移就业 年底前完成', { amount: 210, unit: '万人' }],
    ['完成年度目标任务', '完成年度目标任务', undefined],
  ])('%s', (raw, text, target) => {
    expect(splitTarget(raw)).toEqual({ text, ...(target && { target }) });
  });

  it('says when a target has no unit', () => {
    expect(splitTarget('建设幸福院 目标20')).toEqual({ text: '建设幸福院 目标20', error: 'noUnit' });
  });
});

describe('targets in the monthly summary (月调度)', () => {
  it('counts each measure with a target from the ledger view: reached, and not yet halfway', () => {
    const p = {
      ...registered(),
      measures: [
        measure({ id: 'a', target: { amount: 20, unit: '个' }, progress: [{ at: new Date(), by: 'x', note: '', value: 25 }] }),
        measure({ id: 'b', target: { amount: 20, unit: '个' }, progress: [{ at: new Date(), by: 'x', note: '', value: 5 }] }),
        measure({ id: 'c', target: { amount: 96.01, unit: '亿元' } }),
        measure({ id: 'd', target: { amount: 20, unit: '个' }, progress: [{ at: new Date(), by: 'x', note: '', value: 12 }] }),
        measure({ id: 'e' }),
      ],
    };
    const tally = tallyTargets(toLedgerEntry(p).targetRatios);
    expect(tally).toEqual({ total: 4, reached: 1, belowHalf: 2 });
  });
});
