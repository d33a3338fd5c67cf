/**
 * A scripted handling year through the chat (issue 15): four proposals walked by every role as
 * they would type it — a 主办 case with two 协办 divisions, a key case with a disputed contact, an
 * extension and a returned draft, a C reply rated 不满意 and handled a second time, a 协办 case
 * led by another bureau — asserting for every step exactly who was told, and with what words.
 */
import { describe, expect, it } from 'vitest';
import type { OutboundBody } from '../../src/shared/outbound.js';
import { useTestDb } from '../support/test-db.js';
import { L, setUpHarness, textOf, type Harness, type Who } from '../conversation/chat.harness.js';

useTestDb();
let h!: Harness;
setUpHarness((x) => (h = x));

/** What a recipient reads: a text as sent, a card by its title and description. */
const readOf = (b: OutboundBody): string => (b.type === 'text' ? b.text : b.type === 'card' ? `${b.card.title}\n${b.card.description ?? ''}` : '');

/**
 * Sends `text` as `who`, checks the answer contains `answer`, and checks that the messages queued
 * for others are exactly `told`: one entry per recipient userid, each of whose messages together
 * contain every listed phrase.
 */
async function step(who: Who, text: string, answer: string, told: Record<string, string[]>): Promise<void> {
  // Each step a few minutes after the last, as people work (the harness sets 10:00 on a Monday before each case).
  h.clock.at = new Date(h.clock.at.getTime() + 5 * 60_000);
  const from = h.outbox.length;
  expect(textOf(await h.send(who, text))).toContain(answer);
  const got = new Map<string, string>();
  for (const m of h.outbox.slice(from)) {
    const to = m.to.kind === 'user' ? m.to.userid : m.to.kind;
    got.set(to, [got.get(to), readOf(m.body)].filter(Boolean).join('\n'));
  }
  expect([...got.keys()].sort(), `who was told after “${text}”`).toEqual(Object.keys(told).sort());
  for (const [to, phrases] of Object.entries(told)) for (const phrase of phrases) expect(got.get(to), `${to} after “${text}”`).toContain(phrase);
}

const NONE = {};

/** 开发指导处 takes case `n` on: assigned alone, accepted, 钱专员 designated, on to 沟通. */
async function takenOn(n: number): Promise<void> {
  await step('coordinator', `交办 ${n} 主办:开发处`, '已交办', { 'kf-head': ['【新交办】', '由您处室主办。'], 'wy-chen': ['已交由开发指导处负责办理。'] });
  await step('head', `接收 ${n}`, '已接收', NONE);
  await step('head', `指定 ${n} 钱专员`, '已指定承办人', { 'kf-staff': ['【指定承办】', '赵处长指定您为这件提案的承办人'] });
  await step('handler', `推进 ${n}`, '当前环节：沟通', NONE);
}

describe('a handling year through the chat, step by step', () => {
  it("a 主办 case with two 协办 divisions: the lead head and each co-handling head with a head in the directory are told, and 协办意见 is on the co-head's 我的 until sent", async () => {
    await h.proposal(101);
    await step('coordinator', '交办 101 主办:开发处 协办:帮扶处、政法处', '已交办', {
      'kf-head': ['【新交办】', '由您处室主办，社会帮扶处、政策法规处协办'],
      // 政策法规处 has no head in this directory: nothing is queued that could not be delivered.
      'bf-head': ['【协办交办】', '由开发指导处主办，您处室协办', '协办意见 0101'],
      'wy-chen': ['已交由开发指导处负责办理，社会帮扶处、政策法规处协助办理'],
    });
    await step('head', '接收 101', '已接收', NONE);
    await step('head', '指定 101 钱专员', '承办人：钱专员', { 'kf-staff': ['【指定承办】', '赵处长指定您为这件提案的承办人'] });
    expect(await h.say('otherHead', '我的')).toContain(`${L(101)} · 调研 · 待报送协办意见`);
    await step('otherHead', '协办意见 101 同意主办单位意见，我处负责资金保障', '已登记协办意见', {
      'kf-head': ['【协办意见】', '孙处长报来协办意见：同意主办单位意见，我处负责资金保障'],
      'kf-staff': ['【协办意见】', '孙处长报来协办意见：同意主办单位意见，我处负责资金保障'],
    });
    expect(await h.say('otherHead', '我的')).toBe('您目前没有待办事项。');
  });

  it('a key case: the disputed contact, the approved extension and the returned draft each reach who must act, with the reason', async () => {
    await h.proposal(203, 0, { isKey: true });
    await takenOn(203);
    await step('handler', '沟通 203 办前 座谈 听取意见', '已请委员确认这次见面沟通', {
      'wy-chen': ['请确认见面沟通：第0203号提案', '钱专员与您座谈沟通：听取意见'],
    });
    const disputed = ['【委员有异议】', '陈委员对沟通记录“听取意见”提出异议：我没有参加这次座谈', '不计入见面沟通率，请核实后与委员重新沟通。'];
    await step('member', '有异议 203 我没有参加这次座谈', '已记录您的异议', { 'zf-staff': disputed, 'kf-head': disputed, 'kf-staff': disputed });

    const asked = ['【延期申请】', '钱专员申请答复延期 30 天，理由：需赴三个县实地调研', '现期限：2026年11月28日'];
    await step('handler', '延期 203 30 需赴三个县实地调研', '等待政策法规处或局领导审批', { leader1: asked, 'zf-staff': asked });
    const approved = ['【延期已批准】', '李局长批准延期 30 天，答复期限延至 2026年12月28日', '意见：同意延期30天'];
    await step('leader', '批准延期 203 同意延期30天', '已批准延期申请', { 'kf-staff': approved, 'kf-head': approved });

    await step('handler', '沟通 203 办前 上门走访 再次听取意见', '已记录办前沟通', { 'wy-chen': ['钱专员与您上门走访沟通：再次听取意见'] });
    await step('handler', '推进 203', '当前环节：会审', NONE);
    await step('handler', '答复 203 B 将帮扶车间纳入支持范围 措施:1.制定车间认定办法 2.安排奖补资金', '答复稿已保存', NONE);
    await step('handler', '推进 203', '当前环节：签发', {
      leader1: ['【待签发】', '答复摘要：将帮扶车间纳入支持范围', '1. 制定车间认定办法', '2. 安排奖补资金'],
    });
    const returned = ['【答复稿退回修改】', '李局长退回了答复稿，意见：措施第2项请写明资金数额'];
    await step('leader', '签发 203 退回 措施第2项请写明资金数额', '已退回修改', { 'kf-staff': returned, 'kf-head': returned });

    await step('handler', '答复 203 B 将帮扶车间纳入支持范围 措施:1.制定车间认定办法 2.安排奖补资金200万元', '答复稿已保存', NONE);
    await step('handler', '推进 203', '当前环节：签发', { leader1: ['【待签发】', '2. 安排奖补资金200万元'] });
    const signed = ['【已签发】', '李局长已签发答复稿', '发文 0203'];
    await step('leader', '签发 203', '已签发', { 'kf-staff': signed, 'kf-head': signed });
    await step('handler', '发文 203 乡振函〔2026〕30号', '已发出答复', {
      'wy-chen': ['已正式答复（乡振函〔2026〕30号），答复结果为B类', '承诺的 2 项措施', '请您评价提案答复'],
    });
    const rated = ['【委员评价】', '陈委员的评价：满意，意见：办理认真'];
    await step('member', '反馈 203 满意 办理认真', '谢谢您的评价', { 'kf-staff': rated, 'kf-head': rated });
  });

  it('a case returned by a division goes back to the coordinators with the reason; a C reply rated 不满意 is handled a second time and answered again', async () => {
    await h.proposal(301);
    await step('coordinator', '交办 301 主办:帮扶处', '已交办', { 'bf-head': ['【新交办】'], 'wy-chen': ['已交由社会帮扶处负责办理'] });
    await step('otherHead', '退回 301 不属于本处职责', '已退回', {
      'zf-staff': ['【处室退回】', '社会帮扶处（孙处长）退回了这件提案，理由：不属于本处职责', '交办 0301'],
    });
    await takenOn(301);
    // A phone call asks no confirmation of the member.
    await step('handler', '沟通 301 办前 电话 电话听取意见', '已记录办前沟通（电话）', NONE);
    await step('handler', '推进 301', '当前环节：会审', NONE);
    await step('handler', '答复 301 C 受条件限制暂不能解决', '落实措施 0 项', NONE);
    await step('handler', '推进 301', '当前环节：签发', { leader1: ['答复类别：C类', '答复摘要：受条件限制暂不能解决', '落实措施：无'] });
    await step('leader', '签发 301', '已签发', { 'kf-staff': ['【已签发】'], 'kf-head': ['【已签发】'] });
    const from = h.outbox.length;
    await step('handler', '发文 301 乡振函〔2026〕31号', '已发出答复', { 'wy-chen': ['已正式答复（乡振函〔2026〕31号），答复结果为C类', '请您评价提案答复'] });
    // A C reply has no measures: the member is promised no follow-up of any.
    expect(
      h.outbox
        .slice(from)
        .map((m) => readOf(m.body))
        .join('\n'),
    ).not.toContain('措施');

    const dissatisfied = ['【委员不满意】', '理由：答复没有回应帮扶车间用地问题，措施不具体', '退回调研环节二次办理，新的答复期限：2026年10月28日'];
    await step('member', '反馈 301 不满意 答复没有回应帮扶车间用地问题，措施不具体', '我们将重新办理', {
      'kf-staff': dissatisfied,
      'kf-head': dissatisfied,
      leader1: dissatisfied,
      'zf-staff': dissatisfied,
    });
    expect((await h.stored(301)).stage).toBe('researching');
    expect(await h.say('handler', '我的')).toContain(`${L(301)} · 调研 · 待办理`);

    await step('handler', '推进 301', '当前环节：沟通', NONE);
    await step('handler', '推进 301', '当前环节：会审', NONE);
    await step('handler', '答复 301 B 用地纳入明年计划 措施:1.调整帮扶车间用地', '答复稿已保存', NONE);
    await step('handler', '推进 301', '当前环节：签发', { leader1: ['【待签发】', '答复摘要：用地纳入明年计划', '1. 调整帮扶车间用地'] });
    await step('leader', '签发 301', '已签发', { 'kf-staff': ['【已签发】'], 'kf-head': ['【已签发】'] });
    await step('handler', '发文 301 乡振函〔2026〕40号', '已发出答复', {
      'wy-chen': ['已正式答复（乡振函〔2026〕40号），答复结果为B类', '承诺的 1 项措施', '请您评价提案答复'],
    });
    await step('member', '反馈 301 基本满意', '谢谢您的评价', { 'kf-staff': ['陈委员的评价：基本满意'], 'kf-head': ['陈委员的评价：基本满意'] });
  });

  it('a 协办 case led by another bureau: the division sends its opinion, the member hears of the 交办 and the archiving, and is asked for no rating', async () => {
    await h.proposal(401, 0, { handlingType: 'co', externalLeadUnit: '省民政厅' });
    await takenOn(401);
    await step('handler', '沟通 401 办前 电话 电话听取意见', '已记录办前沟通', NONE);
    await step('handler', '协办意见 401 同意主办单位意见', '已报送协办意见', NONE);
    await step('handler', '推进 401', '当前环节：反馈', NONE);
    await step('coordinator', '归档 401', '已归档', { 'kf-staff': ['【已归档】'], 'wy-chen': ['已办理完毕并归档'] });
  });
});
