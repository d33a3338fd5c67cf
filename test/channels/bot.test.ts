import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/logger.js';
import { startWecomBot, type WecomBot } from '../../src/channels/wecom-bot/bot.channel.js';
import { useTestDb } from '../support/test-db.js';
import { testInbox } from '../support/test-inbox.js';
import { WecomBotSim } from '../wecom-sim/index.js';
import { echoHandler, eventually, type EchoHandler } from './echo-handler.js';

useTestDb();

let sim: WecomBotSim;
let bot: WecomBot;
let handler: EchoHandler;

beforeAll(async () => {
  sim = new WecomBotSim();
  await sim.start();
  handler = echoHandler();
  bot = startWecomBot({
    config: { botId: sim.botId, secret: sim.secret, wsUrl: sim.url },
    inbox: testInbox(handler),
    log: createLogger({ level: 'silent' }),
    heartbeatMs: 200,
    reconnectMs: 50,
  });
  await eventually(() => bot.state().status === 'authenticated');
});
afterAll(async () => {
  bot.stop();
  await sim.stop();
});
beforeEach(() => {
  handler.seen.length = 0;
});

describe('AI bot (智能机器人) over the long connection', () => {
  it('subscribes with the bot id and secret and keeps the heartbeat acknowledged', async () => {
    expect(sim.received[0]).toMatchObject({ cmd: 'aibot_subscribe', body: { bot_id: sim.botId, secret: sim.secret } });
    await sim.waitFor((f) => f.cmd === 'ping');
    expect(bot.state().status).toBe('authenticated');
  });

  it("answers a text on the callback's req_id with a finished stream", async () => {
    const { reqId } = sim.sendText('zhangsan', '你好');
    const reply = await sim.waitFor((f) => f.headers.req_id === reqId && f.cmd === 'aibot_respond_msg');
    expect(reply.body).toMatchObject({ msgtype: 'stream', stream: { finish: true, content: '收到：你好' } });
    expect(handler.seen[0]).toMatchObject({ channel: 'wecom-bot', kind: 'text', senderId: 'zhangsan', chatId: 'zhangsan' });
  });

  it('takes voice as text and keeps group chats apart from single ones', async () => {
    sim.sendText('lisi', '语音内容', { voice: true, chatid: 'group-1' });
    await handler.waitFor(1);
    expect(handler.seen[0]).toMatchObject({ kind: 'text', text: '语音内容', fromVoice: true, chatType: 'group', chatId: 'group-1' });
  });

  it('turns a card click (key under event.template_card_event) into an action and updates the card', async () => {
    const { reqId: cardReq } = sim.sendText('wangwu', '卡片');
    const card = await sim.waitFor((f) => f.headers.req_id === cardReq && f.cmd === 'aibot_respond_msg');
    expect(card.body).toMatchObject({ msgtype: 'template_card', template_card: { task_id: 'task-1' } });
    const { reqId } = sim.sendCardClick('wangwu', 'task-1', 'return');
    const update = await sim.waitFor((f) => f.headers.req_id === reqId);
    expect(update).toMatchObject({
      cmd: 'aibot_respond_update_msg',
      body: { response_type: 'update_template_card', userids: ['wangwu'], template_card: { task_id: 'task-1' } },
    });
    expect(handler.seen[1]).toMatchObject({ kind: 'cardAction', taskId: 'task-1', key: 'return' });
  });

  it('handles a redelivered msgid once', async () => {
    const { msgid } = sim.sendText('zhaoliu', '一次', { msgid: 'dup-1' });
    await handler.waitFor(1);
    const again = sim.sendText('zhaoliu', '一次', { msgid });
    await new Promise((r) => setTimeout(r, 300));
    expect(handler.seen).toHaveLength(1);
    expect(sim.repliesTo(again.reqId)).toHaveLength(0);
  });

  it('pushes markdown to a chat with aibot_send_msg', async () => {
    await bot.sender.push({ kind: 'user', userid: 'zhangsan' }, { type: 'markdown', markdown: '**提醒**' });
    const f = await sim.waitFor((x) => x.cmd === 'aibot_send_msg');
    expect(f.body).toMatchObject({ chatid: 'zhangsan', msgtype: 'markdown', markdown: { content: '**提醒**' } });
  });

  it('reports a dropped connection and reconnects by itself', async () => {
    sim.dropConnection();
    await eventually(() => bot.state().status !== 'authenticated');
    await eventually(() => bot.state().status === 'authenticated');
    expect(bot.state().reconnects).toBeGreaterThan(0);
    const { reqId } = sim.sendText('zhangsan', '又来了');
    await sim.waitFor((f) => f.headers.req_id === reqId && f.cmd === 'aibot_respond_msg');
  });

  it('shows a connection kicked by a second one with the same bot as disconnected, and stays off', async () => {
    const second = startWecomBot({
      config: { botId: sim.botId, secret: sim.secret, wsUrl: sim.url },
      inbox: testInbox(handler),
      log: createLogger({ level: 'silent' }),
      reconnectMs: 50,
    });
    await eventually(() => second.state().status === 'authenticated');
    await eventually(() => bot.state().status === 'disconnected');
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.state().status).toBe('disconnected');
    const { reqId } = sim.sendText('zhangsan', '新连接');
    await sim.waitFor((f) => f.headers.req_id === reqId && f.cmd === 'aibot_respond_msg');
    second.stop();
  });
});
