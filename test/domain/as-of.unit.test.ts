/**
 * A proposal rebuilt from its audit trail as of any earlier instant equals the proposal as it
 * actually stood then: every step of a long handling (a return, a reassignment, a disputed contact,
 * an extension, a returned draft, 不满意 and a second handling, an undone step, a correction) is
 * checked against the state the workflow produced at that step.
 */
import { describe, expect, it } from 'vitest';
import { proposalAsOf } from '../../src/domain/as-of.js';
import type { Command } from '../../src/domain/commands.js';
import { toLedgerEntry } from '../../src/domain/ledger-view.js';
import type { Proposal } from '../../src/domain/model.js';
import { decide } from '../../src/domain/workflow.js';
import { SECOND_ANSWER, actor, calendar, ctxAt, people, policy, registered } from '../fixtures/ledger.fixture.js';

type Who = keyof typeof people;
const at = (local: string): Date => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const ctx = { calendar, deadlines: policy.deadlines };

const STEPS: [string, Who, Command | ((p: Proposal) => Command)][] = [
  ['2026-09-22 10:00', 'coordinator', { type: 'assign', leadDivision: 'shbf', assisting: ['kfzd'] }],
  ['2026-09-23 10:00', 'otherHead', { type: 'return', reason: '不属于本处职责' }],
  ['2026-09-24 10:00', 'coordinator', { type: 'assign', leadDivision: 'kfzd', assisting: ['shbf'] }],
  ['2026-09-24 11:00', 'head', { type: 'accept' }],
  ['2026-09-24 11:10', 'head', { type: 'designate', handlerUserid: 'kf-staff' }],
  ['2026-09-25 10:00', 'handler', { type: 'advance' }],
  ['2026-09-25 11:00', 'handler', { type: 'logContact', phase: 'before', method: 'meeting', summary: '座谈听取意见' }],
  ['2026-09-25 15:00', 'member', (p) => ({ type: 'confirmContact', contactId: p.contacts[0]!.id, agree: false, note: '我没有参加这次座谈' })],
  ['2026-09-28 10:00', 'handler', { type: 'logContact', phase: 'before', method: 'visit', summary: '上门走访' }],
  ['2026-09-28 15:00', 'member', (p) => ({ type: 'confirmContact', contactId: p.contacts[1]!.id, agree: true })],
  ['2026-09-29 10:00', 'handler', { type: 'requestExtension', days: 30, reason: '需征求财政意见' }],
  ['2026-09-29 11:00', 'leader', { type: 'decideExtension', approve: true, note: '同意延期30天' }],
  ['2026-09-30 10:00', 'otherHead', { type: 'recordCoOpinion', divisionCode: 'shbf', text: '同意' }],
  ['2026-09-30 11:00', 'handler', { type: 'advance' }],
  ['2026-10-09 10:00', 'handler', { type: 'draftReply', summary: '研究落实', outcome: 'B', measures: ['编制规划', '安排资金'] }],
  ['2026-10-09 11:00', 'handler', { type: 'advance' }],
  ['2026-10-10 10:00', 'leader', { type: 'signOff', approve: false, note: '措施第2项请写明资金数额' }],
  ['2026-10-12 10:00', 'handler', { type: 'draftReply', summary: '研究落实', outcome: 'B', measures: ['编制规划', '安排资金200万元'] }],
  ['2026-10-12 11:00', 'handler', { type: 'advance' }],
  ['2026-10-13 10:00', 'leader', { type: 'signOff', approve: true }],
  ['2026-10-13 11:00', 'handler', { type: 'sendReply', docNo: '乡振函〔2026〕3号' }],
  ['2026-10-14 10:00', 'handler', (p) => ({ type: 'superviseMeasure', measureId: p.measures[0]!.id, note: '规划已印发', done: true })],
  ['2026-10-14 10:05', 'handler', { type: 'undo' }],
  ['2026-10-15 10:00', 'handler', (p) => ({ type: 'superviseMeasure', measureId: p.measures[0]!.id, note: '规划已印发', done: true })],
  ['2026-10-16 10:00', 'member', { type: 'feedback', rating: 'dissatisfied', comment: '资金没有落实' }],
  [
    '2026-10-19 10:00',
    'coordinator',
    {
      type: 'correct',
      fields: {
        isKey: true,
        title: '关于发展帮扶车间的提案',
        proposers: [
          { name: '刘委员', userid: 'wy-liu' },
          { name: '陈委员', userid: 'wy-chen' },
        ],
        coSigners: ['张委员'],
      },
      reason: '登记有误',
    },
  ],
  ...SECOND_ANSWER,
];

/** The proposal after each step, and the final one with the whole trail. */
function walk(): { states: { at: Date; p: Proposal }[]; final: Proposal } {
  let p = registered();
  const states = [{ at: p.events[0]!.at, p }];
  for (const [when, who, step] of STEPS) {
    const cmd = typeof step === 'function' ? step(p) : step;
    const before = p;
    const { next, event } = decide(p, cmd, actor(people[who]), ctxAt(at(when), { previous: cmd.type === 'undo' ? states.at(-2)!.p : undefined }));
    p = { ...next, events: [...before.events, event] };
    states.push({ at: at(when), p });
  }
  return { states, final: p };
}

/** What the figures read: everything but the trail (the rebuilt one is cut at the instant). */
const comparable = (p: Proposal) => {
  const { events: _events, ...rest } = p;
  return JSON.parse(JSON.stringify({ ...rest, entry: { ...toLedgerEntry(p), changedAt: undefined } }));
};

describe('a proposal as of an earlier instant', () => {
  const { states, final } = walk();

  it('is not there before it was registered', () => {
    expect(proposalAsOf(final, new Date(states[0]!.at.getTime() - 1), ctx)).toBeUndefined();
  });

  it.each(states.map((s, i) => [i, s.p.stage, s.at.toISOString()] as const))('equals the state after step %i (%s, %s), also an hour later', (i) => {
    const { at: when, p } = states[i]!;
    expect(comparable(proposalAsOf(final, when, ctx)!)).toEqual(comparable(p));
    const next = states[i + 1]?.at;
    const later = new Date(when.getTime() + 3_600_000);
    if (!next || later < next) expect(comparable(proposalAsOf(final, later, ctx)!)).toEqual(comparable(p));
  });
});
