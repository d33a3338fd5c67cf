/** The simulator's channel: inbound messages as the conversation layer sees them, and kept notices. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/channels/contract.js';
import { createWebSimChannel } from '../../src/channels/web-sim/web-sim.channel.js';
import { parseReplyLetterConfig } from '../../src/web/letter/reply-letter.config.js';

describe('web simulator channel', () => {
  it('delivers text and button presses as channel "web" messages and returns every reply', async () => {
    const got: InboundMessage[] = [];
    const sim = createWebSimChannel({
      async handle(message, reply) {
        got.push(message);
        await reply({ type: 'text', text: 'one' });
        await reply({ type: 'markdown', markdown: 'two' });
      },
    });
    expect(await sim.send({ userid: 'kf-staff', kind: 'text', text: '查 0001' })).toEqual([
      { type: 'text', text: 'one' },
      { type: 'markdown', markdown: 'two' },
    ]);
    await sim.send({ userid: 'kf-staff', kind: 'cardAction', taskId: 't1', key: 'advance:x' });
    expect(got[0]).toMatchObject({ channel: 'web', kind: 'text', senderId: 'kf-staff', chatType: 'single', text: '查 0001', mentioned: true });
    expect(got[1]).toMatchObject({ channel: 'web', kind: 'cardAction', taskId: 't1', key: 'advance:x' });
    expect(got[0]!.messageId).not.toBe(got[1]!.messageId);
  });

  it('keeps pushed notices per person until their page takes them, and only the latest 50', async () => {
    const sim = createWebSimChannel({ handle: async () => {} });
    expect(sim.canDeliver({ kind: 'user', userid: 'a' })).toBe(true);
    expect(sim.canDeliver({ kind: 'groupRobot' })).toBe(false);
    for (let i = 0; i < 55; i += 1) await sim.push({ kind: 'user', userid: 'a' }, { type: 'text', text: `n${i}` });
    await sim.push({ kind: 'user', userid: 'b' }, { type: 'text', text: 'for b' });
    const taken = sim.take('a');
    expect(taken).toHaveLength(50);
    expect(taken[0]).toEqual({ type: 'text', text: 'n5' });
    expect(sim.take('a')).toEqual([]);
    expect(sim.take('b')).toEqual([{ type: 'text', text: 'for b' }]);
  });
});

describe('reply letter template', () => {
  it('accepts the shipped config/reply-letter.yaml', () => {
    expect(parseReplyLetterConfig(readFileSync('config/reply-letter.yaml', 'utf8')).contact.name).toBe('何芳');
  });

  it('names every wrong field of a bad template', () => {
    expect(() => parseReplyLetterConfig('letterhead: ""\nletterheadColor: red\n')).toThrow(/letterhead：不能为空[\s\S]*letterheadColor：应为六位十六进制颜色/);
  });
});
