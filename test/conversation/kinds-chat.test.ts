/**
 * 两类件 in chat: a 人大代表建议 is named as one in replies, cards and the member's notices, and
 * a number that is both a 提案 and a 建议 is asked about instead of guessed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDb } from '../support/test-db.js';
import type { Recipient } from '../../src/shared/outbound.js';
import { cardOf, createHarness, type Harness } from './chat.harness.js';

useTestDb();

let h: Harness;
const toUser = (to: Recipient, userid: string) => to.kind === 'user' && to.userid === userid;
const SUGGESTION_TITLE = '关于加强农村供水保障的建议';

beforeAll(async () => {
  h = await createHarness({ outbox: true });
  // 0012 is both a 提案 and a 建议; 0013 only a 建议 (陈委员 is its deputy here).
  await h.proposal(12);
  await h.proposal(12, 0, { kind: 'suggestion', title: SUGGESTION_TITLE });
  await h.proposal(13, 0, { kind: 'suggestion', title: SUGGESTION_TITLE });
});

describe('wording per kind in chat', () => {
  it('shows a 建议 as a 人大代表建议 with its 建议人, and tells its deputy of the assignment in a deputy’s words', async () => {
    const card = cardOf(await h.send('coordinator', '查 0013'));
    expect(card.title).toBe(`第0013号建议 ${SUGGESTION_TITLE}`);
    expect(card.description).toBe('十二届五次 · 人大代表建议 · 主办 · 建议人：陈委员');

    expect(await h.say('coordinator', '交办 0013 主办:开发处')).toContain(`第0013号建议《${SUGGESTION_TITLE}》`);
    const told = h.outbox.filter((m) => toUser(m.to, 'wy-chen') && m.body.type === 'text').map((m) => (m.body.type === 'text' ? m.body.text : ''));
    expect(told.at(-1)).toBe(`【提案通】您好！您提出的第0013号建议《${SUGGESTION_TITLE}》已交由开发指导处负责办理。办理人员会尽快与您联系，听取您的意见。`);
    // The division head is told the command that names this 建议 and no other.
    const head = h.outbox.filter((m) => toUser(m.to, 'kf-head')).at(-1)!;
    expect(head.body.type === 'card' ? head.body.card.description : head.body.type === 'text' ? head.body.text : '').toContain(
      `第0013号建议《${SUGGESTION_TITLE}》`,
    );
  });
});

describe('a number with or without its kind', () => {
  it('takes 查 0013 and 查 建议0013 alike when 0013 is only a 建议, and 查 提案0013 finds nothing', async () => {
    expect(cardOf(await h.send('coordinator', '查 0013')).title).toBe(`第0013号建议 ${SUGGESTION_TITLE}`);
    expect(cardOf(await h.send('coordinator', '查 建议0013')).title).toBe(`第0013号建议 ${SUGGESTION_TITLE}`);
    expect(cardOf(await h.send('coordinator', '查 第13号建议')).title).toBe(`第0013号建议 ${SUGGESTION_TITLE}`);
    expect(await h.say('coordinator', '查 提案0013')).toContain('没有找到');
  });

  it('asks which one when 0012 is both, listing both by kind, and the answer picks it', async () => {
    const question = await h.say('coordinator', '查 0012');
    expect(question.split('\n')).toEqual([
      '第0012号有 2 件：既有政协提案，也有人大代表建议。请问您要查的是哪一件？请回复序号；也可以直接写明类别，例如：查 提案0012，或 查 建议0012。',
      '1. 政协提案 第0012号《关于推进乡村振兴的提案》（十二届五次 · 登记）',
      `2. 人大代表建议 第0012号建议《${SUGGESTION_TITLE}》（十二届五次 · 登记）（回复“取消”可结束）`,
    ]);
    expect(cardOf(await h.send('coordinator', '2')).title).toBe(`第0012号建议 ${SUGGESTION_TITLE}`);
    // Named with its kind, each is found at once.
    expect(cardOf(await h.send('coordinator', '查 提案0012')).title).toBe('第0012号 关于推进乡村振兴的提案');
    expect(cardOf(await h.send('coordinator', '查 建议 0012')).title).toBe(`第0012号建议 ${SUGGESTION_TITLE}`);
  });

  it('asks before a change too, and changes only the one chosen', async () => {
    const question = await h.say('coordinator', '催办 0012 请抓紧');
    expect(question).toContain('请问您要催办的是哪一件？');
    await h.say('coordinator', '1');
    const proposal = (await h.core.proposals.findByNumber('0012', undefined, 'proposal'))[0]!;
    const suggestion = (await h.core.proposals.findByNumber('0012', undefined, 'suggestion'))[0]!;
    expect(proposal.events.map((e) => e.action)).toContain('chase');
    expect(suggestion.events.map((e) => e.action)).not.toContain('chase');
  });

  it('asks for the kind, changing nothing, where no list is offered: 撤销 and 并案 of a number that is both', async () => {
    const kindNeeded = '第0012号既有政协提案，也有人大代表建议。请在号码前写明类别，例如：提案0012，或 建议0012。';
    const before = await h.core.proposals.findByNumber('0012');
    expect(await h.say('coordinator', '撤销 0012')).toBe(kindNeeded);
    expect(await h.say('coordinator', '并案 0013 0012')).toBe(kindNeeded);
    expect(await h.core.proposals.findByNumber('0012')).toEqual(before);
    // With its kind, the one meant is found and merged, and only that one.
    expect(await h.say('coordinator', '并案 0013 提案0012')).toContain('已将第0012号并入第0013号建议');
    expect((await h.core.proposals.findByNumber('0012', undefined, 'proposal'))[0]!.mergedInto?.number).toBe('0013');
    expect((await h.core.proposals.findByNumber('0012', undefined, 'suggestion'))[0]!.mergedInto).toBeUndefined();
  });

  it('registers a 建议 by chat when its number is written with 建议', async () => {
    await h.say('coordinator', '登记');
    await h.say('coordinator', '十二届五次');
    await h.say('coordinator', '建议0014');
    await h.say('coordinator', '关于乡村道路养护的建议');
    await h.say('coordinator', '陈委员');
    await h.say('coordinator', '主办');
    const done = await h.say('coordinator', '否');
    expect(done).toContain('已登记第0014号建议《关于乡村道路养护的建议》（十二届五次）');
    expect(done).toContain('交办 建议0014 主办:开发处');
    expect((await h.core.proposals.findByNumber('0014'))[0]!.kind).toBe('suggestion');
  });
});

describe('counts for one kind or both', () => {
  it('统计 and 报告 take 提案 or 建议, and count both without it', async () => {
    // Now 0012 is a 提案, and 0012, 0013, 0014 are 建议.
    const suggestions = (await h.say('coordinator', '统计 建议')).split('\n');
    expect(suggestions.slice(0, 2)).toEqual(['建议办理统计（全局）', '建议 3 件（主办 3，协办 0，重点 0）']);
    expect((await h.say('coordinator', '统计 提案')).split('\n').slice(0, 2)).toEqual(['提案办理统计（全局）', '提案 1 件（主办 1，协办 0，重点 0）']);
    expect((await h.say('coordinator', '统计')).split('\n').slice(0, 2)).toEqual(['提案和建议办理统计（全局）', '提案和建议 4 件（主办 4，协办 0，重点 0）']);

    const report = (await h.say('coordinator', '报告 2026 建议')).split('\n');
    expect(report.slice(0, 2)).toEqual(['省乡村振兴局2026年度建议办理工作报告（初稿）', '共承办建议3件：主办3件、协办0件，重点建议0件；已办复0件']);
    expect(report).toContain('与代表沟通0次，见面0次（—），经代表确认0次');
    expect((await h.say('coordinator', '报告 提案 2026')).split('\n')[1]).toBe('共承办提案1件：主办1件、协办0件，重点提案0件；已办复0件');
  });
});

describe('refusals name the case by its kind', () => {
  it("names the member role for both kinds when a staff member uses a member's command before any case is named", async () => {
    expect(await h.say('coordinator', '评价 0013 满意')).toContain('提案委员或提出建议的代表本人');
  });

  it('tells the staff of a 建议 to talk with its deputy, and that their division only assists this 建议', async () => {
    await h.proposal(15, 4, { kind: 'suggestion', title: SUGGESTION_TITLE });
    expect(await h.say('handler', '推进 建议0015')).toBe('还没有办前沟通记录：请先与提出建议的代表沟通并记录，再进入下一环节。');
    expect(await h.say('otherHandler', '推进 建议0015')).toBe('您所在处室是这件建议的协办处室：可以查看，并报送协办意见；这项操作由主办处室办理。');
    // 陈委员 is the author of 提案 0012 and of these 建议: 我的 lists both, named as both.
    expect(await h.say('member', '我的')).toMatch(/^您的提案和建议共 \d+ 件/);
    // And what they cannot find, or need not do, is said about their 提案和建议 too.
    expect(await h.say('member', '查 0099')).toBe('您的提案和建议中没有第0099号。发送“我的”查看您的提案和建议，例如：查 12');
    expect(await h.say('member', '交办 0012 主办:开发处')).toMatch(/使用，您无需操作。您可以发送“我的”查看您的提案和建议进展/);
    expect((await h.say('member', '帮助')).split('\n').at(-1)).toBe(
      '提案号、建议号可写作 12、0012 或 第12号；同一号码既是提案又是建议时，请写明类别，例如：建议12。',
    );
  });
});
