import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InboxEntryModel } from '../../src/store/models/inbox-entry.model.js';
import { InboxMarkModel } from '../../src/store/models/inbox-mark.model.js';
import { useTestDb } from '../support/test-db.js';
import { startAppHarness, type AppHarness } from './app-harness.js';
import { echoHandler, eventually, type EchoHandler } from './echo-handler.js';

useTestDb({ cleanBeforeEach: true });

let h: AppHarness;
let handler: EchoHandler;

beforeAll(async () => {
  handler = echoHandler();
  h = await startAppHarness(handler);
});
afterAll(() => h.close());
beforeEach(() => {
  handler.seen.length = 0;
  h.api.delivered.length = 0;
});

const sends = () => h.api.deliveredTo('/cgi-bin/message/send');

describe('app callback (自建应用)', () => {
  it('answers URL verification with the plain echo string', async () => {
    const res = await h.sender.verifyUrl('8571345678123');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('8571345678123');
  });

  it('acknowledges a text at once and replies through message/send', async () => {
    const res = await h.sender.post(h.sender.seal(h.sender.textXml('zhangsan', '你好')));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await eventually(() => sends().length === 1);
    expect(sends()[0]!.body).toMatchObject({ touser: 'zhangsan', agentid: 1000002, msgtype: 'text', text: { content: '收到：你好' } });
    expect(handler.seen[0]).toMatchObject({ channel: 'wecom-app', kind: 'text', senderId: 'zhangsan', chatType: 'single' });
  });

  it('passes an over-long text and an over-long sender id on, for the conversation to answer with the limit', async () => {
    await h.sender.post(h.sender.seal(h.sender.textXml('zhangsan', '长'.repeat(9000))));
    await h.sender.post(h.sender.seal(h.sender.textXml('z'.repeat(70), '你好')));
    await eventually(() => handler.seen.length === 2);
    expect(handler.seen.map((m) => [m.senderId.length, m.kind === 'text' && m.text.length])).toEqual([
      [8, 9000],
      [70, 2],
    ]);
  });

  it("sends a button card, and a click updates that card with the click's ResponseCode", async () => {
    await h.sender.post(h.sender.seal(h.sender.textXml('lisi', '卡片')));
    await eventually(() => sends().length === 1);
    expect(sends()[0]!.body).toMatchObject({
      msgtype: 'template_card',
      template_card: { card_type: 'button_interaction', task_id: 'task-1', button_list: [{ key: 'accept' }, { key: 'return' }] },
    });
    const res = await h.sender.post(h.sender.seal(h.sender.cardClickXml('lisi', 'task-1', 'accept', 'RC-click-1')));
    expect(res.status).toBe(200);
    await eventually(() => h.api.deliveredTo('/cgi-bin/message/update_template_card').length === 1);
    expect(h.api.deliveredTo('/cgi-bin/message/update_template_card')[0]!.body).toMatchObject({
      userids: ['lisi'],
      response_code: 'RC-click-1',
      button: { replace_name: '已接收' },
    });
    expect(handler.seen[1]).toMatchObject({ kind: 'cardAction', taskId: 'task-1', key: 'accept', responseCode: 'RC-click-1' });
  });

  it('handles a retried callback once, whether the retry overlaps the first delivery or comes later', async () => {
    const sealed = h.sender.seal(h.sender.textXml('wangwu', '重复'));
    const first = await Promise.all([h.sender.post(sealed), h.sender.post(sealed)]);
    await eventually(() => sends().length >= 1);
    const later = await h.sender.post(sealed);
    expect([...first, later].map((r) => r.status)).toEqual([200, 200, 200]);
    await new Promise((r) => setTimeout(r, 200));
    expect(handler.seen).toHaveLength(1);
    expect(sends()).toHaveLength(1);
  });

  it('keeps the whole message in the inbox before the 200, and records its outcome once handled', async () => {
    const xml = h.sender.textXml('zhangsan', '留存');
    const msgId = /<MsgId>(\d+)<\/MsgId>/.exec(xml)![1]!;
    expect((await h.sender.post(h.sender.seal(xml))).status).toBe(200);
    const entry = await InboxEntryModel.findById(`app:${msgId}`).lean();
    expect(entry).toMatchObject({ channel: 'wecom-app', sender: 'zhangsan', payload: { MsgType: 'text', Content: '留存', MsgId: msgId } });
    await eventually(async () => (await InboxMarkModel.exists({ _id: `app:${msgId}#outcome`, kind: 'done' })) !== null);
  });

  it('handles once an entry whose owner died before handling it, after its lease ran out', async () => {
    const xml = h.sender.textXml('zhaoliu', '崩溃后接手');
    const msgId = /<MsgId>(\d+)<\/MsgId>/.exec(xml)![1]!;
    const payload = {
      ToUserName: h.api.corpId,
      FromUserName: 'zhaoliu',
      CreateTime: String(Math.floor(Date.now() / 1000)),
      MsgType: 'text',
      Content: '崩溃后接手',
      MsgId: msgId,
      AgentID: '1000002',
    };
    // What a process killed right after its 200 leaves behind.
    await InboxEntryModel.collection.insertOne({
      _id: `app:${msgId}`,
      channel: 'wecom-app',
      sender: 'zhaoliu',
      payload,
      receivedAt: new Date(),
      owner: 'dead',
      leaseUntil: new Date(Date.now() - 1),
      closed: false,
    } as never);
    // WeCom's retry is a durable duplicate: acknowledged, not handled by the retry itself.
    expect((await h.sender.post(h.sender.seal(xml))).status).toBe(200);
    await Promise.all([h.inbox.recover(), h.inbox.recover()]);
    await eventually(() => sends().length === 1);
    expect(sends()[0]!.body).toMatchObject({ touser: 'zhaoliu', text: { content: '收到：崩溃后接手' } });
    await eventually(async () => (await InboxMarkModel.exists({ _id: `app:${msgId}#outcome` })) !== null);
    await h.inbox.recover();
    expect(handler.seen).toHaveLength(1);
    expect(await InboxMarkModel.countDocuments({ kind: 'take' })).toBe(1);
  });

  it('refuses a bad signature with 401 and handles nothing', async () => {
    const res = await h.sender.post(h.sender.seal(h.sender.textXml('hacker', 'x'), { signature: 'a'.repeat(40) }));
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(handler.seen).toHaveLength(0);
  });

  it('refuses a payload encrypted for another corp', async () => {
    const res = await h.sender.post(h.sender.seal(h.sender.textXml('hacker', 'x'), { receiveId: 'wwother' }));
    expect(res.status).toBe(401);
  });

  it('refuses a timestamp outside the window', async () => {
    const res = await h.sender.post(h.sender.seal(h.sender.textXml('zhangsan', 'x'), { timestamp: Math.floor(Date.now() / 1000) - 3600 }));
    expect(res.status).toBe(401);
    expect(handler.seen).toHaveLength(0);
  });

  it('refuses XML with a DTD, so entities are never expanded', async () => {
    const sealed = h.sender.seal(h.sender.textXml('zhangsan', 'x'));
    const evil = `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${sealed.body.replace('<ToUserName>', '<ToUserName>&xxe;')}`;
    const res = await h.sender.post({ query: sealed.query, body: evil });
    expect(res.status).toBe(400);
  });

  it('keeps an entity inside the encrypted message inert', async () => {
    await h.sender.post(h.sender.seal(h.sender.textXml('zhangsan', '').replace('<![CDATA[]]>', 'a&amp;b&lt;')));
    await eventually(() => handler.seen.length === 1);
    expect(handler.seen[0]).toMatchObject({ text: 'a&amp;b&lt;' });
  });

  it('refuses malformed XML with 400 and an oversized body with 413', async () => {
    const sealed = h.sender.seal(h.sender.textXml('zhangsan', 'x'));
    expect((await h.sender.post({ query: sealed.query, body: '<xml><Encrypt>' })).status).toBe(400);
    expect((await h.sender.post({ query: sealed.query, body: `<xml>${'a'.repeat(70_000)}</xml>` })).status).toBe(413);
  });
});
