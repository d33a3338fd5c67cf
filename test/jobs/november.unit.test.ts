/**
 * A simulated November 2026 over a small ledger: the scheduler is driven hour by hour with a
 * controllable clock, and the test checks exactly which digests, escalations, summaries and
 * member notices come out, to whom and on which day.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeButton } from '../../src/conversation/button.codec.js';
import type { Command } from '../../src/domain/commands.js';
import type { Proposal } from '../../src/domain/model.js';
import type { RunOutcome } from '../../src/jobs/job-runner.js';
import { at, createSim, memoryStores, outboxRows, type Sim, type Who } from './jobs.fixture.js';

const WORKDAYS = [2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23, 24, 25, 26, 27, 30];
const span = (from: number, to: number) => WORKDAYS.filter((d) => d >= from && d <= to);
const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}`;
/** Scheduler wake-ups each day, quiet hours included (they must send nothing). */
const TICKS = ['07:00', '08:30', '09:00', '09:30', '16:00', '21:00'];

let sim: Sim;
const p: Record<string, Proposal> = {};
const quietOutcomes: RunOutcome[] = [];

beforeAll(async () => {
  sim = await createSim({ stores: memoryStores() });
  const s = sim;
  // 0001: handled by 钱专员 (kf-staff), who is late with the pre-handling contact and the opinion.
  p.one = await s.register({ number: '0001', title: '关于发展庭院经济的提案', receivedAt: at('2026-10-09 10:00') }, '2026-10-09 10:00');
  await s.act('2026-10-13 10:00', p.one, 'coordinator', { type: 'assign', leadDivision: 'kfzd' });
  await s.act('2026-10-13 11:00', p.one, 'head', { type: 'accept' });
  await s.act('2026-10-13 11:30', p.one, 'head', { type: 'designate', handlerUserid: 'kf-staff' });
  await s.act('2026-10-14 10:00', p.one, 'handler', { type: 'advance' });
  // 0002: a key proposal led by 社会帮扶处 with 开发指导处 assisting; no handler named yet.
  p.two = await s.register({ number: '0002', title: '关于防止规模性返贫的提案', isKey: true, receivedAt: at('2026-10-22 10:00') }, '2026-10-22 10:00');
  await s.act('2026-10-26 10:00', p.two, 'coordinator', { type: 'assign', leadDivision: 'shbf', assisting: ['kfzd'] });
  await s.act('2026-10-26 11:00', p.two, 'otherHead', { type: 'accept' });
  // 0004: signed off in October, replied, rated and archived in November.
  p.four = await s.register({ number: '0004', title: '关于农村养老服务的提案', receivedAt: at('2026-10-09 10:00') }, '2026-10-09 10:05');
  const steps: [string, Who, Command][] = [
    ['2026-10-09 11:00', 'coordinator', { type: 'assign', leadDivision: 'kfzd' }],
    ['2026-10-09 11:10', 'head', { type: 'accept' }],
    ['2026-10-09 11:20', 'head', { type: 'designate', handlerUserid: 'kf-staff' }],
    ['2026-10-12 10:00', 'handler', { type: 'advance' }],
    ['2026-10-12 11:00', 'handler', { type: 'logContact', phase: 'before', method: 'visit', summary: '上门听取意见' }],
    ['2026-10-13 10:00', 'handler', { type: 'advance' }],
    ['2026-10-15 10:00', 'handler', { type: 'draftReply', summary: '采纳建议', outcome: 'A', measures: ['建设养老服务站'] }],
    ['2026-10-15 11:00', 'handler', { type: 'advance' }],
    ['2026-10-20 10:00', 'leader', { type: 'signOff', approve: true }],
  ];
  for (const [when, who, cmd] of steps) await s.act(when, p.four, who, cmd);

  // What happens during November, at Shanghai times.
  const timeline: [string, () => Promise<unknown>][] = [
    [
      '2026-11-02 10:00',
      async () =>
        (p.three = await s.register(
          { number: '0003', title: '关于乡村公益岗位的提案', proposers: [{ name: '刘委员', userid: 'wy-liu' }], receivedAt: at('2026-10-30 10:00') },
          '2026-11-02 10:00',
        )),
    ],
    ['2026-11-11 10:00', () => s.act('2026-11-11 10:00', p.three!, 'coordinator', { type: 'assign', leadDivision: 'kfzd' })],
    ['2026-11-12 10:00', () => s.act('2026-11-12 10:00', p.one!, 'handler', { type: 'logContact', phase: 'before', method: 'visit', summary: '上门走访' })],
    ['2026-11-18 15:00', () => s.act('2026-11-18 15:00', p.four!, 'handler', { type: 'sendReply', docNo: '乡振函〔2026〕9号' })],
    ['2026-11-20 10:00', () => s.act('2026-11-20 10:00', p.four!, 'member', { type: 'feedback', rating: 'satisfied' })],
    [
      '2026-11-24 10:00',
      () => s.act('2026-11-24 10:00', p.one!, 'handler', { type: 'draftReply', summary: '研究落实', outcome: 'B', measures: ['编制庭院经济指导意见'] }),
    ],
    [
      '2026-11-25 10:00',
      () => s.act('2026-11-25 10:00', p.four!, 'handler', { type: 'superviseMeasure', measureId: '$measure', note: '服务站已建成', done: true }),
    ],
    ['2026-11-25 10:10', () => s.act('2026-11-25 10:10', p.four!, 'handler', { type: 'advance' })],
    ['2026-11-25 11:00', () => s.act('2026-11-25 11:00', p.four!, 'coordinator', { type: 'archive' })],
    ['2026-11-26 10:00', () => s.act('2026-11-26 10:00', p.one!, 'handler', { type: 'requestExtension', days: 30, reason: '需征求财政意见' })],
  ];

  const scheduler = s.scheduler();
  const events: [Date, () => Promise<unknown>, boolean][] = [...timeline.map(([w, f]) => [at(w), f, false] as [Date, () => Promise<unknown>, boolean])];
  for (let d = 2; d <= 30; d++) for (const t of TICKS) events.push([at(`${day(d)} ${t}`), async () => {}, true]);
  events.sort((a, b) => a[0].getTime() - b[0].getTime());
  for (const [when, f, tick] of events) {
    s.clock.set(when);
    if (!tick) {
      await f();
      continue;
    }
    const outcomes = await scheduler.runDue(when);
    if (['07:00', '21:00'].some((t) => when.getTime() === at(`${when.toISOString().slice(0, 10)} ${t}`).getTime())) quietOutcomes.push(...outcomes);
  }
}, 600_000);

describe('a simulated November 2026', () => {
  it('sends each person one digest per working day, exactly on the days they have something due, overdue or to decide', async () => {
    const expected: Record<string, number[]> = {
      // 0001 until its reply draft on the 24th: contact due soon, then overdue, then the opinion.
      'kf-staff': span(2, 24),
      // 0001 overdue (escalated to the head), the 13th is a due-soon day only; 0002's co-opinion from the 23rd; 0003 due soon from the 27th.
      'kf-head': [...span(4, 12), ...span(16, 30)],
      // 0002 has no handler yet, so its head is nudged: contact due soon from the 4th, then overdue.
      'bf-head': span(4, 30),
      // 0001 overdue five working days or more; then its extension request waits for a decision.
      leader1: [10, 11, 12, 20, 23, 24, 27, 30],
      // 0002 is a key proposal: its leader hears of it one working day after it falls overdue.
      leader2: span(10, 30),
      // 0003 not assigned within a week of receipt; 0001's extension request.
      'zf-staff': [9, 10, 11, 27, 30],
    };
    const want = Object.entries(expected)
      .flatMap(([u, days]) => days.map((d) => `digest:${day(d)}:${u}`))
      .sort();
    const got = (await outboxRows(sim.stores.outbox))
      .filter((r) => r.purpose === 'daily-digest')
      .map((r) => r.key)
      .sort();
    expect(got).toEqual(want);
  });

  it('escalates with the right wording and names who is responsible', async () => {
    const rows = await outboxRows(sim.stores.outbox);
    const text = (key: string) => rows.find((r) => r.key === key)?.text ?? '';
    expect(text('digest:2026-11-10:leader1')).toMatch(
      /逾期较久，请协调推动（1件）[\s\S]*第0001号《关于发展庭院经济的提案》，办前沟通11月3日到期，已逾期5个工作日，开发指导处，责任人：钱专员/,
    );
    expect(text('digest:2026-11-04:kf-head')).toContain('本处逾期事项，请督促（1件）');
    expect(text('digest:2026-11-10:leader2')).toContain('【重点】第0002号');
    expect(text('digest:2026-11-23:bf-head')).toMatch(/等待协办处室意见（1件）[\s\S]*尚未收到：开发指导处/);
    expect(text('digest:2026-11-23:kf-head')).toMatch(/协办意见待报送（1件）[\s\S]*第0002号/);
    expect(text('digest:2026-11-27:zf-staff')).toMatch(/延期申请待审批（1件）[\s\S]*申请延期30天（需征求财政意见），申请人：钱专员/);
    expect(text('digest:2026-11-09:zf-staff')).toMatch(/已逾期（1件）[\s\S]*第0003号《关于乡村公益岗位的提案》，交办11月6日到期/);
  });

  it('sends the weekly summary each Monday and the monthly one on the first working day, to leaders and the group robot', async () => {
    const rows = await outboxRows(sim.stores.outbox);
    const keys = rows
      .filter((r) => /^(weekly|monthly):/u.test(r.key))
      .map((r) => r.key)
      .sort();
    const weekly = ['2026-W44', '2026-W45', '2026-W46', '2026-W47', '2026-W48'].flatMap((w) =>
      ['leader1', 'leader2', 'group-robot'].map((r) => `weekly:${w}:${r}:1`),
    );
    const monthly = ['leader1', 'leader2', 'zf-staff'].map((r) => `monthly:2026-10:${r}:1`);
    expect(keys).toEqual([...monthly, ...weekly].sort());
    const w47 = rows.find((r) => r.key === 'weekly:2026-W47:leader1:1')!.text;
    expect(w47).toContain('提案办理周督导 · 2026年第47周（11月16日—11月22日）');
    expect(w47).toContain('本周新收 0 件，办复 1 件');
    // The week before had nothing due yet, so there is no change to show for the on-time rate.
    expect(w47).toContain('按时办复率：100.0%（1/1，目标 100%）');
    expect(w47).toContain('见面沟通率：66.7%（2/3，目标 100%，与上周持平）');
    // 0001's visit on 12 November lifts the face-to-face rate in the week after.
    const w46 = rows.find((r) => r.key === 'weekly:2026-W46:group-robot:1')!.text;
    expect(w46).toContain('见面沟通率：66.7%（2/3，目标 100%，较上周 +33.3 个百分点）');
    expect(w47).toMatch(/重点提案 1 件[\s\S]*第0002号《关于防止规模性返贫的提案》：调研/);
    expect(w47).toMatch(/逾期事项 2 件/);
    const monthlyText = rows.find((r) => r.key === 'monthly:2026-10:leader1:1')!.text;
    expect(monthlyText).toMatch(/\*\*开发指导处\*\* 交办 2｜办复 0/);
    expect(monthlyText).toContain('得分 = 100 ×');
  });

  it('tells members when their proposal is assigned, replied (asking for a rating) and archived', async () => {
    const rows = (await outboxRows(sim.stores.outbox)).filter((r) => r.purpose === 'member-notice' || r.purpose === 'feedback-request');
    const three = (await sim.core.proposals.findById(p.three!.id))!;
    const four = (await sim.core.proposals.findById(p.four!.id))!;
    const idx = (x: Proposal, action: string) => x.events.findIndex((e) => e.action === action);
    expect(rows.map((r) => r.key).sort()).toEqual(
      [
        `notice:${three.id}:${idx(three, 'assign')}:wy-liu`,
        `notice:${four.id}:${idx(four, 'sendReply')}:wy-chen`,
        `notice:${four.id}:${idx(four, 'sendReply')}:wy-chen:rate`,
        `notice:${four.id}:${idx(four, 'archive')}:wy-chen`,
      ].sort(),
    );
    // The rating card's buttons are the conversation layer's: 满意/基本满意 act at once, 不满意 asks why.
    const card = rows.find((r) => r.purpose === 'feedback-request')!;
    const [title, ...keys] = card.text.split(' ');
    expect(title).toBe('请您评价提案答复');
    expect(keys.map(decodeButton)).toEqual([
      { kind: 'direct', action: 'satisfied', proposalId: four.id, version: idx(four, 'sendReply') + 1 },
      { kind: 'direct', action: 'basic', proposalId: four.id, version: idx(four, 'sendReply') + 1 },
      { kind: 'guided', action: 'dissatisfied', proposalId: four.id, version: idx(four, 'sendReply') + 1 },
    ]);
    expect(rows.find((r) => r.key.endsWith(`${idx(three, 'assign')}:wy-liu`))!.text).toContain('已交由开发指导处负责办理');
  });

  it('sends nothing at night, and records every run once', async () => {
    expect(quietOutcomes).toEqual([]);
    const runs = await sim.stores.jobRuns.list({ limit: 500 });
    const digestRuns = runs.filter((r) => r.job === 'digest');
    expect(digestRuns.map((r) => r.period).sort()).toEqual(WORKDAYS.map(day));
    expect(digestRuns.every((r) => r.status === 'done' && r.attempts === 1)).toBe(true);
  });
});
