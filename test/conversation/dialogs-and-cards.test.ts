/**
 * Guided steps across a restart, card clicks (direct, guided, concurrent), members' view,
 * contact confirmation and photo evidence, group chats and forgiving input.
 */
import { describe, expect, it } from 'vitest';
import { decodeButton } from '../../src/conversation/button.codec.js';
import { createEvidenceStore } from '../../src/store/evidence.store.js';
import { DialogModel } from '../../src/store/models/dialog.model.js';
import { people } from '../fixtures/ledger.fixture.js';
import { useTestDb } from '../support/test-db.js';
import { cardOf, L, pad, setUpHarness, textOf, type Harness } from './chat.harness.js';

useTestDb();
let h: Harness;
setUpHarness((x) => (h = x));

const keyFor = (card: { buttons: { text: string; key: string }[] }, text: string): string => {
  const b = card.buttons.find((x) => x.text === text);
  if (!b) throw new Error(`no button ${text} in ${card.buttons.map((x) => x.text).join(',')}`);
  return b.key;
};

describe('guided steps', () => {
  it('登记 runs step by step, survives a restart, re-asks on a bad answer and registers', async () => {
    expect(await h.say('coordinator', '登记')).toBe('开始登记新提案，共 6 步，随时回复“取消”可结束。\n第1步：请回复届次，例如：十三届四次');
    expect(await h.say('coordinator', '十三届四次')).toBe('第2步：请回复提案号，例如：0102；人大代表建议请在编号前写“建议”，例如：建议0102');
    expect(await h.say('coordinator', '零一零二a')).toBe('提案号应是数字。\n第2步：请回复提案号，例如：0102；人大代表建议请在编号前写“建议”，例如：建议0102');
    expect(await h.say('coordinator', '第２０１号')).toBe('第3步：请回复案由，例如：关于健全防止返贫动态监测机制的提案');
    const after = h.restart(); // a new process on the same database
    expect(textOf(await h.send('coordinator', '关于发展庭院经济的提案', {}, after))).toBe(
      '第4步：请回复提案人姓名，多位用顿号分开，第一位为第一提案人，例如：卢涛、李国庆',
    );
    expect(textOf(await h.send('coordinator', '陈委员、李四', {}, after))).toContain('第5步');
    expect(textOf(await h.send('coordinator', '协办', {}, after))).toBe(
      '请回复“主办”，或“协办”加主办单位。\n第5步：本局是主办还是协办？回复“主办”，或“协办 <主办单位>”，例如：协办 省财政厅',
    );
    expect(textOf(await h.send('coordinator', '主办', {}, after))).toContain('第6步');
    expect(textOf(await h.send('coordinator', '是', {}, after))).toBe(
      '已登记第0201号《关于发展庭院经济的提案》（十三届四次），当前环节：登记。下一步请交办，例如：交办 0201 主办:开发处',
    );
    const [p] = await h.core.proposals.findByNumber('0201', '十三届四次');
    expect(p).toMatchObject({ isKey: true, handlingType: 'lead', proposers: [{ name: '陈委员', userid: 'wy-chen' }], coSigners: ['李四'] });
  });

  it('登记 is refused up front to those who may not register', async () => {
    expect(await h.say('head', '登记')).toBe('您没有这项操作的权限：只有政策法规处提案协调人员可以办理。');
  });

  it('取消 ends a step; an expired step is forgotten', async () => {
    await h.proposal(301, 1);
    expect(await h.say('head', '退回 301')).toContain('请回复退回理由');
    expect(await h.say('head', '取消')).toBe('好的，已取消。');
    expect(await h.say('head', '取消')).toBe('当前没有进行中的操作。');
    expect(await h.say('head', '退回 301')).toContain('请回复退回理由');
    h.clock.at = new Date(h.clock.at.getTime() + 31 * 60_000);
    const reply = await h.say('head', '职责不符');
    expect(reply).toContain('没有看懂“职责不符”。您现在可能要：');
    expect(reply).toContain('• 接收 0301（第0301号《关于推进乡村振兴的提案》待接收）');
  });

  it('a step left waiting by the previous version is told to have lapsed, not answered; a new command still runs', async () => {
    await h.proposal(305, 1);
    const key = `ask:console:${people.head.userid}:${people.head.userid}`;
    const old = { type: 'complete', verb: '退回', proposalId: (await h.stored(305)).id, args: '' };
    const expiresAt = new Date(h.clock.now().getTime() + 10 * 60_000);
    await DialogModel.updateOne({ _id: key }, { $set: { userid: people.head.userid, state: old, expiresAt } }, { upsert: true });
    expect(await h.say('head', '职责不符')).toBe('提案通已更新，您之前未完成的操作已失效，没有办理。请重新发送命令，例如：查 12');
    expect((await h.stored(305)).stage).toBe('assigned');
    await DialogModel.updateOne({ _id: key }, { $set: { userid: people.head.userid, state: old, expiresAt } }, { upsert: true });
    expect(await h.say('head', '接收 305')).toBe(`${L(305)}：已接收。当前环节：调研。`);
    // A button of an older card waiting for 确认, stored with its raw key: 确认 is told it lapsed.
    const button = { type: 'confirm', action: { kind: 'button', key: `advance|${(await h.stored(305)).id}|3`, taskId: 't-old' } };
    await DialogModel.updateOne({ _id: key }, { $set: { userid: people.head.userid, state: button, expiresAt } }, { upsert: true });
    expect(await h.say('head', '确认')).toBe('提案通已更新，您之前未完成的操作已失效，没有办理。请重新发送命令，例如：查 12');
    expect((await h.stored(305)).stage).toBe('researching');
    // A command read from plain words waiting for 确认, stored by its Chinese word: 确认 does not run it.
    const command = { type: 'confirm', action: { kind: 'command', verb: '推进', proposalId: (await h.stored(305)).id, args: '' } };
    await DialogModel.updateOne({ _id: key }, { $set: { userid: people.head.userid, state: command, expiresAt } }, { upsert: true });
    expect(await h.say('head', '确认')).toBe('提案通已更新，您之前未完成的操作已失效，没有办理。请重新发送命令，例如：查 12');
    expect((await h.stored(305)).stage).toBe('researching');
    // A pick list stored by its Chinese word: the chosen number does not run it.
    const pick = { type: 'pick', verb: '推进', args: '', candidates: [(await h.stored(305)).id] };
    await DialogModel.updateOne({ _id: key }, { $set: { userid: people.head.userid, state: pick, expiresAt } }, { upsert: true });
    expect(await h.say('head', '1')).toBe('提案通已更新，您之前未完成的操作已失效，没有办理。请重新发送命令，例如：查 12');
    expect((await h.stored(305)).stage).toBe('researching');
  });

  it('a new command instead of an answer drops the step', async () => {
    await h.proposal(302, 1);
    await h.say('head', '退回 302');
    expect(await h.say('head', '接收 302')).toBe(`${L(302)}：已接收。当前环节：调研。`);
  });

  it('a keyword matching several proposals gives a numbered list; the reply picks one', async () => {
    await h.proposal(303, 0, { title: '关于庭院经济甲的提案' });
    await h.proposal(304, 0, { title: '关于庭院经济乙的提案' });
    expect(await h.say('coordinator', '交办 庭院经济 开发处')).toBe(
      '找到 3 件提案，请回复序号选择：\n1. 第0201号《关于发展庭院经济的提案》（十三届四次 · 登记）\n2. 第0303号《关于庭院经济甲的提案》（十二届五次 · 登记）\n3. 第0304号《关于庭院经济乙的提案》（十二届五次 · 登记）（回复“取消”可结束）',
    );
    expect(await h.say('coordinator', '7')).toBe('请回复 1–3 之间的序号，例如：1。回复“取消”可结束。');
    expect(await h.say('coordinator', '3')).toBe('第0304号《关于庭院经济乙的提案》：已交办。当前环节：交办。');
  });
});

describe('cards', () => {
  it('查 shows a card with the stage, division, handler, deadline and the buttons this person may press', async () => {
    await h.proposal(310, 1);
    const card = cardOf(await h.send('head', '查 310'));
    expect(card.title).toBe(`第0310号 ${'关于推进乡村振兴的提案'}`);
    expect(card.fields).toEqual([
      { key: '环节', value: '交办' },
      { key: '主办处室', value: '开发指导处' },
      { key: '承办人', value: '未指定' },
      { key: '下一期限', value: '办前沟通 2026年10月23日' },
      { key: '沟通', value: '无' },
    ]);
    expect(card.buttons.map((b) => b.text)).toEqual(['接收', '退回', '指定承办人']);
    expect(cardOf(await h.send('leader', '查 310')).buttons.map((b) => b.text)).toEqual(['阅批', '催办']);
  });

  it('a click acts and updates the card; a second click is told who did it', async () => {
    await h.proposal(311, 1);
    const card = cardOf(await h.send('head', '查 311'));
    const first = await h.click('head', keyFor(card, '接收'), card.taskId);
    expect(first[0]).toEqual({ type: 'cardUpdate', taskId: card.taskId, replaceName: '已接收 · 赵处长 09-28 10:00' });
    expect(textOf(first.slice(1))).toBe(`${L(311)}：已接收。当前环节：调研。`);
    expect(textOf(await h.click('coordinator', keyFor(card, '接收'), card.taskId))).toBe(`${L(311)}已由赵处长于 09-28 10:00 接收，无需重复操作。`);
  });

  it('the 签发 card shows the reply and its measures; after a send-back an old 签发 button says it was sent back', async () => {
    await h.proposal(319, 8);
    const card = cardOf(await h.send('leader', '查 319'));
    expect(card.fields).toContainEqual({ key: '答复摘要', value: '采纳建议' });
    expect(card.fields).toContainEqual({ key: '落实措施', value: '1. 出台扶持办法' });
    expect(await h.say('leader', '签发 319 退回 措施请写明资金数额')).toContain('退回');
    expect(textOf(await h.click('leader', keyFor(card, '签发'), card.taskId))).toBe(
      `这张卡片已过期：李局长于 09-28 10:00 对${L(319)}办理了“签发退回”。请发送“查 0319”查看最新情况。`,
    );
    const handlerCard = cardOf(await h.send('handler', '查 319'));
    expect(handlerCard.fields).toContainEqual({ key: '退回意见', value: '李局长：措施请写明资金数额' });
  });

  it('two concurrent clicks on the same card apply once', async () => {
    const p = await h.proposal(312, 8);
    const card = cardOf(await h.send('leader', '查 312'));
    const key = keyFor(card, '签发');
    const [a, b] = await Promise.all([h.click('leader', key, card.taskId), h.click('leader', key, card.taskId)]);
    const texts = [textOf(a), textOf(b)].sort();
    expect(texts).toEqual(
      [`${L(312)}已由李局长于 09-28 10:00 签发，无需重复操作。`, `[已签发 · 李局长 09-28 10:00]\n${L(312)}：已签发。当前环节：答复。`].sort(),
    );
    const stored = await h.core.ledger.get(p.id, { userid: 'zf-staff', name: '王协调', roles: ['coordinator'] });
    expect(stored.version).toBe(p.version + 1);
    expect(stored.events.filter((e) => e.action === 'signOff')).toHaveLength(1);
  });

  it('a stale card after another step says what happened instead', async () => {
    await h.proposal(313, 3);
    const card = cardOf(await h.send('handler', '查 313'));
    await h.say('coordinator', '阅批 313 抓紧'); // refused: coordinator is not a leader; nothing changes
    await h.say('leader', '阅批 313 抓紧');
    expect(textOf(await h.click('handler', keyFor(card, '推进到沟通'), card.taskId))).toBe(
      `这张卡片已过期：李局长于 09-28 10:00 对${L(313)}办理了“阅批”。请发送“查 0313”查看最新情况。`,
    );
  });

  it('a button needing input starts a guided step', async () => {
    await h.proposal(314, 1);
    const card = cardOf(await h.send('head', '查 314'));
    expect(textOf(await h.click('head', keyFor(card, '退回'), card.taskId))).toBe(`${L(314)}\n请回复退回理由，例如：不属于本处职责（回复“取消”可结束）`);
    expect(await h.say('head', '不属于本处职责')).toBe(`${L(314)}：已退回。当前环节：登记。`);
  });

  it('keys are checked: a forged or foreign key is refused politely', async () => {
    expect(decodeButton('drop|x|y')).toBeUndefined();
    expect(textOf(await h.click('head', 'accept|no-such-id|1'))).toBe('没有找到这件提案，请核对提案号。');
    expect(textOf(await h.click('head', 'rm -rf'))).toBe('这个按钮已失效，请发送“查 <提案号>”重新查看。');
  });
});

describe('members', () => {
  it('see their own proposal in plain words and rate it from the card', async () => {
    const p = await h.proposal(320, 10);
    const card = cardOf(await h.send('member', '查 320'));
    expect(card.fields).toEqual([
      { key: '办理进度', value: '已答复，措施落实中' },
      { key: '承办处室', value: '开发指导处' },
      { key: '见面沟通', value: '1 次' },
      { key: '答复', value: '已答复（乡振函〔2026〕1号）' },
    ]);
    // The visit logged on the way is still unconfirmed, so the member may confirm it here too.
    expect(card.buttons.map((b) => b.text)).toEqual(['满意', '基本满意', '不满意', '确认属实', '有异议']);
    const out = await h.click('member', keyFor(card, '基本满意'), card.taskId);
    expect(textOf(out)).toBe(`[已评价 · 陈委员 09-28 10:00]\n${L(320)}：谢谢您的评价！`);
    const stored = await h.core.proposals.findById(p.id);
    expect(stored?.feedback).toMatchObject([{ rating: 'basic', by: 'wy-chen' }]);
  });

  it("cannot see or act on another member's proposal", async () => {
    const p = await h.proposal(321, 10);
    // A member is never told that a proposal not theirs exists.
    expect(await h.say('otherMember', '查 321')).toBe('您的提案中没有第321号。发送“我的”查看您的提案，例如：查 12');
    expect(await h.say('otherMember', '反馈 321 不满意 乱写')).toBe('您的提案中没有第321号。发送“我的”查看您的提案，例如：查 12');
    expect(textOf(await h.click('otherMember', `satisfied|${p.id}|${p.version}`))).toBe(
      '这件提案不在您的办理范围内，无法查看或操作。如需办理，请联系政策法规处。',
    );
    expect((await h.core.proposals.findById(p.id))?.feedback).toEqual([]);
  });

  it('are asked to confirm a face-to-face contact by a card through the outbox, and confirm it', async () => {
    await h.proposal(322, 4);
    await h.say('handler', '沟通 322 办前 上门走访 听取意见');
    const queued = h.outbox.filter((m) => m.purpose.startsWith('confirmContact'));
    expect(queued.at(-1)?.to).toEqual({ kind: 'user', userid: 'wy-chen' });
    const body = queued.at(-1)!.body;
    if (body.type !== 'card') throw new Error('expected a card');
    expect(body.card.title).toBe('请确认见面沟通：第0322号提案');
    expect(body.card.description).toBe('2026年9月28日 钱专员与您上门走访沟通：听取意见');
    const out = await h.click('member', keyFor(body.card, '确认属实'), body.card.taskId);
    expect(textOf(out)).toBe(`[已确认沟通 · 陈委员 09-28 10:00]\n${L(322)}：谢谢！已确认这次见面沟通。`);
    expect(cardOf(await h.send('coordinator', '查 322')).fields).toContainEqual({ key: '沟通', value: '1 次，见面 1 次（已确认 1）' });
    expect(textOf(await h.click('member', keyFor(body.card, '确认属实'), body.card.taskId))).toBe('这条沟通记录已经确认，无需重复操作。');
  });

  it('我的 lists their proposals with what they are asked to do', async () => {
    expect(await h.say('otherMember', '我的')).toBe('目前没有您正在办理中的提案。');
    const text = await h.say('member', '我的');
    expect(text).toMatch(/^您的提案共 \d+ 件(（第 1\/\d+ 页）)?：\n1\. /);
    expect(text).toContain('· 已答复，措施落实中 · 请您评价');
    expect(text).toContain('· 正在研究办理');
    expect(text).not.toMatch(/调研|会审|签发/);
  });
});

describe('photos after a visit', () => {
  it('a photo right after logging a contact is stored in GridFS and shown with the contact', async () => {
    await h.proposal(330, 4);
    await h.say('handler', '沟通 330 办前 上门走访 听取意见');
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(2000, 7)]);
    const out = await h.send('handler', '', { kind: 'image', fetch: async () => jpeg } as never);
    expect(textOf(out)).toBe(`${L(330)}：照片已保存为沟通证明材料（这次沟通共 1 张）。`);
    const p = (await h.core.proposals.findByNumber('0330'))[0]!;
    expect(await createEvidenceStore().read(p.contacts[0]!.evidence[0]!)).toEqual(jpeg);
    expect(cardOf(await h.send('handler', '查 330')).fields).toContainEqual({ key: '沟通', value: '1 次，见面 1 次（已确认 0）' + '，照片 1 张' });
  });

  it('too large, or too late, is refused with a reason', async () => {
    await h.proposal(331, 4);
    await h.say('handler', '沟通 331 办前 座谈 座谈会');
    const big = Buffer.alloc(5 * 1024 * 1024 + 1);
    expect(textOf(await h.send('handler', '', { kind: 'image', fetch: async () => big } as never))).toBe(
      '照片太大了（超过 5 MB），没有保存。请压缩后重新发送。',
    );
    h.clock.at = new Date(h.clock.at.getTime() + 11 * 60_000);
    expect(textOf(await h.send('handler', '', { kind: 'image', fetch: async () => Buffer.alloc(10) } as never))).toBe(
      '收到照片，但没有找到您 10 分钟内记录的沟通。请先记录沟通（例如：沟通 12 办前 上门走访 听取意见），再发送照片。',
    );
  });
});

describe('forgiving input and group chats', () => {
  it('takes a voice transcript with full-width punctuation and Chinese numerals', async () => {
    await h.proposal(340, 1);
    expect(await h.say('head', '接收第三百四十号。', { fromVoice: true } as never)).toBe(`${L(340)}：已接收。当前环节：调研。`);
    expect(await h.say('head', '指定　340　钱专员')).toBe(`${L(340)}：已指定承办人。当前环节：调研。承办人：钱专员。`);
  });

  it('in a group acts only when @-mentioned, and names the proposal even in a refusal', async () => {
    await h.proposal(341, 1);
    const group = { chatType: 'group', chatId: 'grp-1' } as const;
    expect(await h.send('head', '接收 341', { ...group, mentioned: false } as never)).toEqual([]);
    expect(await h.say('head', '@提案通 接收 341', { ...group, mentioned: true } as never)).toBe(`${L(341)}：已接收。当前环节：调研。`);
    expect(await h.say('head', '@提案通 接收 341', { ...group, mentioned: true } as never)).toBe(`${L(341)}：这件提案目前处于“调研”环节，不能接收。`);
  });

  it('我的 puts the most urgent first', async () => {
    const text = await h.say('head', '我的');
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^您有 \d+ 件待办（最紧急的在前）：$/);
    expect(lines.some((l) => l.includes(`第${pad(310)}号`) && l.includes('待接收'))).toBe(true);
  });
});
