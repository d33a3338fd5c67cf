/**
 * What people type, as they type it: traditional characters and variant forms are understood,
 * the ledger keeps the original characters, over-long or malformed messages are answered with
 * the limit, and a digit or a button never acts on a proposal the person did not mean.
 */
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../support/test-db.js';
import { cardOf, consoleChat, L, setUpHarness, textOf, type Harness } from './chat.harness.js';

useTestDb();
let h: Harness;
setUpHarness((x) => (h = x));

describe('traditional characters and variant forms', () => {
  it('溝通 in traditional characters is logged, with the summary stored as typed', async () => {
    await h.proposal(139, 4);
    expect(await h.say('handler', '溝通 139 辦前 電話 與委員電話溝通了，委員很支持。')).toContain(`${L(139)}：已记录办前沟通（电话）。`);
    expect((await h.stored(139)).contacts.at(-1)!.summary).toBe('與委員電話溝通了，委員很支持。');
  });

  it('催辦 with a traditional note: the note is kept as typed, in the ledger and in the notice', async () => {
    await h.proposal(102, 3);
    expect(await h.say('coordinator', '催辦 102 請儘快與委員溝通')).toBe(`${L(102)}：已催办，并提醒了钱专员。`);
    expect((await h.stored(102)).events.at(-1)!.note).toBe('請儘快與委員溝通');
    const notice = h.outbox.at(-1)!.body;
    expect(notice).toMatchObject({ type: 'text', text: expect.stringContaining('提醒您抓紧办理：請儘快與委員溝通') });
  });

  it('查 第０１０２號 and 査 102 find the proposal', async () => {
    expect(cardOf(await h.send('coordinator', '查 第０１０２號')).title).toContain('第0102号');
    expect(cardOf(await h.send('coordinator', '査 102')).title).toContain('第0102号');
  });

  it('a reply summary keeps its full-width punctuation; the measures too', async () => {
    await h.proposal(103, 6);
    await h.say('handler', '答复 103 B 采纳建议，列入明年计划（分两步） 措施：1．出台扶持办法；2．设立专项资金');
    const p = await h.stored(103);
    expect(p.reply!.summary).toBe('采纳建议，列入明年计划（分两步）');
    expect(p.measures.map((m) => m.text)).toEqual(['出台扶持办法', '设立专项资金']);
  });

  it('正文 keeps its lines as the letter’s paragraphs, full-width punctuation as typed; a member may not write it', async () => {
    await h.proposal(105, 7);
    const body = '陈委员：您好！您提出的提案收悉，现答复如下：\n一、关于资金（第一点建议）：已列入明年预算。\n二、关于培训；将组织不少于300人次！';
    expect(await h.say('member', '正文 105 委员写的')).not.toContain('已撰写答复正文');
    expect((await h.stored(105)).reply!.body).toBeUndefined();
    expect(await h.say('handler', `正文 105 ${body}`)).toContain(`${L(105)}：已撰写答复正文`);
    const p = await h.stored(105);
    expect(p.reply!.body).toBe(body);
    expect(p.events.at(-1)).toMatchObject({ action: 'replyBody', note: '正文共 3 段' });
  });

  it('an answer to a guided step is stored as typed', async () => {
    await h.proposal(104, 1);
    expect(await h.say('head', '退回 104')).toContain('请回复退回理由');
    await h.say('head', '不屬於本處職責，請改派。');
    expect((await h.stored(104)).returns.at(-1)!.reason).toBe('不屬於本處職責，請改派。');
  });
});

describe('messages beyond the limits', () => {
  it('a message over 8192 characters is answered with the limit', async () => {
    const text = `阅批 102 ${'请抓紧'.repeat(3000)}`;
    expect(await h.say('leader', text)).toBe(`这条消息有 ${text.length} 个字，超过了每条 8192 个字的上限，没有处理。请分几条发送，或把要点写短一些。`);
    expect((await h.stored(102)).instructions).toHaveLength(0);
  });

  it('a voice message WeCom could not transcribe is answered', async () => {
    expect(await h.say('head', '', { fromVoice: true })).toBe('没有听清这条语音。请再说一遍，或直接打字，例如：查 12');
  });

  it('a sender id over 64 characters is answered, not dropped', async () => {
    expect(await h.say('x'.repeat(65), '查 102')).toBe('无法识别发送人：企业微信账号超过了 64 个字符的上限，消息没有处理。请联系政策法规处核对您的账号。');
  });
});

describe('no action on the wrong proposal', () => {
  it('in the terminal, a number after a list picks from the list, not a button of the older card', async () => {
    await h.proposal(151, 3, { title: '关于农村人居环境整治的提案' });
    await h.proposal(152, 3, { title: '关于农村人居环境监测的提案' });
    await h.proposal(153, 3, { title: '关于农村人居环境投入的提案' });
    const before = (await h.stored(151)).events.length;
    const text = await consoleChat(h.handler, 'zf-staff', ['查 151', '查 农村人居环境', '3']);
    expect(text).toContain('找到 3 件提案，请回复序号选择');
    expect(text).toContain('┌ 第0153号');
    expect((await h.stored(151)).events).toHaveLength(before);
  });

  it('a button of a card that is not the newest names the proposal and acts only on 确认', async () => {
    await h.proposal(161, 1);
    await h.proposal(162, 1);
    const old = cardOf(await h.send('head', '查 161'));
    cardOf(await h.send('head', '查 162'));
    const accept = old.buttons.find((b) => b.text === '接收')!.key;
    expect(textOf(await h.click('head', accept, old.taskId))).toBe(
      '您按的是一张较早的卡片上的按钮，对应第0161号《关于推进乡村振兴的提案》。确认要对这件提案办理“接收”吗？回复“确认”办理，回复“取消”放弃。',
    );
    expect((await h.stored(161)).stage).toBe('assigned');
    expect(await h.say('head', '确认')).toBe(`[已接收 · 赵处长 09-28 10:00]\n${L(161)}：已接收。当前环节：调研。`);
    expect((await h.stored(161)).stage).toBe('researching');
  });

  it('取消 leaves the older card alone', async () => {
    await h.proposal(163, 1);
    await h.proposal(164, 1);
    const old = cardOf(await h.send('head', '查 163'));
    cardOf(await h.send('head', '查 164'));
    await h.click('head', old.buttons.find((b) => b.text === '接收')!.key, old.taskId);
    expect(await h.say('head', '取消')).toBe('好的，已取消。');
    expect((await h.stored(163)).stage).toBe('assigned');
  });
});
