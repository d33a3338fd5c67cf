/**
 * What the numbers count: measures of a draft are no commitment, a case in its second handling is
 * out of 按时办复率 until answered again, and a division's score uses only the indicators that
 * apply to its cases.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/domain/commands.js';
import { metricGroupsOf, overdueGroupsOf, toLedgerEntry } from '../../src/domain/ledger-view.js';
import { computeMetrics, metricsByDivision } from '../../src/domain/metrics.js';
import type { Proposal } from '../../src/domain/model.js';
import { divisionScore } from '../../src/domain/summary-monthly.js';
import { decide } from '../../src/domain/workflow.js';
import { namesOf } from '../../src/domain/names.js';
import { buildLedgerRows } from '../../src/ledger-io/ledger-rows.js';
import { SECOND_ANSWER, actor, calendar, ctxAt, divisions, people, policy, registered } from '../fixtures/ledger.fixture.js';

type Who = keyof typeof people;
const at = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+08:00`);

function run(p: Proposal, steps: [string, Who, Command][]): Proposal {
  for (const [when, who, cmd] of steps) {
    const resolved = cmd.type === 'superviseMeasure' ? { ...cmd, measureId: p.measures[0]!.id } : cmd;
    p = decide(p, resolved, actor(people[who]), ctxAt(at(when))).next;
  }
  return p;
}

const metricsOf = (ps: Proposal[], asOf: Date) => {
  const entries = ps.map(toLedgerEntry);
  return computeMetrics(metricGroupsOf(entries), overdueGroupsOf(entries, asOf), policy.metrics);
};

/** Registered 2026-09-21; reply due three months after assignment. */
const TO_DRAFT: [string, Who, Command][] = [
  ['2026-09-22 10:00', 'coordinator', { type: 'assign', leadDivision: 'kfzd' }],
  ['2026-09-22 11:00', 'head', { type: 'accept' }],
  ['2026-09-22 11:10', 'head', { type: 'designate', handlerUserid: 'kf-staff' }],
  ['2026-09-23 10:00', 'handler', { type: 'advance' }],
  ['2026-09-23 11:00', 'handler', { type: 'logContact', phase: 'before', method: 'visit', summary: '上门听取意见' }],
  ['2026-09-24 10:00', 'handler', { type: 'advance' }],
  ['2026-09-25 10:00', 'handler', { type: 'draftReply', summary: '研究落实', outcome: 'B', measures: ['编制规划', '安排资金'] }],
  ['2026-09-25 11:00', 'handler', { type: 'advance' }],
];
const TO_RATED_DISSATISFIED: [string, Who, Command][] = [
  ['2026-10-09 10:00', 'leader', { type: 'signOff', approve: true }],
  ['2026-10-09 11:00', 'handler', { type: 'sendReply', docNo: '乡振函〔2026〕3号' }],
  ['2026-10-12 10:00', 'handler', { type: 'superviseMeasure', measureId: '$', note: '规划已印发', done: true }],
  ['2026-10-14 10:00', 'member', { type: 'feedback', rating: 'dissatisfied', comment: '资金没有落实' }],
];

describe('办成率 counts measures of signed replies only', () => {
  it('leaves a draft’s measures out, also when a leader sends the draft back, and counts them once signed', () => {
    const draft = run(registered(), TO_DRAFT);
    expect(draft.stage).toBe('signing');
    expect(draft.facts).toMatchObject({ measuresTotal: 0, measuresDone: 0 });
    expect(metricsOf([draft], at('2026-10-01 10:00')).delivery).toEqual({ num: 0, den: 0, rate: null });

    const back = run(draft, [['2026-09-28 10:00', 'leader', { type: 'signOff', approve: false, note: '措施请写明资金数额' }]]);
    expect(back.facts.measuresTotal).toBe(0);

    const signed = run(draft, [['2026-09-28 10:00', 'leader', { type: 'signOff', approve: true }]]);
    expect(signed.facts).toMatchObject({ measuresTotal: 2, measuresDone: 0 });
    expect(metricsOf([signed], at('2026-10-01 10:00')).delivery).toEqual({ num: 0, den: 2, rate: 0 });
  });
});

describe('a second handling (二次办理) leaves 按时办复率 until answered again', () => {
  const reopened = run(run(registered(), TO_DRAFT), TO_RATED_DISSATISFIED);

  it('was counted on time before the rating, and counts in neither part of the rate while handled again', () => {
    expect(reopened).toMatchObject({ stage: 'researching', round: 2 });
    const m = metricsOf([reopened], at('2026-10-20 10:00'));
    expect(m.onTime).toEqual({ num: 0, den: 0, rate: null });
    expect(m.replied).toBe(0);
    expect(m.overdueUnanswered).toBe(0);
    // Its satisfaction still counts: the member did rate the reply.
    expect(m.ratings.dissatisfied).toBe(1);
    // The undone measure stays a commitment of the sent reply.
    expect(reopened.facts).toMatchObject({ measuresTotal: 1, measuresDone: 0 });
  });

  it('exports neither 是 nor 否 for 是否按时 while handled again', () => {
    const sheet = buildLedgerRows([reopened], {
      bureau: '省乡村振兴局',
      names: namesOf(divisions, Object.values(people)),
      asOf: { now: at('2026-10-20 10:00'), deadlines: policy.deadlines, calendar },
    });
    const row = Object.fromEntries(sheet.headers.map((h, i) => [h, sheet.rows[0]![i]]));
    expect(row).toMatchObject({ 环节: '调研', 是否按时: '', 满意度: '不满意' });
  });

  it('counts as unanswered and late once the new reply deadline passes', () => {
    const due = reopened.milestones.reply!.dueAt;
    const m = metricsOf([reopened], new Date(due.getTime() + 1));
    expect(m.onTime).toEqual({ num: 0, den: 1, rate: 0 });
    expect(m.overdueUnanswered).toBe(1);
  });

  it('counts again once answered, judged on the new reply against its own deadline', () => {
    const again = run(reopened, SECOND_ANSWER);
    expect(again.facts).toMatchObject({ replied: true, repliedOnTime: true, reanswerPending: false, measuresTotal: 1 });
    expect(metricsOf([again], at('2026-10-23 10:00')).onTime).toEqual({ num: 1, den: 1, rate: 1 });
  });
});

describe('a division’s score uses the indicators that apply to its cases', () => {
  it('does not mark a division down for face-to-face on a 协办 case, but does on a 主办 one', () => {
    const coSteps: [string, Who, Command][] = [
      ['2026-09-22 10:00', 'coordinator', { type: 'assign', leadDivision: 'shbf' }],
      ['2026-09-22 11:00', 'otherHead', { type: 'accept' }],
      ['2026-09-22 11:10', 'otherHead', { type: 'designate', handlerUserid: 'bf-staff' }],
      ['2026-09-23 10:00', 'otherHandler', { type: 'advance' }],
      ['2026-09-23 11:00', 'otherHandler', { type: 'logContact', phase: 'before', method: 'phone', summary: '电话沟通' }],
      ['2026-09-24 10:00', 'otherHandler', { type: 'sendCoOpinion', text: '同意主办单位意见' }],
    ];
    const co = run(registered({ handlingType: 'co', externalLeadUnit: '省农业农村厅', number: '0002' }), coSteps);
    expect(co.stage).toBe('opinionSent');
    const lead = run(
      registered({ number: '0003' }),
      coSteps.slice(0, 4).map(([w, who, c]) => [w, who, c]),
    );
    const asOf = at('2026-09-25 10:00');
    const onlyCo = metricsByDivision(metricGroupsOf([toLedgerEntry(co)]), [], policy.metrics).get('shbf')!;
    expect(onlyCo.faceToFace).toMatchObject({ num: 0, den: 1 });
    expect(onlyCo.faceToFaceLead).toEqual({ num: 0, den: 0, rate: null });
    const weights = { onTime: 40, faceToFace: 30, satisfaction: 20, delivery: 10 };
    // Only the on-time opinion applies: 100, not 57.1.
    expect(divisionScore(onlyCo, weights)).toBe(100);

    const entries = [toLedgerEntry(co), toLedgerEntry(lead)];
    const both = metricsByDivision(metricGroupsOf(entries), overdueGroupsOf(entries, asOf), policy.metrics).get('shbf')!;
    expect(both.faceToFaceLead).toEqual({ num: 0, den: 1, rate: 0 });
    // On time 1/1 (weight 40) and face-to-face 0/1 on the 主办 case (weight 30): 100 × 40 / 70.
    expect(divisionScore(both, weights)).toBe(57.1);
  });
});
