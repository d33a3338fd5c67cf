/**
 * Plain words through the whole conversation: reads act at once, changes read from plain words
 * are shown back and act only on 确认, a near miss is suggested with one tap to run it, small
 * talk is answered kindly, an unknown message offers this person's likely next commands, and a
 * member's own words about a reply are taken as their rating.
 */
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../support/test-db.js';
import { cardOf, L, setUpHarness, textOf, type Harness } from './chat.harness.js';

useTestDb();
let h: Harness;
setUpHarness((x) => (h = x));

const button = (card: { buttons: { text: string; key: string }[] }, text: string) => card.buttons.find((b) => b.text === text)!.key;

describe('changes read from plain words wait for 确认', () => {
  it('102 催一下 shows what was understood; nothing happens until 确认', async () => {
    await h.proposal(402, 3);
    const card = cardOf(await h.send('coordinator', '402 催一下'));
    expect(card.title).toBe('请确认要办理的事项');
    expect(card.description).toBe(`${L(402)}\n办理：催办\n回复“确认”办理，回复“取消”放弃。`);
    expect(card.buttons.map((b) => b.text)).toEqual(['确认', '取消']);
    expect((await h.stored(402)).events.at(-1)!.action).toBe('designate');
    expect(await h.say('coordinator', '确认')).toBe(`${L(402)}：已催办，并提醒了钱专员。`);
    expect((await h.stored(402)).events.at(-1)!.action).toBe('chase');
  });

  it('the 确认 button acts the same; 取消 leaves the proposal alone', async () => {
    await h.proposal(403, 1);
    const card = cardOf(await h.send('head', '403接了'));
    expect(textOf(await h.click('head', button(card, '确认'), card.taskId))).toBe(`[已确认]\n${L(403)}：已接收。当前环节：调研。`);
    await h.proposal(404, 1);
    const other = cardOf(await h.send('head', '接收一下404'));
    expect(textOf(await h.click('head', button(other, '取消'), other.taskId))).toBe('[已取消]\n好的，已取消。');
    expect((await h.stored(404)).stage).toBe('assigned');
    expect(textOf(await h.click('head', button(other, '确认'), other.taskId))).toBe('这个确认已经失效（已办理、已取消或超过了时间），请重新发送命令。');
  });

  it('a contact in everyday words: the method from 打电话, the phase from the stage, the summary as typed', async () => {
    await h.proposal(405, 4);
    const card = cardOf(await h.send('handler', '405 打電話溝通了，委員很支持'));
    expect(card.description).toBe(`${L(405)}\n办理：沟通\n内容：办前 電話 打電話溝通了，委員很支持\n回复“确认”办理，回复“取消”放弃。`);
    expect(await h.say('handler', '好的')).toContain(`${L(405)}：已记录办前沟通（电话）。`);
    expect((await h.stored(405)).contacts.at(-1)).toMatchObject({ phase: 'before', method: 'phone', summary: '打電話溝通了，委員很支持' });
  });

  it('the grammar still acts at once, and 见面 is understood as the method', async () => {
    await h.proposal(406, 4);
    expect(await h.say('handler', '沟通 406 见面 听取委员意见')).toContain(`${L(406)}：已记录办前沟通（当面，见面）。`);
    expect(await h.say('handler', '沟通 406 去委员家里听取意见')).toContain(`${L(406)}：已记录办中对接（上门走访，见面）。`);
  });

  it('a change read from plain words needs a proposal number', async () => {
    expect(await h.say('coordinator', '帮我催一下')).toBe('请写上提案号。\n正确写法：催办 <提案号> [事项]\n例如：催办 12 请尽快与委员沟通');
  });
});

describe('reads act at once', () => {
  it.each(['407的进度', '查查407', '查詢 407', '407'])('%s shows the card', async (text) => {
    await h.proposal(407, 1).catch(() => undefined);
    expect(cardOf(await h.send('coordinator', text)).title).toContain('第0407号');
  });

  it('看看我的待办 lists the tasks', async () => {
    expect(await h.say('head', '看看我的待办')).toMatch(/^您有 \d+ 件待办/);
  });
});

describe('您是不是要……', () => {
  it('推近 suggests 推进 with the same arguments; one tap runs it', async () => {
    await h.proposal(408, 4);
    await h.say('handler', '沟通 408 办前 电话 听取意见');
    const card = cardOf(await h.send('handler', '推近 408'));
    expect(card.title).toBe('您是不是要：推进 408');
    expect(card.description).toBe('“推近”不是命令，最接近的是“推进”。回复“是”或点“是”即可办理，回复“取消”放弃。');
    expect(textOf(await h.click('handler', button(card, '是'), card.taskId))).toBe(`[已确认]\n${L(408)}：已推进。当前环节：会审。`);
  });

  it('交半 keeps the person’s own arguments, and “是” runs it', async () => {
    await h.proposal(409, 0);
    expect(cardOf(await h.send('coordinator', '交半 409 主辦:開發處')).title).toBe('您是不是要：交办 409 主辦:開發處');
    expect(await h.say('coordinator', '是')).toBe(`${L(409)}：已交办。当前环节：交办。`);
  });
});

describe('small talk and the unknown', () => {
  it.each([
    ['谢谢', '不客气！有需要随时发消息给我。'],
    ['好的，收到', '好的。发送“我的”可以查看您的待办。'],
    ['👍', '好的。发送“我的”可以查看您的待办。'],
    ['你好', '赵处长您好！发送“我的”查看待办，发送“帮助”查看全部命令。'],
  ])('%s → %s', async (text, reply) => {
    expect(await h.say('head', text)).toBe(reply);
  });

  it('an unknown message offers the commands for this person’s most urgent tasks', async () => {
    await h.proposal(410, 1);
    const reply = await h.say('head', '今天天气不错');
    expect(reply).toMatch(/^没有看懂“今天天气不错”。您现在可能要：\n• (接收|指定) 0\d+( <姓名>)?（第0\d+号《关于推进乡村振兴的提案》待(接收|指定承办人)）/);
    expect(reply.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(3);
    expect(reply.endsWith('发送“帮助”查看全部命令。')).toBe(true);
  });
});

describe('members in their own words', () => {
  it('挺满意的，谢谢 is read as 满意 with the comment, confirmed back, then recorded', async () => {
    await h.proposal(411, 11);
    const card = cardOf(await h.send('member', '挺满意的，谢谢'));
    expect(card.description).toBe(`${L(411)}\n办理：反馈\n内容：满意 挺满意的，谢谢\n回复“确认”办理，回复“取消”放弃。`);
    expect(await h.say('member', '确认')).toBe(`${L(411)}：谢谢您的评价！`);
    expect((await h.stored(411)).feedback.at(-1)).toMatchObject({ rating: 'satisfied', comment: '挺满意的，谢谢' });
  });

  it('不太满意，措施没落实 is 不满意 with its reason', async () => {
    await h.proposal(412, 11);
    const card = cardOf(await h.send('member', '不太满意，措施没落实'));
    expect(card.description).toContain('内容：不满意 不太满意，措施没落实');
    expect(await h.say('member', '确认')).toBe(`${L(412)}：已收到您的意见。我们将重新办理，并尽快再次答复您。`);
    expect((await h.stored(412)).feedback.at(-1)).toMatchObject({ rating: 'dissatisfied', comment: '不太满意，措施没落实' });
  });

  it('with two replies awaiting a rating, the member picks one, then confirms', async () => {
    await h.proposal(413, 11);
    await h.proposal(414, 11);
    const list = await h.say('member', '基本满意吧，希望继续推进');
    expect(list).toMatch(/^找到 2 件提案，请回复序号选择：\n1\. 第0413号.*\n2\. 第0414号/);
    expect(cardOf(await h.send('member', '2')).description).toBe(
      `${L(414)}\n办理：反馈\n内容：基本满意 基本满意吧，希望继续推进\n回复“确认”办理，回复“取消”放弃。`,
    );
    expect(await h.say('member', '确认')).toBe(`${L(414)}：谢谢您的评价！`);
    expect((await h.stored(414)).feedback.at(-1)).toMatchObject({ rating: 'basic', comment: '基本满意吧，希望继续推进' });
    expect((await h.stored(413)).feedback).toHaveLength(0);
  });
});
