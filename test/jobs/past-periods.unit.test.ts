/**
 * Weekly (周督导) and monthly (月调度) figures for past periods, and digests previewed for past days,
 * read the ledger as it stood then, rebuilt from the audit trail: steps taken on 2 December do not
 * leak into November. Expected figures are worked out by hand from the scenario below.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Proposal } from '../../src/domain/model.js';
import { cliRunner } from '../support/cli-harness.js';
import { at, createSim, memoryStores, type Sim, type Who } from './jobs.fixture.js';
import type { Command } from '../../src/domain/commands.js';
import { formatLocal } from '../../src/domain/shanghai-time.js';
import { weeklyRateSeries } from '../../src/jobs/summary.queries.js';

let sim: Sim;
const cli = cliRunner(
  () => sim.core,
  () => sim.stores,
);

beforeAll(async () => {
  sim = await createSim({ stores: memoryStores() });
  const s = sim;
  const walk = async (p: Proposal, steps: [string, Who, Command][]) => {
    for (const [when, who, cmd] of steps) p = await s.act(when, p, who, cmd);
    return p;
  };
  // 0101 (开发指导处): visited, reply with two measures signed 11-05 and sent 11-06 (on time), one
  // measure done 11-20; the member rates it 满意 on 12-02.
  const p1 = await s.register({ number: '0101', title: '关于发展农村电商的提案', receivedAt: at('2026-10-09 10:00') }, '2026-10-09 10:00');
  await walk(p1, [
    ['2026-10-12 10:00', 'coordinator', { type: 'assign', leadDivision: 'kfzd' }],
    ['2026-10-12 11:00', 'head', { type: 'accept' }],
    ['2026-10-12 11:10', 'head', { type: 'designate', handlerUserid: 'kf-staff' }],
    ['2026-10-13 10:00', 'handler', { type: 'advance' }],
    ['2026-10-20 10:00', 'handler', { type: 'logContact', phase: 'before', method: 'visit', summary: '上门听取意见' }],
    ['2026-10-21 10:00', 'handler', { type: 'advance' }],
    ['2026-10-26 10:00', 'handler', { type: 'draftReply', summary: '采纳建议', outcome: 'A', measures: ['建设冷链仓储', '培训电商人才'] }],
    ['2026-10-26 11:00', 'handler', { type: 'advance' }],
    ['2026-11-05 10:00', 'leader', { type: 'signOff', approve: true }],
    ['2026-11-06 10:00', 'handler', { type: 'sendReply', docNo: '乡振函〔2026〕11号' }],
    ['2026-11-20 10:00', 'handler', { type: 'superviseMeasure', measureId: '$measure', note: '仓储已建成', done: true }],
    ['2026-12-02 10:00', 'member', { type: 'feedback', rating: 'satisfied' }],
  ]);
  // 0102 (社会帮扶处): phone contact first, a visit on 11-24 (week 48), a draft on 11-25 that its
  // leader signs only on 12-02: its measure is no commitment in November.
  const p2 = await s.register({ number: '0102', title: '关于规范帮扶车间认定的提案', receivedAt: at('2026-10-09 10:00') }, '2026-10-09 10:05');
  await walk(p2, [
    ['2026-10-12 10:10', 'coordinator', { type: 'assign', leadDivision: 'shbf' }],
    ['2026-10-12 11:00', 'otherHead', { type: 'accept' }],
    ['2026-10-12 11:10', 'otherHead', { type: 'designate', handlerUserid: 'bf-staff' }],
    ['2026-10-13 10:00', 'otherHandler', { type: 'advance' }],
    ['2026-10-21 10:00', 'otherHandler', { type: 'logContact', phase: 'before', method: 'phone', summary: '电话沟通' }],
    ['2026-10-22 10:00', 'otherHandler', { type: 'advance' }],
    ['2026-11-24 10:00', 'otherHandler', { type: 'logContact', phase: 'during', method: 'visit', summary: '走访帮扶车间' }],
    ['2026-11-25 10:00', 'otherHandler', { type: 'draftReply', summary: '研究落实', outcome: 'B', measures: ['修订帮扶车间认定办法'] }],
    ['2026-11-25 11:00', 'otherHandler', { type: 'advance' }],
    ['2026-12-02 09:30', 'leader2', { type: 'signOff', approve: true }],
  ]);
  // 0103 (社会帮扶处, 协办): phone contact only, opinion sent on time on 10-30.
  const p3 = await s.register(
    { number: '0103', title: '关于完善防返贫监测的提案', handlingType: 'co', externalLeadUnit: '省农业农村厅', receivedAt: at('2026-10-09 10:00') },
    '2026-10-09 10:10',
  );
  await walk(p3, [
    ['2026-10-13 10:00', 'coordinator', { type: 'assign', leadDivision: 'shbf' }],
    ['2026-10-13 11:00', 'otherHead', { type: 'accept' }],
    ['2026-10-13 11:10', 'otherHead', { type: 'designate', handlerUserid: 'bf-staff' }],
    ['2026-10-14 10:00', 'otherHandler', { type: 'advance' }],
    ['2026-10-20 10:00', 'otherHandler', { type: 'logContact', phase: 'before', method: 'phone', summary: '电话沟通' }],
    ['2026-10-30 10:00', 'otherHandler', { type: 'sendCoOpinion', text: '同意主办单位意见' }],
  ]);
  // 0104: received 11-10, not assigned in November (due 11-17), assigned on 12-02.
  const p4 = await s.register({ number: '0104', title: '关于乡村公益岗位的提案', receivedAt: at('2026-11-10 10:00') }, '2026-11-10 10:00');
  await walk(p4, [['2026-12-02 11:00', 'coordinator', { type: 'assign', leadDivision: 'kfzd' }]]);
  s.clock.set('2026-12-02 12:00');
}, 120_000);

const preview = async (args: string[]) => {
  const r = await cli(['jobs', 'preview', ...args]);
  expect(r).toMatchObject({ code: 0, err: '' });
  return r.out;
};

describe('monthly figures for a past month', () => {
  it('November reads the ledger as it stood on 30 November, hand-computed', async () => {
    const nov = await preview(['monthly', '--period', '2026-11']);
    expect(nov).toContain('数据截至 2026-11-30 23:59');
    expect(nov).toContain('共 4 件（主办 3、协办 1，其中重点 0 件）');
    // Answered: 0101's reply and 0103's opinion, both on time; nothing else past due.
    expect(nov).toContain('> 按时办复率：100.0%（2/2，目标 100%）');
    // In handling: 0101, 0102, 0103; met face to face: 0101 (visit), 0102 (visit 11-24).
    expect(nov).toContain('> 见面沟通率：66.7%（2/3，目标 100%）');
    // 0101 not yet rated in November.
    expect(nov).toContain('> 主办件满意率：—（0/0，目标 100%）');
    // 0101's two signed measures, one done; 0102's draft measure is not counted.
    expect(nov).toContain('> 办成率：50.0%（1/2，目标 100%）');
    // 开发指导处: on time 1/1 ×40, face-to-face 1/1 ×30, 办成率 1/2 ×10 → 75/80.
    expect(nov).toContain('> **开发指导处** 交办 1｜办复 1｜按时 1｜见面（已确认）0｜满意率 —｜办成率 50.0%｜得分 93.8');
    // 社会帮扶处: on time 1/1 (the 协办 opinion) ×40, face-to-face over its 主办 case 1/1 ×30; the
    // 协办 case's phone contact does not mark it down.
    expect(nov).toContain('> **社会帮扶处** 交办 2｜办复 1｜按时 1｜见面（已确认）0｜满意率 —｜办成率 —｜得分 100.0');
    // 0104 is no division's: no "未交办" row, a note instead.
    expect(nov).not.toMatch(/\*\*未交办\*\*/);
    expect(nov).toContain('> 另有 1 件尚未交办，不计入各处室');
  });

  it('December, previewed on 2 December, counts the steps of that day', async () => {
    const dec = await preview(['monthly', '--period', '2026-12']);
    expect(dec).toContain('数据截至 2026-12-02 12:00');
    expect(dec).toContain('> 主办件满意率：100.0%（1/1，目标 100%）');
    // 0102's measure is signed now: 1 of 3.
    expect(dec).toContain('> 办成率：33.3%（1/3，目标 100%）');
    // 0104 is 开发指导处's now; 满意 1/1 ×20 joins: (40 + 30 + 20 + 5) / 100.
    expect(dec).toContain('> **开发指导处** 交办 2｜办复 1｜按时 1｜见面（已确认）0｜满意率 100.0%｜办成率 50.0%｜得分 95.0');
    expect(dec).not.toContain('尚未交办');
  });
});

describe('weekly figures for past weeks', () => {
  it('each week reads its own close and compares with the week before at its close', async () => {
    const w48 = await preview(['weekly', '--period', '2026-W48']);
    expect(w48).toContain('数据截至 2026-11-29 23:59');
    expect(w48).toContain('本周新收 0 件，办复 0 件');
    // 0102's visit on 11-24: 1/3 at the close of week 47, 2/3 at the close of week 48.
    expect(w48).toContain('> 见面沟通率：66.7%（2/3，目标 100%，较上周 +33.3 个百分点）');
    expect(w48).toContain('> 按时办复率：100.0%（2/2，目标 100%，与上周持平）');
    // Only 0104 is past a due date (交办 by 11-17); 0101's rating of 12-02 is not there yet.
    expect(w48).toMatch(/逾期事项 1 件/);
    expect(w48).toContain('> 主办件满意率：—（0/0，目标 100%）');

    expect(await preview(['weekly', '--period', '2026-W45'])).toContain('本周新收 0 件，办复 1 件');
    expect(await preview(['weekly', '--period', '2026-W46'])).toContain('本周新收 1 件，办复 0 件');
  });
});

describe('a trend of the headline rates', () => {
  it('gives each week’s rates at its close, the week in progress as of now', async () => {
    const series = await weeklyRateSeries(sim.core, sim.clock.now(), 4);
    const rows = series.map(({ week, asOf, figures: f }) => [
      week,
      formatLocal(asOf),
      `${f.onTime.num}/${f.onTime.den}`,
      `${f.faceToFace.num}/${f.faceToFace.den}`,
      `${f.satisfaction.num}/${f.satisfaction.den}`,
      `${f.delivery.num}/${f.delivery.den}`,
    ]);
    expect(rows).toEqual([
      // 0101 replied 11-06 and 0103's opinion on 10-30, both on time; 0101's measure done 11-20.
      ['2026-W46', '2026-11-15 23:59', '2/2', '1/3', '0/0', '0/2'],
      ['2026-W47', '2026-11-22 23:59', '2/2', '1/3', '0/0', '1/2'],
      // 0102's visit on 11-24; its draft of 11-25 commits nothing yet.
      ['2026-W48', '2026-11-29 23:59', '2/2', '2/3', '0/0', '1/2'],
      // 2 December: 0101 rated 满意, 0102's reply signed (its measure counts), 0104 assigned (not yet in handling).
      ['2026-W49', '2026-12-02 12:00', '2/2', '2/3', '1/1', '1/3'],
    ]);
  });
});

describe("the console's trend, shown again and again", () => {
  it('keeps the closed weeks: a second showing reads no proposal again and gives the same rates', async () => {
    const memo = new Map();
    const first = await weeklyRateSeries(sim.core, sim.clock.now(), 4, {}, memo);
    expect(first).toEqual(await weeklyRateSeries(sim.core, sim.clock.now(), 4));
    // Three closed weeks kept; the week in progress is computed again each time.
    expect(memo.size).toBe(3);
    const proposals = sim.core.proposals;
    const stream = proposals.stream.bind(proposals);
    let streamed = 0;
    proposals.stream = (ids) => {
      streamed++;
      return stream(ids);
    };
    try {
      expect(await weeklyRateSeries(sim.core, sim.clock.now(), 4, {}, memo)).toEqual(first);
    } finally {
      proposals.stream = stream;
    }
    expect(streamed).toBe(0);
  });
});

describe('digest previews for past days', () => {
  it('use the ledger of that morning, and none is made for a Saturday', async () => {
    // 27 November: 0104 was still unassigned (assigned only on 12-02), so the coordinator hears of it.
    const fri = await preview(['digest', '--date', '2026-11-27', '--as', 'zf-staff']);
    expect(fri).toMatch(/发给 王协调（zf-staff）[\s\S]*提案办理提醒 · 2026年11月27日[\s\S]*第0104号《关于乡村公益岗位的提案》，交办11月17日到期/);
    const sat = await preview(['digest', '--date', '2026-11-28']);
    expect(sat).toBe('2026-11-28 不是工作日，当天不发送每日提醒。请换一个工作日预览。');
    // At 09:00 on 12-02 it was still unassigned; it was assigned at 11:00, so tomorrow's digest has it no more.
    expect(await preview(['digest', '--date', '2026-12-02', '--as', 'zf-staff'])).toContain('第0104号');
    expect(await preview(['digest', '--date', '2026-12-03', '--as', 'zf-staff'])).not.toContain('第0104号');
  });
});
