/**
 * The conversation behind real channels: the terminal chat (numbers press card buttons) and the
 * WeCom AI bot over the simulator's long connection (text answered on the callback, a click
 * updates the card).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWecomBot, type WecomBot } from '../../src/channels/wecom-bot/bot.channel.js';
import { createLogger } from '../../src/shared/logger.js';
import { useTestDb } from '../support/test-db.js';
import { testInbox } from '../support/test-inbox.js';
import { WecomBotSim } from '../wecom-sim/index.js';
import { consoleChat, createHarness, L, type Harness } from './chat.harness.js';

useTestDb();
/** Generous: on a loaded 2-core machine a reply through the inbox and the outbox can take many seconds. */
const FRAME_WAIT_MS = 60_000;
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

describe('console chat', () => {
  it('shows the card, presses a button by number and confirms', async () => {
    await h.proposal(701, 1);
    const text = await consoleChat(h.handler, 'kf-head', ['查 701', '1']);
    expect(text).toContain('┌ 第0701号 关于推进乡村振兴的提案');
    expect(text).toContain('│  1. 接收');
    expect(text).toContain('【卡片已更新】已接收 · 赵处长 09-28 10:00');
    expect(text).toContain(`${L(701)}：已接收。当前环节：调研。`);
  });
});

describe('WeCom AI bot (simulated)', () => {
  let sim: WecomBotSim;
  let bot: WecomBot;
  beforeAll(async () => {
    sim = new WecomBotSim();
    await sim.start();
    bot = startWecomBot({
      config: { botId: sim.botId, secret: sim.secret, wsUrl: sim.url },
      inbox: testInbox(h.handler),
      log: createLogger({ level: 'silent' }),
      heartbeatMs: 200,
      reconnectMs: 50,
    });
    for (let i = 0; i < 200 && bot.state().status !== 'authenticated'; i++) await new Promise((r) => setTimeout(r, 50));
  });
  afterAll(async () => {
    bot.stop();
    await sim.stop();
  });

  it('answers a command on the callback and a card click updates the card', async () => {
    await h.proposal(702, 1);
    const { reqId } = sim.sendText('kf-head', '查 702');
    const cardFrame = await sim.waitFor((f) => f.headers.req_id === reqId && f.cmd === 'aibot_respond_msg', FRAME_WAIT_MS);
    const card = cardFrame.body!.template_card as { task_id: string; button_list: { text: string; key: string }[] };
    const accept = card.button_list.find((b) => b.text === '接收')!;
    const click = sim.sendCardClick('kf-head', card.task_id, accept.key);
    const update = await sim.waitFor((f) => f.headers.req_id === click.reqId && f.cmd === 'aibot_respond_update_msg', FRAME_WAIT_MS);
    expect(update.body).toMatchObject({ response_type: 'update_template_card', template_card: { task_id: card.task_id } });
    const confirm = await sim.waitFor((f) => f.cmd === 'aibot_send_msg' && JSON.stringify(f.body).includes('0702'), FRAME_WAIT_MS);
    expect(JSON.stringify(confirm.body)).toContain(`${L(702)}：已接收。当前环节：调研。`);
  });

  it('tells an unregistered sender whom to ask', async () => {
    const { reqId } = sim.sendText('nobody', '查 702');
    const reply = await sim.waitFor((f) => f.headers.req_id === reqId, FRAME_WAIT_MS);
    expect(JSON.stringify(reply.body)).toContain('您还没有在提案通的通讯录中登记');
  });
});
