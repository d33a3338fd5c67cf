/**
 * 撤销 in chat: shown first, done on 确认, refused with the reason per role and time (the
 * harness clock moves, nothing waits), and those told about the undone step get a correction.
 */
import { describe, expect, it } from 'vitest';
import { useTestDb } from '../support/test-db.js';
import { cardOf, L, NOW, setUpHarness, type Harness } from './chat.harness.js';

useTestDb();
let h: Harness;
setUpHarness((x) => (h = x));

const minutes = (m: number) => (h.clock.at = new Date(NOW.getTime() + m * 60_000));

describe('撤销', () => {
  it('one’s own step within 10 minutes: shown, then undone on 确认, as an audit event of its own', async () => {
    await h.proposal(501, 1);
    await h.say('head', '接收 501');
    minutes(9);
    const card = cardOf(await h.send('head', '撤销 501'));
    expect(card.description).toBe(`${L(501)}\n撤销：赵处长于 09-28 10:00 办理的“接收”\n回复“确认”撤销，回复“取消”放弃。`);
    expect((await h.stored(501)).stage).toBe('researching');
    expect(await h.say('head', '确认')).toBe(`${L(501)}：已撤销“接收”。当前环节：交办。`);
    const p = await h.stored(501);
    expect(p.stage).toBe('assigned');
    expect(p.events.map((e) => e.action).slice(-2)).toEqual(['accept', 'undo']);
  });

  it('without a number, the sender’s own latest step; in plain words too', async () => {
    await h.proposal(502, 1);
    await h.say('head', '接收 502');
    expect(cardOf(await h.send('head', '刚才那条撤回')).description).toContain(`${L(502)}\n撤销：赵处长`);
    expect(await h.say('head', '确认')).toBe(`${L(502)}：已撤销“接收”。当前环节：交办。`);
  });

  it('is refused after 10 minutes, and once someone else acted since', async () => {
    await h.proposal(503, 1);
    await h.say('head', '接收 503');
    minutes(11);
    expect(await h.say('head', '撤销 503')).toBe('“接收”已超过 10 分钟，不能自行撤销。如需更正，请联系政策法规处。');
    await h.proposal(504, 1);
    h.clock.at = NOW;
    await h.say('head', '接收 504');
    await h.say('coordinator', '催办 504');
    expect(await h.say('head', '撤销 504')).toBe('这件提案最近一步是王协调办理的“催办”，您不能撤销。如需更正，请联系政策法规处。');
  });

  it('someone else’s step is refused to staff; the coordinator undoes it with a reason', async () => {
    await h.proposal(505, 1);
    await h.say('head', '接收 505');
    minutes(60);
    expect(await h.say('leader', '撤销 505')).toBe('这件提案最近一步是赵处长办理的“接收”，您不能撤销。如需更正，请联系政策法规处。');
    expect(await h.say('coordinator', '撤销 505')).toBe('撤销他人办理的或超时的“接收”，请写明理由，例如：撤销 12 误操作。');
    cardOf(await h.send('coordinator', '撤销 505 處室誤點，已電話確認'));
    expect(await h.say('coordinator', '确认')).toBe(`${L(505)}：已撤销“接收”。当前环节：交办。`);
    expect((await h.stored(505)).events.at(-1)).toMatchObject({ action: 'undo', actor: { userid: 'zf-staff' }, note: '撤销“接收”：處室誤點，已電話確認' });
  });

  it('notices already sent about the step are followed by a correction', async () => {
    await h.proposal(506, 3);
    await h.say('coordinator', '催办 506 请尽快');
    const sent = h.outbox.length;
    cardOf(await h.send('coordinator', '撤销 506'));
    expect(await h.say('coordinator', '确认')).toBe(`${L(506)}：已撤销“催办”。当前环节：调研。\n已向钱专员发出更正通知。`);
    expect(h.outbox.slice(sent)).toEqual([
      expect.objectContaining({
        to: { kind: 'user', userid: 'kf-staff' },
        body: { type: 'text', text: `【更正】${L(506)}\n王协调撤销了“催办”，此前关于这一步的通知作废。当前环节：调研。` },
      }),
    ]);
  });

  it('取消 leaves the step in place', async () => {
    await h.proposal(507, 1);
    await h.say('head', '接收 507');
    cardOf(await h.send('head', '撤销 507'));
    expect(await h.say('head', '取消')).toBe('好的，已取消。');
    expect((await h.stored(507)).stage).toBe('researching');
  });
});
