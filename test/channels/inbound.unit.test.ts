/** App-callback XML fields → InboundMessage: nothing a person sent is dropped without an answer. */
import { describe, expect, it } from 'vitest';
import { toInbound } from '../../src/channels/wecom-app/inbound.js';

const base = { ToUserName: 'corp', FromUserName: 'zhangsan', CreateTime: '1764640000', MsgId: '1234567' };

describe('app callback fields', () => {
  it('a voice message without a transcript still reaches the conversation, as voice', () => {
    expect(toInbound({ ...base, MsgType: 'voice' })?.message).toMatchObject({ kind: 'text', text: '', fromVoice: true, senderId: 'zhangsan' });
  });

  it('texts and sender ids over the conversation’s limits are passed on for it to answer', () => {
    const m = toInbound({ ...base, FromUserName: 'z'.repeat(80), MsgType: 'text', Content: '长'.repeat(9000) })?.message;
    expect(m).toMatchObject({ kind: 'text', senderId: 'z'.repeat(80) });
    expect(m?.kind === 'text' && m.text.length).toBe(9000);
  });
});
