/** The notice table, event by event: who is told, with what (in words), and under which key. */
import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/domain/commands.js';
import type { Proposal } from '../../src/domain/model.js';
import { memberNoticesNow, noticesFor, type NoticeDirectory } from '../../src/domain/notices.js';
import { decide } from '../../src/domain/workflow.js';
import { noticeText } from '../../src/present/notices.js';
import { actor, ctxAt, divisions, people, registered } from '../fixtures/ledger.fixture.js';

type Who = keyof typeof people;
const T0 = new Date('2026-09-28T02:00:00Z');
let minutes = 0;
const next = () => new Date(T0.getTime() + ++minutes * 60_000);

const dir: NoticeDirectory = {
  divisions: new Map(divisions.map((d) => [d.code, d])),
  coordinators: ['zf-staff', 'zf-staff2'],
  memberIds: new Map([['刘委员', 'wy-liu']]),
  nameOf: (u) => u,
};

/** Applies `cmd` as the store would (event appended) and returns the event's notices. */
function step(p: Proposal, who: Who, cmd: Command): { p: Proposal; told: string[][] } {
  const { next: n, event } = decide(p, cmd, actor(people[who]), ctxAt(next()));
  const stored = { ...n, events: [...p.events, event] };
  const index = stored.events.length - 1;
  const notices = noticesFor(stored, index, dir);
  for (const x of notices) expect(x.key).toBe(`notice:${p.id}:${index}:${x.userid}${x.attach === 'rate' ? ':rate' : ''}`);
  return { p: stored, told: notices.map((x) => [x.userid, x.audience, x.attach ?? 'text', noticeText(x.message, stored.kind)]) };
}

const who = (told: string[][]) => told.map(([u, a, kind]) => `${u}/${a}/${kind}`);
const textFor = (told: string[][], userid: string) => told.find(([u]) => u === userid)?.[3] ?? '';

function walkTo(steps: [Who, Command][], start = registered({ coSigners: ['刘委员'] })): Proposal {
  let p = start;
  for (const [w, c] of steps) p = step(p, w, c).p;
  return p;
}

const ASSIGN: [Who, Command] = ['coordinator', { type: 'assign', leadDivision: 'kfzd', assisting: ['shbf'] }];
const TO_REVIEW: [Who, Command][] = [
  ASSIGN,
  ['head', { type: 'accept' }],
  ['head', { type: 'designate', handlerUserid: 'kf-staff' }],
  ['handler', { type: 'advance' }],
  ['handler', { type: 'logContact', phase: 'before', method: 'phone', summary: '电话听取意见' }],
  ['handler', { type: 'advance' }],
  ['handler', { type: 'draftReply', summary: '采纳建议，设立帮扶车间', outcome: 'B', measures: ['出台扶持办法', '安排专项资金'] }],
];

describe('who is told of each event', () => {
  it('交办: the lead head and every co-handling head at once, with their cards; the member in plain words', () => {
    const { told } = step(registered(), 'coordinator', ASSIGN[1]);
    expect(who(told)).toEqual(['kf-head/divisionHead/card', 'bf-head/coDivision/card', 'wy-chen/member/text']);
    expect(textFor(told, 'bf-head')).toContain('由开发指导处主办，您处室协办');
    expect(textFor(told, 'kf-head')).toContain('社会帮扶处协办');
    expect(textFor(told, 'wy-chen')).toContain('已交由开发指导处负责办理，社会帮扶处协助办理');
  });

  it('改派: the division it left, the new one, and the member', () => {
    const p = walkTo([ASSIGN]);
    const { told } = step(p, 'coordinator', { type: 'reassign', leadDivision: 'shbf', reason: '职能在帮扶处' });
    expect(who(told)).toEqual(['kf-head/previousDivision/text', 'bf-head/divisionHead/card', 'wy-chen/member/text']);
    expect(textFor(told, 'kf-head')).toContain('已改由社会帮扶处主办');
    expect(textFor(told, 'kf-head')).toContain('理由：职能在帮扶处');
  });

  it('退回 by a division: every coordinator, with the reason', () => {
    const p = walkTo([ASSIGN]);
    const { told } = step(p, 'head', { type: 'return', reason: '不属于本处职能' });
    expect(who(told)).toEqual(['zf-staff/coordinator/card', 'zf-staff2/coordinator/card']);
    expect(textFor(told, 'zf-staff')).toContain('开发指导处（赵处长）退回了这件提案，理由：不属于本处职能');
  });

  it('指定: the handler', () => {
    const p = walkTo(TO_REVIEW.slice(0, 2));
    expect(who(step(p, 'head', { type: 'designate', handlerUserid: 'kf-staff' }).told)).toEqual(['kf-staff/handler/card']);
  });

  it('送签发: the leader in charge, with the reply summary and every measure', () => {
    const { told } = step(walkTo(TO_REVIEW), 'handler', { type: 'advance' });
    expect(who(told)).toEqual(['leader1/leader/card']);
    const text = textFor(told, 'leader1');
    expect(text).toContain('答复摘要：采纳建议，设立帮扶车间');
    expect(text).toContain('1. 出台扶持办法\n2. 安排专项资金');
    expect(text).toContain('B类');
    expect(text).not.toContain('答复正文');
  });

  it('送签发 with a 正文: the leader is told how many paragraphs it has and where to read it', () => {
    const p = step(walkTo(TO_REVIEW), 'handler', { type: 'replyBody', text: '陈委员：您好！\n一、已采纳。\n二、已安排资金。' }).p;
    const text = textFor(step(p, 'handler', { type: 'advance' }).told, 'leader1');
    expect(text).toContain('答复正文：共 3 段，请在网页控制台的提案详情页查看');
  });

  it("签发退回: the handler and the division head, with the leader's comment", () => {
    const p = walkTo([...TO_REVIEW, ['handler', { type: 'advance' }]]);
    const { told } = step(p, 'leader', { type: 'signOff', approve: false, note: '措施第2项请写明资金数额' });
    expect(who(told)).toEqual(['kf-staff/handler/card', 'kf-head/handler/card']);
    expect(textFor(told, 'kf-staff')).toContain('李局长退回了答复稿，意见：措施第2项请写明资金数额');
  });

  it('签发: the handler and head; 发文: the member (text, then a rating card) and the co-signer', () => {
    let p = walkTo([...TO_REVIEW, ['handler', { type: 'advance' }]]);
    const signed = step(p, 'leader', { type: 'signOff', approve: true });
    expect(who(signed.told)).toEqual(['kf-staff/handler/card', 'kf-head/handler/card']);
    p = signed.p;
    const sent = step(p, 'handler', { type: 'sendReply', docNo: '乡振函〔2026〕9号' });
    expect(who(sent.told)).toEqual(['wy-chen/member/text', 'wy-chen/member/rate', 'wy-liu/coSigner/text']);
    expect(textFor(sent.told, 'wy-chen')).toContain('答复中承诺的 2 项措施');
  });

  it('a C reply promises no measures to follow up', () => {
    let p = walkTo(TO_REVIEW.slice(0, 6));
    p = step(p, 'handler', { type: 'draftReply', summary: '暂不具备条件', outcome: 'C', measures: [] }).p;
    p = step(p, 'handler', { type: 'advance' }).p;
    p = step(p, 'leader', { type: 'signOff', approve: true }).p;
    const { told } = step(p, 'handler', { type: 'sendReply', docNo: '乡振函〔2026〕10号' });
    expect(textFor(told, 'wy-chen')).not.toContain('措施');
  });

  it('不满意: handler, head, leader in charge and coordinators, with the reason and the new due date', () => {
    let p = walkTo([
      ...TO_REVIEW,
      ['handler', { type: 'advance' }],
      ['leader', { type: 'signOff', approve: true }],
      ['handler', { type: 'sendReply', docNo: '文1' }],
    ]);
    const { told, p: after } = step(p, 'member', { type: 'feedback', rating: 'dissatisfied', comment: '答复没有回应用地问题' });
    p = after;
    expect(who(told)).toEqual([
      'kf-staff/handler/card',
      'kf-head/handler/card',
      'leader1/leader/text',
      'zf-staff/coordinator/text',
      'zf-staff2/coordinator/text',
    ]);
    expect(textFor(told, 'kf-staff')).toContain('陈委员对答复不满意，理由：答复没有回应用地问题');
    expect(textFor(told, 'kf-staff')).toMatch(/新的答复期限：\d{4}年/u);
    expect(p.stage).toBe('researching');
  });

  it('满意: the handler and head hear the rating', () => {
    const p = walkTo([
      ...TO_REVIEW,
      ['handler', { type: 'advance' }],
      ['leader', { type: 'signOff', approve: true }],
      ['handler', { type: 'sendReply', docNo: '文1' }],
    ]);
    const { told } = step(p, 'member', { type: 'feedback', rating: 'basic', comment: '还可以' });
    expect(who(told)).toEqual(['kf-staff/handler/text', 'kf-head/handler/text']);
    expect(textFor(told, 'kf-head')).toContain('基本满意，意见：还可以');
  });

  it('延期: asked → leader in charge and coordinators; decided → the requester and head, with the new date or the refusal', () => {
    let p = walkTo(TO_REVIEW.slice(0, 4));
    const asked = step(p, 'handler', { type: 'requestExtension', days: 30, reason: '需要实地调研' });
    expect(who(asked.told)).toEqual(['leader1/leader/card', 'zf-staff/coordinator/card', 'zf-staff2/coordinator/card']);
    p = asked.p;
    const before = p.milestones.reply!.dueAt;
    const approved = step(p, 'leader', { type: 'decideExtension', approve: true, note: '同意' });
    expect(who(approved.told)).toEqual(['kf-staff/handler/card', 'kf-head/handler/card']);
    expect(approved.p.milestones.reply!.dueAt.getTime()).toBe(before.getTime() + 30 * 86_400_000);
    expect(textFor(approved.told, 'kf-staff')).toMatch(/批准延期 30 天，答复期限延至 \d{4}年/u);
    p = step(approved.p, 'handler', { type: 'requestExtension', days: 10, reason: '再延' }).p;
    const refused = step(p, 'coordinator', { type: 'decideExtension', approve: false, note: '时间已够' });
    expect(textFor(refused.told, 'kf-staff')).toContain('王协调没有批准延期，理由：时间已够');
    expect(textFor(refused.told, 'kf-staff')).toContain('答复期限仍为');
  });

  it('a face-to-face contact asks the member to confirm; a dispute goes to the coordinators, head and handler', () => {
    let p = walkTo(TO_REVIEW.slice(0, 4));
    const logged = step(p, 'handler', { type: 'logContact', phase: 'before', method: 'meeting', summary: '座谈听取意见' });
    expect(who(logged.told)).toEqual(['wy-chen/member/confirm']);
    p = logged.p;
    const contactId = p.contacts[0]!.id;
    const { told } = step(p, 'member', { type: 'confirmContact', contactId, agree: false, note: '我没有参加这次座谈' });
    expect(who(told)).toEqual(['zf-staff/coordinator/card', 'zf-staff2/coordinator/card', 'kf-head/divisionHead/card', 'kf-staff/handler/card']);
    expect(textFor(told, 'zf-staff')).toContain('陈委员对沟通记录“座谈听取意见”提出异议：我没有参加这次座谈');
    const phone = step(p, 'handler', { type: 'logContact', phase: 'during', method: 'phone', summary: '电话' });
    expect(phone.told).toEqual([]);
  });

  it('协办意见 recorded: the lead handler and head; 阅批 and 催办: the handler; 归档: member and handler', () => {
    let p = walkTo(TO_REVIEW.slice(0, 3));
    const co = step(p, 'otherHead', { type: 'recordCoOpinion', divisionCode: 'shbf', text: '同意主办意见' });
    expect(who(co.told)).toEqual(['kf-staff/handler/text', 'kf-head/divisionHead/text']);
    p = co.p;
    expect(who(step(p, 'leader', { type: 'instruct', text: '抓紧办理' }).told)).toEqual(['kf-staff/handler/text']);
    const chased = step(p, 'coordinator', { type: 'chase', note: '请本周内沟通' });
    expect(who(chased.told)).toEqual(['kf-staff/handler/text']);
    expect(textFor(chased.told, 'kf-staff')).toMatch(/下一期限：办前沟通 \d{4}年/u);
  });

  it('nobody is told of their own step, and quiet events tell no one', () => {
    const p = walkTo([ASSIGN]);
    expect(step(p, 'head', { type: 'accept' }).told).toEqual([]);
  });
});

describe("members' notices when they go out late", () => {
  it('several steps become one message; no rating card once rated or archived', () => {
    let p = registered();
    const indexes: number[] = [];
    const steps: [Who, Command][] = [
      ...TO_REVIEW,
      ['handler', { type: 'advance' }],
      ['leader', { type: 'signOff', approve: true }],
      ['handler', { type: 'sendReply', docNo: '乡振函〔2026〕9号' }],
      ['handler', { type: 'superviseMeasure', measureId: '', note: '办法已印发', done: true }],
      ['handler', { type: 'superviseMeasure', measureId: '', note: '资金已下达', done: true }],
      ['member', { type: 'feedback', rating: 'satisfied' }],
      ['handler', { type: 'advance' }],
      ['coordinator', { type: 'archive' }],
    ];
    for (const [w, c] of steps) {
      const cmd = c.type === 'superviseMeasure' ? { ...c, measureId: p.measures.find((m) => m.status === 'open')!.id } : c;
      p = step(p, w, cmd).p;
      indexes.push(p.events.length - 1);
    }
    const late = memberNoticesNow(p, indexes, dir);
    expect(late.map((n) => [n.userid, n.attach ?? 'text'])).toEqual([['wy-chen', 'text']]);
    expect(noticeText(late[0]!.message, p.kind)).toBe(
      '【提案通】您好！您提出的第0001号提案《关于推进乡村振兴的提案》有新进展：已交由开发指导处办理；已正式答复（乡振函〔2026〕9号），结果为B类（正在解决或列入计划）；已办理完毕并归档。',
    );
    expect(late[0]!.key).toBe(`notice:${p.id}:${indexes.at(-1)}:wy-chen`);
  });

  it('a rating card still goes out while the reply is unrated', () => {
    let p = walkTo([...TO_REVIEW, ['handler', { type: 'advance' }], ['leader', { type: 'signOff', approve: true }]]);
    p = step(p, 'handler', { type: 'sendReply', docNo: '文1' }).p;
    const late = memberNoticesNow(p, [p.events.length - 1], dir);
    expect(late.map((n) => `${n.userid}/${n.attach ?? 'text'}`)).toEqual(['wy-chen/text', 'wy-chen/rate', 'wy-liu/text']);
  });
});
