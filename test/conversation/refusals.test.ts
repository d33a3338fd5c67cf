/**
 * Replies that give the real reason (issue 15 item 7): a refusal says whether the command is not
 * the person's role, the proposal not theirs to see, not their division's, or not at this stage;
 * 我的 pages; 帮助 lists only what the role may do; a lone 。 and numbers in guided steps.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MongoDirectoryRepository } from '../../src/store/directory.repository.js';
import { divisions, people } from '../fixtures/ledger.fixture.js';
import { useTestDb } from '../support/test-db.js';
import { cardOf, consoleChat, createHarness, L, type Harness } from './chat.harness.js';

useTestDb();
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
  // A second handler of the lead division, never designated for anything.
  await new MongoDirectoryRepository().sync({
    divisions,
    people: [...Object.values(people), { userid: 'kf-staff2', name: '吴专员', roles: ['handler'], divisionCode: 'kfzd', active: true }],
  });
});

const MEMBER_HINT = '委员无需操作。您可以发送“我的”查看您的提案进展，或发送“帮助”查看可用命令。';

describe("paging of 我的 (first in the file: it counts the coordinator's tasks)", () => {
  it('shows ten at a time; 更多, 下一页 and 我的 3 show the next pages', async () => {
    for (let n = 1; n <= 23; n++) await h.proposal(700 + n);
    const first = await h.say('coordinator', '我的');
    expect(first.split('\n')[0]).toBe('您有 23 件待办（最紧急的在前）（第 1/3 页）：');
    expect(first).toMatch(/^1\. /m);
    expect(first).toMatch(/^10\. /m);
    expect(first).not.toMatch(/^11\. /m);
    expect(first).toContain('……另有 13 件，发送“更多”或“我的 2”查看下一页。');
    const second = await h.say('coordinator', '更多');
    expect(second.split('\n')[0]).toBe('您有 23 件待办（最紧急的在前）（第 2/3 页）：');
    expect(second).toMatch(/^11\. /m);
    expect(second).toMatch(/^20\. /m);
    expect(second).toContain('……另有 3 件，发送“更多”或“我的 3”查看下一页。');
    const third = await h.say('coordinator', '下一页');
    expect(third).toMatch(/^21\. [\s\S]*^23\. /m);
    expect(third).not.toContain('另有');
    expect(await h.say('coordinator', '更多')).toBe('这已是最后一页。');
    expect(await h.say('coordinator', '我的 3')).toBe(third);
    expect(await h.say('coordinator', '我的 第2页')).toBe(second);
    expect(await h.say('coordinator', '我的 9')).toBe('“我的”只有 3 页，例如：我的 3');
    expect(await h.say('coordinator', '我的 下周')).toBe('页码应是数字。\n正确写法：我的 [页码]\n例如：我的 2');
    // Every proposal appears exactly once over the three pages.
    const numbers = [first, second, third].join('\n').match(/第07\d\d号/g) ?? [];
    expect(new Set(numbers).size).toBe(23);
    expect(numbers).toHaveLength(23);
  });

  it('更多 with no list shown says what to send', async () => {
    expect(await h.say('leader', '更多')).toBe('没有正在翻看的列表。发送“我的”查看待办，或“逾期”查看逾期的提案。');
  });
});

describe('refusals say the real reason', () => {
  it('not your role: said before looking the proposal up', async () => {
    await h.proposal(139);
    expect(await h.say('handler', '交办 0139 主办:开发处')).toBe('您没有这项操作的权限：只有政策法规处提案协调人员可以办理。');
    expect(await h.say('head', '签发 0139')).toBe('您没有这项操作的权限：只有局领导可以办理。');
    expect(await h.say('handler', '统计')).toBe('“统计”只向政策法规处提案协调人员、局领导、承办处室负责人开放。发送“帮助”查看您可以使用的命令。');
  });

  it('a member is told who does it, for each staff command', async () => {
    const p = await h.proposal(140, 3);
    const cases: [string, string][] = [
      ['交办 0140', '“交办”由政策法规处提案协调人员使用，'],
      ['签发 0140', '“签发”由局领导使用，'],
      ['归档 0140', '“归档”由政策法规处提案协调人员使用，'],
      ['统计', '“统计”由政策法规处提案协调人员、局领导、承办处室负责人使用，'],
      ['逾期', '“逾期”由政策法规处提案协调人员、局领导、承办处室负责人、承办人使用，'],
    ];
    for (const [input, start] of cases) expect(await h.say('member', input)).toBe(`${start}${MEMBER_HINT}`);
    expect((await h.stored(140)).version).toBe(p.version);
  });

  it('a member looking for a word: not among their proposals, without echoing it as the example', async () => {
    expect(await h.say('member', '查 返贫')).toBe('您的提案中没有含“返贫”的。发送“我的”查看您的提案，或直接写提案号，例如：查 12');
    expect(await h.say('coordinator', '查 返贫')).toBe('没有找到含“返贫”的提案。请换一个关键词，或直接写提案号，例如：查 12');
  });

  it('not your division: a handler or head of another division is told so, not "not found"', async () => {
    await h.proposal(104, 3, {}); // led by 开发指导处 with 社会帮扶处 assisting
    const solo = await h.proposal(105, 1);
    await h.perform(solo, 'coordinator', { type: 'reassign', leadDivision: 'kfzd', assisting: [], reason: '职责调整' });
    expect(await h.say('otherHandler', '推进 0105')).toBe('第0105号提案：这件提案不由您所在的处室主办，无法办理。如需办理，请联系政策法规处。');
    expect(await h.say('otherHead', '接收 0105')).toBe('第0105号提案：这件提案不由您所在的处室主办，无法办理。如需办理，请联系政策法规处。');
    expect(await h.say('otherHandler', '查 0105')).toBe('第0105号提案：这件提案不由您所在的处室主办，无法办理。如需办理，请联系政策法规处。');
    // A number that does not exist is still "not found".
    expect(await h.say('otherHandler', '推进 0999')).toBe('没有找到第0999号提案。请核对提案号，或用关键词查找，例如：查 返贫');
  });

  it("an assisting division sees the case and is told that the step is the lead division's", async () => {
    expect(cardOf(await h.send('otherHead', '查 0104')).title).toContain('0104');
    const before = await h.stored(104);
    expect(await h.say('otherHead', '推进 0104')).toBe('您所在处室是这件提案的协办处室：可以查看，并报送协办意见；这项操作由主办处室办理。');
    expect((await h.stored(104)).version).toBe(before.version);
  });

  it('not yet assigned, and not the designated handler', async () => {
    expect(await h.say('handler', '推进 0139')).toBe('第0139号提案：这件提案还没有交办到处室，目前由政策法规处办理。');
    expect(await h.say('kf-staff2', '推进 0104')).toBe('第0104号提案：您不是这件提案的承办人（专人）。请联系本处负责人指定，或由承办人办理。');
  });

  it('not at this stage: staff read the stage, a member their words for it', async () => {
    await h.proposal(141, 3);
    expect(await h.say('head', '接收 0141')).toBe('这件提案目前处于“调研”环节，不能接收。');
    expect(await h.say('member', '反馈 0141 满意')).toBe('您的提案目前正在研究办理，暂时不能评价。');
  });

  it('a step that cannot be done now is refused before it asks for more', async () => {
    await h.proposal(142, 3);
    // 不满意 needs a reason, but the case has no reply to rate yet: no question first.
    expect(await h.say('member', '反馈 0142 不满意')).toBe('您的提案目前正在研究办理，暂时不能评价。');
    expect(await h.say('member', '措施不具体')).toMatch(/^没有看懂/);
  });

  it('统计 of another division by a division head is refused, not swapped for his own', async () => {
    expect(await h.say('otherHead', '统计 开发处')).toBe('处室负责人只能查看本处室（社会帮扶处）的统计。发送“统计”查看本处室，或“统计 本月”查看本月。');
    expect((await h.say('otherHead', '统计 帮扶处')).split('\n')[0]).toBe('提案办理统计（社会帮扶处）');
  });
});

describe('a division is not lead and co-handler of one case', () => {
  it('交办 naming the lead among the co-handlers is refused with the reason, and nothing is stored', async () => {
    const p = await h.proposal(190);
    expect(await h.say('coordinator', '交办 0190 主办:开发处 协办:开发处')).toBe(
      '开发指导处不能既是主办处室又是协办处室：请从协办处室中去掉它，或另选主办处室。',
    );
    expect(await h.say('coordinator', '交办 0190 主办:开发处 协办:帮扶处、开发指导处')).toContain('开发指导处不能既是主办处室又是协办处室');
    expect((await h.stored(190)).version).toBe(p.version);
    expect(await h.say('coordinator', '交办 0190 主办:开发处 协办:帮扶处')).toBe(`${L(190)}：已交办。当前环节：交办。`);
  });
});

describe('帮助 lists what this role may do', () => {
  const commands = (text: string) => [...text.matchAll(/^• (\S+)/gmu)].map((m) => m[1]);

  it('per role, only the commands the role matrix allows', async () => {
    const handler = commands(await h.say('handler', '帮助'));
    expect(handler).toEqual(expect.arrayContaining(['查', '我的', '推进', '沟通', '答复', '发文', '延期', '督办']));
    for (const w of ['交办', '签发', '归档', '统计', '阅批', '催办', '批准延期', '登记']) expect(handler).not.toContain(w);
    const leader = commands(await h.say('leader', '帮助'));
    expect(leader).toEqual(expect.arrayContaining(['签发', '阅批', '催办', '批准延期', '统计']));
    for (const w of ['答复', '交办', '沟通', '反馈']) expect(leader).not.toContain(w);
    const coordinator = commands(await h.say('coordinator', '帮助'));
    expect(coordinator).toEqual(expect.arrayContaining(['登记', '交办', '改派', '归档', '并案', '催办']));
    for (const w of ['签发', '反馈', '答复', '确认']) expect(coordinator).not.toContain(w);
    const member = commands(await h.say('member', '帮助'));
    expect(member).toEqual(['查', '我的', '更多', '反馈', '确认', '有异议', '帮助']);
    expect(handler.length).toBeLessThan(coordinator.length);
  });
});

describe('odd inputs', () => {
  it('a lone 。 in a private chat is not told to @ the bot; in a group it is', async () => {
    expect(await h.say('handler', '。')).toBe('这条消息里没有可以办理的内容。发送“我的”查看待办，发送“帮助”查看您可以使用的命令。');
    expect(await h.say('handler', '。', { chatType: 'group', chatId: 'g1', mentioned: true })).toBe('请在@我之后写命令，例如：@提案通 查 12');
  });

  it('a number answering a guided step is the answer (延期 → 30)', async () => {
    const p = await h.proposal(143, 3);
    expect(await h.say('handler', '延期 143')).toContain('请回复延期天数和理由');
    expect(await h.say('handler', '30')).toContain('请回复理由');
    expect(await h.say('handler', '需跨部门调研')).toBe(`${L(143)}：已申请延期 30 天，等待政策法规处或局领导审批。`);
    expect((await h.stored(143)).extensions).toMatchObject([{ days: 30, reason: '需跨部门调研', status: 'pending' }]);
    expect((await h.stored(143)).version).toBe(p.version + 1);
  });

  it('in the terminal a number under a card without buttons is sent as typed, never "1–0"', async () => {
    await h.proposal(144, 3);
    const out = await consoleChat(h.handler, 'wy-chen', ['查 144', '144']);
    expect(out).not.toContain('请选择');
    expect(out).not.toContain('之间的数字');
    expect(out.match(/┌ 第0144号/g)).toHaveLength(2);
  });
});
