import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/domain/commands.js';
import type { Proposal } from '../../src/domain/model.js';
import type { Refusal } from '../../src/domain/refusals.js';
import { endOfLocalDay } from '../../src/domain/shanghai-time.js';
import { availableCommands, decide } from '../../src/domain/workflow.js';
import { LEAD_HAPPY_PATH, actor, ctxAt, people, refusal, said, registered } from '../fixtures/ledger.fixture.js';

type Who = keyof typeof people;
const NOW = new Date('2026-09-28T02:00:00Z'); // Monday 10:00 in Shanghai, before the National Day holiday

function run(p: Proposal, who: Who, cmd: Command, now = NOW): Proposal {
  const resolved = cmd.type === 'superviseMeasure' && cmd.measureId === '$measure' ? { ...cmd, measureId: p.measures[0]!.id } : cmd;
  return decide(p, resolved, actor(people[who]), ctxAt(now)).next;
}

/** Who may take each step of the lead path; everyone else is refused. */
const ALLOWED: Record<string, Who[]> = {
  assign: ['coordinator'],
  accept: ['coordinator', 'head'],
  designate: ['coordinator', 'head'],
  advance: ['coordinator', 'head', 'handler'],
  logContact: ['coordinator', 'head', 'handler'],
  draftReply: ['head', 'handler'],
  signOff: ['leader'],
  sendReply: ['coordinator', 'head', 'handler'],
  superviseMeasure: ['coordinator', 'head', 'handler'],
  feedback: ['member'],
  archive: ['coordinator'],
};

describe('lead-handled path', () => {
  it('walks 登记 → 归档 with one audit event per step', () => {
    let p = registered();
    const stages: string[] = [p.stage];
    for (const [who, cmd] of LEAD_HAPPY_PATH) {
      const { next, event } = decide(p, cmd.type === 'superviseMeasure' ? { ...cmd, measureId: p.measures[0]!.id } : cmd, actor(people[who]), ctxAt(NOW));
      expect(next.version).toBe(p.version + 1);
      expect(event.actor.userid).toBe(people[who].userid);
      expect(event.action).toBe(cmd.type);
      p = next;
      if (stages.at(-1) !== p.stage) stages.push(p.stage);
    }
    expect(stages).toEqual([
      'registered',
      'assigned',
      'researching',
      'communicating',
      'reviewing',
      'signing',
      'replying',
      'supervising',
      'feedback',
      'archived',
    ]);
    expect(p.facts).toMatchObject({ replied: true, repliedOnTime: true, faceToFace: true, satisfaction: 'satisfied', outcome: 'A', measuresDone: 1 });
  });

  describe('every step allowed and refused for each role', () => {
    let p = registered();
    for (const [stepWho, cmd] of LEAD_HAPPY_PATH) {
      const before = p;
      for (const who of Object.keys(people) as Who[]) {
        const allowed = ALLOWED[cmd.type]!.includes(who);
        it(`${cmd.type} at ${before.stage}: ${who} ${allowed ? 'may' : 'may not'}`, () => {
          if (allowed) {
            expect(run(before, who, cmd).version).toBe(before.version + 1);
          } else {
            const snapshot = structuredClone(before);
            const e = refusal(() => run(before, who, cmd));
            expect(['forbidden', 'notInScope']).toContain(e.code);
            expect(['forbidden', 'notInScope', 'assistingOnly', 'notYourDivision', 'notYourCase']).toContain(e.refusal.reason);
            expect(before).toEqual(snapshot); // nothing changed
          }
        });
      }
      p = run(p, stepWho, cmd);
    }
  });

  it('names who may act when the role is wrong', () => {
    const e = refusal(() => run(registered(), 'handler', { type: 'assign', leadDivision: 'kfzd' }));
    expect(e.code).toBe('forbidden');
    expect(e.refusal).toEqual({ reason: 'forbidden', allowed: ['coordinator'], kind: 'proposal' });
    expect(said(e)).toBe('您没有这项操作的权限：只有政策法规处提案协调人员可以办理。');
  });

  it('tells another division head the proposal is not theirs', () => {
    const p = run(registered(), 'coordinator', { type: 'assign', leadDivision: 'kfzd' });
    const e = refusal(() => run(p, 'otherHead', { type: 'accept' }));
    expect(e.code).toBe('notInScope');
    expect(said(e)).toBe('这件提案不由您所在的处室主办，无法办理。如需办理，请联系政策法规处。');
  });

  it("tells an assisting division that the step is the lead division's", () => {
    const p = run(registered(), 'coordinator', { type: 'assign', leadDivision: 'kfzd', assisting: ['shbf'] });
    expect(said(refusal(() => run(p, 'otherHead', { type: 'accept' })))).toBe(
      '您所在处室是这件提案的协办处室：可以查看，并报送协办意见；这项操作由主办处室办理。',
    );
  });
});

describe('preconditions say what to do first', () => {
  const atStage = (n: number): Proposal => {
    let p = registered();
    for (const [who, cmd] of LEAD_HAPPY_PATH.slice(0, n)) p = run(p, who, cmd);
    return p;
  };

  it.each([
    ['leaving 调研 without a designated handler', 2, 'head', { type: 'advance' }, { reason: 'needHandler' }, '请先指定承办人'],
    ['leaving 沟通 without a 办前沟通 contact', 4, 'handler', { type: 'advance' }, { reason: 'needPreContact' }, '还没有办前沟通记录'],
    [
      'an A reply without measures',
      6,
      'handler',
      { type: 'draftReply', summary: '采纳', outcome: 'A', measures: [] },
      { reason: 'needMeasures' },
      '须写明具体落实措施',
    ],
    ['leaving 会审 without a draft', 6, 'handler', { type: 'advance' }, { reason: 'needDraft' }, '还没有答复稿'],
    [
      'signing at the wrong stage',
      6,
      'leader',
      { type: 'signOff', approve: true },
      { reason: 'wrongStage', action: 'signOff', stage: 'reviewing' },
      '目前处于“会审”环节，不能签发',
    ],
    ['sending a reply without a document number', 9, 'handler', { type: 'sendReply' }, { reason: 'needDocNo' }, '请填写答复的发文号'],
    ['archiving before feedback is in or due', 12, 'coordinator', { type: 'archive' }, { reason: 'wrongStage', stage: 'supervising' }, '目前处于“督办”环节'],
    ['an empty return reason', 1, 'head', { type: 'return', reason: '  ' }, { reason: 'missing', field: 'reason' }, '请填写理由'],
    [
      'assigning to an unknown division',
      0,
      'coordinator',
      { type: 'assign', leadDivision: '宣传处' },
      { reason: 'unknownDivision', code: '宣传处' },
      '没有找到处室“宣传处”',
    ],
  ] as [string, number, Who, Command, Partial<Refusal>, string][])('%s', (_name, n, who, cmd, facts, message) => {
    const p = atStage(n);
    const e = refusal(() => run(p, who, cmd));
    expect(e.refusal).toMatchObject(facts);
    expect(said(e)).toContain(message);
  });

  it('a division may return an assignment within 7 working days, not after', () => {
    const p = atStage(1); // assigned on 2026-09-28
    const ok = run(p, 'head', { type: 'return', reason: '不属于本处职责' }, new Date('2026-10-13T08:00:00Z'));
    expect(ok.stage).toBe('registered');
    expect(ok.leadDivision).toBeUndefined();
    expect(ok.returns).toMatchObject([{ divisionCode: 'kfzd', reason: '不属于本处职责' }]);
    const e = refusal(() => run(p, 'head', { type: 'return', reason: '不属于本处职责' }, new Date('2026-10-14T02:00:00Z')));
    expect(e.refusal).toEqual({ reason: 'returnWindowPassed', due: p.milestones.returnWindow!.dueAt });
    expect(said(e)).toContain('退回期限已过（2026年10月13日）');
  });

  it('the coordinator reassigns a returned proposal', () => {
    const returned = run(atStage(1), 'head', { type: 'return', reason: '职责不符' });
    const p = run(returned, 'coordinator', { type: 'assign', leadDivision: '社会帮扶处' });
    expect(p.leadDivision).toBe('shbf');
    expect(p.responsibleUserid).toBe('bf-head');
    expect(p.leaderUserid).toBe('leader2');
  });

  it('a leader sending a draft back returns it to 会审 with the reason', () => {
    const p = run(atStage(8), 'leader', { type: 'signOff', approve: false, note: '措施不够具体' });
    expect(p.stage).toBe('reviewing');
  });
});

describe('deadlines (working days across the 2026 National Day holiday)', () => {
  const assigned = (isKey = false) => run(registered({ isKey }), 'coordinator', { type: 'assign', leadDivision: 'kfzd' });

  it('sets each milestone from the assignment on 2026-09-28', () => {
    const p = assigned();
    expect(p.milestones.assign?.doneAt).toEqual(NOW);
    expect(p.milestones.returnWindow?.dueAt).toEqual(endOfLocalDay('2026-10-13')); // 7 working days: 10-10 is a 调休 Saturday
    expect(p.milestones.preContact?.dueAt).toEqual(endOfLocalDay('2026-10-23'));
    expect(p.milestones.opinion?.dueAt).toEqual(endOfLocalDay('2026-10-28'));
    expect(p.milestones.reply?.dueAt).toEqual(endOfLocalDay('2026-12-28'));
    expect(p.nextDueMilestone).toBe('preContact');
    expect(p.nextDueAt).toEqual(endOfLocalDay('2026-10-23'));
  });

  it('is stricter for key proposals', () => {
    const p = assigned(true);
    expect(p.milestones.preContact?.dueAt).toEqual(endOfLocalDay('2026-10-16'));
    expect(p.milestones.reply?.dueAt).toEqual(endOfLocalDay('2026-11-28'));
  });

  it('gives 7 days from receipt to assign', () => {
    expect(registered().milestones.assign?.dueAt).toEqual(endOfLocalDay('2026-09-28'));
  });

  it('an approved extension moves the due date and stays on the record', () => {
    let p = run(run(assigned(), 'head', { type: 'accept' }), 'head', { type: 'designate', handlerUserid: 'kf-staff' });
    p = run(p, 'handler', { type: 'requestExtension', days: 30, reason: '需跨部门调研' });
    expect(p.milestones.reply?.dueAt).toEqual(endOfLocalDay('2026-12-28'));
    const e = refusal(() => run(p, 'handler', { type: 'requestExtension', days: 10, reason: '再延' }));
    expect(e.refusal.reason).toBe('extensionPending');
    expect(refusal(() => run(p, 'handler', { type: 'decideExtension', approve: true })).code).toBe('forbidden');
    p = run(p, 'leader', { type: 'decideExtension', approve: true, note: '同意' });
    expect(p.milestones.reply?.dueAt).toEqual(endOfLocalDay('2027-01-27'));
    expect(p.extensions).toMatchObject([{ status: 'approved', days: 30, decidedBy: 'leader1' }]);
  });
});

describe('member feedback', () => {
  const replied = () => {
    let p = registered();
    for (const [who, cmd] of LEAD_HAPPY_PATH.slice(0, 10)) p = run(p, who, cmd);
    return p;
  };

  it('不满意 reopens the case for a second handling with a new reply deadline', () => {
    const later = new Date('2026-11-02T02:00:00Z');
    const p = run(replied(), 'member', { type: 'feedback', rating: 'dissatisfied', comment: '措施不落地' }, later);
    expect(p.stage).toBe('researching');
    expect(p.round).toBe(2);
    expect(p.reply).toBeUndefined();
    expect(p.priorReplies).toHaveLength(1);
    expect(p.milestones.reply?.dueAt).toEqual(endOfLocalDay('2026-12-02'));
    // Answered once, but out of 按时办复率 until the second handling answers again.
    expect(p.facts).toMatchObject({ replied: true, reanswerPending: true, repliedOnTime: false, satisfaction: 'dissatisfied' });
  });

  it('only the proposing member may rate, once per round', () => {
    const p = replied();
    expect(refusal(() => run(p, 'otherMember', { type: 'feedback', rating: 'satisfied' })).code).toBe('notInScope');
    const rated = run(p, 'member', { type: 'feedback', rating: 'basic' });
    expect(refusal(() => run(rated, 'member', { type: 'feedback', rating: 'satisfied' })).refusal.reason).toBe('alreadyRated');
  });
});

describe('co-handled path', () => {
  it('ends in sending the co-handling opinion, then feedback and archive', () => {
    let p = registered({ handlingType: 'co', externalLeadUnit: '省农业农村厅' });
    p = run(p, 'coordinator', { type: 'assign', leadDivision: 'kfzd' });
    p = run(p, 'head', { type: 'accept' });
    p = run(p, 'head', { type: 'designate', handlerUserid: 'kf-staff' });
    p = run(p, 'handler', { type: 'advance' });
    expect(refusal(() => run(p, 'handler', { type: 'advance' })).refusal.reason).toBe('needPreContact');
    p = run(p, 'handler', { type: 'logContact', phase: 'before', method: 'phone', summary: '电话沟通' });
    p = run(p, 'handler', { type: 'sendCoOpinion', text: '建议加大资金支持' });
    expect(p.stage).toBe('opinionSent');
    expect(p.facts.replied).toBe(true);
    p = run(p, 'handler', { type: 'advance' });
    p = run(p, 'coordinator', { type: 'archive' });
    expect(p.stage).toBe('archived');
    expect(p.milestones.reply).toBeUndefined();
  });
});

describe('contacts', () => {
  it('derives face-to-face from the method unless set, and members confirm it', () => {
    let p = run(run(registered(), 'coordinator', { type: 'assign', leadDivision: 'kfzd' }), 'head', { type: 'accept' });
    p = run(p, 'head', { type: 'logContact', phase: 'before', method: 'phone', summary: '电话' });
    p = run(p, 'head', { type: 'logContact', phase: 'during', method: 'meeting', summary: '座谈会' });
    p = run(p, 'head', { type: 'logContact', phase: 'during', method: 'other', faceToFace: true, summary: '调研现场见面' });
    expect(p.contacts.map((c) => c.faceToFace)).toEqual([false, true, true]);
    expect(p.facts.faceToFaceConfirmed).toBe(false);
    p = run(p, 'member', { type: 'confirmContact', contactId: p.contacts[1]!.id, agree: true });
    expect(p.facts.faceToFaceConfirmed).toBe(true);
    expect(refusal(() => run(p, 'member', { type: 'confirmContact', contactId: p.contacts[1]!.id, agree: false })).refusal).toEqual({
      reason: 'contactAlreadyConfirmed',
      confirmed: true,
    });
  });

  it('refuses 办后反馈 before the reply is sent', () => {
    const p = run(run(registered(), 'coordinator', { type: 'assign', leadDivision: 'kfzd' }), 'head', { type: 'accept' });
    expect(refusal(() => run(p, 'head', { type: 'logContact', phase: 'after', method: 'phone', summary: 'x' })).refusal.reason).toBe('afterNeedsReply');
  });
});

describe('available commands', () => {
  it('offers a division head what they can do next on an assigned proposal', () => {
    const p = run(registered(), 'coordinator', { type: 'assign', leadDivision: 'kfzd' });
    expect(availableCommands(p, actor(people.head))).toEqual(expect.arrayContaining(['accept', 'return', 'designate']));
    expect(availableCommands(p, actor(people.member))).not.toContain('accept');
  });
});

describe('答复正文 (replyBody)', () => {
  const walk = (steps: number) => LEAD_HAPPY_PATH.slice(0, steps).reduce((p, [who, cmd]) => run(p, who, cmd), registered());
  const drafted = walk(7);
  const body = '陈委员：您好！\n\n一、关于资金：已列入预算。\n二、关于培训：不少于300人次。';

  it('needs a draft first, saying so', () => {
    expect(refusal(() => run(walk(6), 'handler', { type: 'replyBody', text: body })).refusal.reason).toBe('needDraft');
  });

  it('is refused empty, and to those who may not draft', () => {
    const empty = refusal(() => run(drafted, 'handler', { type: 'replyBody', text: ' \n ' }));
    expect(empty.refusal).toEqual({ reason: 'missing', field: 'replyBody' });
    expect(said(empty)).toBe('请填写答复正文。');
    for (const who of ['member', 'leader', 'coordinator'] as const) expect(() => run(drafted, who, { type: 'replyBody', text: body })).toThrow();
  });

  it('is kept when the summary is re-drafted after 签发退回, and cannot change once submitted for 签发', () => {
    const withBody = run(drafted, 'handler', { type: 'replyBody', text: body });
    expect(withBody.reply!.body).toBe(body);
    const submitted = run(withBody, 'handler', { type: 'advance' });
    const late = refusal(() => run(submitted, 'handler', { type: 'replyBody', text: '改写' }));
    expect(late.refusal).toMatchObject({ reason: 'wrongStage', action: 'replyBody', stage: 'signing' });
    expect(said(late)).toContain('不能撰写答复正文');
    const back = run(submitted, 'leader', { type: 'signOff', approve: false, note: '措施不够具体' });
    const redrafted = run(back, 'handler', { type: 'draftReply', summary: '采纳建议，措施已细化', outcome: 'A', measures: ['出台扶持办法'] });
    expect(redrafted.reply).toMatchObject({ summary: '采纳建议，措施已细化', body });
    expect(availableCommands(redrafted, actor(people.handler))).toContain('replyBody');
  });
});
