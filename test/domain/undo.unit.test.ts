/**
 * 撤销 in the workflow: one's own latest step within the window (on the Clock, no waiting), never
 * after someone else acted; the coordinator any latest step with a reason. The undo is an audit
 * event of its own and restores the previous state.
 */
import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/domain/commands.js';
import type { Proposal } from '../../src/domain/model.js';
import { decide } from '../../src/domain/workflow.js';
import { actor, ctxAt, people, refusal as refusedBy, said, registered } from '../fixtures/ledger.fixture.js';

type Who = keyof typeof people;
const NOW = new Date('2026-09-28T02:00:00Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

/** One step as the service stores it: the event appended, the version moved on. */
function step(p: Proposal, who: Who, cmd: Command, now = NOW, previous?: Proposal): Proposal {
  const { next, event } = decide(p, cmd, actor(people[who]), ctxAt(now, { previous }));
  return { ...next, events: [...next.events, event] };
}

const refusal = (fn: () => unknown): string => said(refusedBy(fn));

const assigned = () => step(registered(), 'coordinator', { type: 'assign', leadDivision: 'kfzd' });
const accepted = () => {
  const before = assigned();
  return { before, after: step(before, 'head', { type: 'accept' }) };
};

describe('undo', () => {
  it('takes one’s own step back within the window, as an audit event of its own', () => {
    const { before, after } = accepted();
    const undone = step(after, 'head', { type: 'undo' }, later(10), before);
    expect(undone.stage).toBe('assigned');
    expect(undone.milestones.returnWindow?.doneAt).toBeUndefined();
    expect(undone.version).toBe(after.version + 1);
    expect(undone.events.map((e) => e.action)).toEqual(['register', 'assign', 'accept', 'undo']);
    expect(undone.events.at(-1)).toMatchObject({ actor: { userid: 'kf-head' }, fromStage: 'researching', toStage: 'assigned', note: '撤销“接收”' });
  });

  it('is refused after the window', () => {
    const { before, after } = accepted();
    expect(refusal(() => step(after, 'head', { type: 'undo' }, later(11), before))).toBe('“接收”已超过 10 分钟，不能自行撤销。如需更正，请联系政策法规处。');
  });

  it('is refused once someone else acted on the proposal since', () => {
    const { after } = accepted();
    const chased = step(after, 'coordinator', { type: 'chase' });
    expect(refusal(() => step(chased, 'head', { type: 'undo' }, later(1), after))).toBe(
      '这件提案最近一步是王协调办理的“催办”，您不能撤销。如需更正，请联系政策法规处。',
    );
  });

  it('is refused for someone else’s step, a leader’s too; another division is told it is not theirs', () => {
    const { before, after } = accepted();
    expect(refusal(() => step(after, 'leader', { type: 'undo' }, later(1), before))).toContain('最近一步是赵处长办理的“接收”');
    expect(refusal(() => step(after, 'otherHead', { type: 'undo' }, later(1), before))).toBe(
      '这件提案不由您所在的处室主办，无法办理。如需办理，请联系政策法规处。',
    );
  });

  it('the coordinator undoes anyone’s latest step at any time, with a reason', () => {
    const { before, after } = accepted();
    expect(refusal(() => step(after, 'coordinator', { type: 'undo' }, later(60), before))).toBe(
      '撤销他人办理的或超时的“接收”，请写明理由，例如：撤销 12 误操作。',
    );
    const undone = step(after, 'coordinator', { type: 'undo', reason: '处室误点' }, later(60), before);
    expect(undone.stage).toBe('assigned');
    expect(undone.events.at(-1)).toMatchObject({ action: 'undo', note: '撤销“接收”：处室误点' });
  });

  it('cannot undo a registration or an undo', () => {
    const p = registered();
    expect(refusal(() => step(p, 'coordinator', { type: 'undo', reason: 'x' }))).toBe('这件提案没有可以撤销的步骤。');
    const { before, after } = accepted();
    const undone = step(after, 'head', { type: 'undo' }, later(1), before);
    expect(refusal(() => step(undone, 'head', { type: 'undo' }, later(2), after))).toBe('这件提案没有可以撤销的步骤。');
  });

  it('needs the previous version', () => {
    const { after } = accepted();
    expect(refusal(() => step(after, 'head', { type: 'undo' }, later(1)))).toBe('没有找到这一步之前的记录，无法撤销。请联系系统管理员。');
  });

  it('a member may undo their own rating in time', () => {
    let p = assigned();
    for (const [who, cmd] of [
      ['head', { type: 'accept' }],
      ['head', { type: 'designate', handlerUserid: 'kf-staff' }],
      ['handler', { type: 'advance' }],
      ['handler', { type: 'logContact', phase: 'before', method: 'visit', summary: '上门' }],
      ['handler', { type: 'advance' }],
      ['handler', { type: 'draftReply', summary: '采纳', outcome: 'C', measures: [] }],
      ['handler', { type: 'advance' }],
      ['leader', { type: 'signOff', approve: true }],
      ['handler', { type: 'sendReply', docNo: '函1号' }],
    ] as [Who, Command][])
      p = step(p, who, cmd);
    const rated = step(p, 'member', { type: 'feedback', rating: 'dissatisfied', comment: '没落实' });
    expect(rated.stage).toBe('researching');
    const undone = step(rated, 'member', { type: 'undo' }, later(5), p);
    expect(undone).toMatchObject({ stage: 'supervising', feedback: [], round: 1 });
  });
});
