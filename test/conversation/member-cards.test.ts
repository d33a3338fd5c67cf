/**
 * Members' cards match the case as it stands (issue 15 item 2): a 协办 case says the reply is the
 * lead unit's and offers no rating; a rating button of an old card is refused before it asks for a
 * reason; a dispute reaches the coordinators and the handling division with the member's words.
 */
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../support/test-db.js';
import { cardOf, L, setUpHarness, textOf, type Harness } from './chat.harness.js';

useTestDb();
let h!: Harness;
setUpHarness((x) => (h = x));

describe('member cards', () => {
  it("a 协办 case past its opinion: progress in 协办 words, the reply is the lead unit's, no rating buttons", async () => {
    let p = await h.proposal(401, 0, { handlingType: 'co', externalLeadUnit: '省民政厅' });
    p = await h.perform(p, 'coordinator', { type: 'assign', leadDivision: 'kfzd' });
    p = await h.perform(p, 'head', { type: 'accept' });
    p = await h.perform(p, 'head', { type: 'designate', handlerUserid: 'kf-staff' });
    p = await h.perform(p, 'handler', { type: 'advance' });
    p = await h.perform(p, 'handler', { type: 'logContact', phase: 'before', method: 'phone', summary: '电话听取意见' });
    p = await h.perform(p, 'handler', { type: 'sendCoOpinion', text: '同意主办单位意见' });
    let card = cardOf(await h.send('member', '查 401'));
    expect(card.fields).toContainEqual({ key: '办理进度', value: '本局协办意见已送主办单位' });
    expect(card.fields).toContainEqual({ key: '答复', value: '由主办单位（省民政厅）答复' });
    p = await h.perform(p, 'handler', { type: 'advance' });
    expect(p.stage).toBe('feedback');
    card = cardOf(await h.send('member', '查 401'));
    expect(card.fields).toContainEqual({ key: '办理进度', value: '本局协办意见已送主办单位，答复由主办单位发出' });
    expect(card.fields).not.toContainEqual(expect.objectContaining({ value: expect.stringContaining('欢迎评价') }));
    expect(card.buttons).toEqual([]);
    expect(await h.say('member', '我的')).toContain('第0401号《关于推进乡村振兴的提案》 · 本局协办意见已送主办单位，答复由主办单位发出');
  });

  it('a lead case awaiting rating offers the rating buttons; once rated, 不满意 on the old card is refused at once', async () => {
    const p = await h.proposal(402, 10);
    const card = cardOf(await h.send('member', '查 402'));
    expect(card.buttons.map((b) => b.text).slice(0, 3)).toEqual(['满意', '基本满意', '不满意']);
    await h.perform(p, 'member', { type: 'feedback', rating: 'satisfied' });
    // Only the (still open) confirmation of the visit is left.
    expect(cardOf(await h.send('member', '查 402')).buttons.map((b) => b.text)).toEqual(['确认属实', '有异议']);
    const dissatisfied = card.buttons.find((b) => b.text === '不满意')!;
    expect(textOf(await h.click('member', dissatisfied.key, card.taskId))).toBe('您已经评价过本次答复，谢谢。');
    // No question was left pending: the member's next words are not taken as a reason.
    expect(await h.say('member', '措施不具体')).not.toContain('已收到您的意见');
    expect((await h.stored(402)).feedback).toHaveLength(1);
  });

  it('after archiving, a rating button of an old card says the case is closed, without asking for a reason', async () => {
    const p = await h.proposal(403, 11);
    const card = cardOf(await h.send('member', '查 403'));
    for (const [who, cmd] of [
      ['member', { type: 'feedback', rating: 'basic' }],
      ['handler', { type: 'advance' }],
      ['coordinator', { type: 'archive' }],
    ] as const)
      await h.perform(await h.stored(403), who, cmd);
    expect((await h.stored(403)).stage).toBe('archived');
    const reply = textOf(await h.click('member', card.buttons.find((b) => b.text === '不满意')!.key, card.taskId));
    expect(reply).toBe('您的提案目前已办结，暂时不能评价。');
    expect(p.id).toBe((await h.stored(403)).id);
  });
});

describe('a dispute', () => {
  it("reaches the coordinators, the lead division's head and the handler with the member's words", async () => {
    await h.proposal(404, 5); // a face-to-face visit logged, awaiting the member's confirmation
    h.outbox.length = 0;
    expect(await h.say('member', '有异议 404 我没有参加这次座谈')).toBe(`${L(404)}：已记录您的异议，政策法规处会核实。`);
    const told = h.outbox.filter((m) => m.key.startsWith('notice:') && JSON.stringify(m.body).includes('我没有参加这次座谈'));
    expect(told.map((m) => (m.to.kind === 'user' ? m.to.userid : m.to.kind)).sort()).toEqual(['kf-head', 'kf-staff', 'zf-staff']);
    expect(told.every((m) => JSON.stringify(m.body).includes('委员有异议'))).toBe(true);
  });
});
