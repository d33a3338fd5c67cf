import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { childLogger, createLogger } from '../../src/shared/logger.js';

/** A logger at `info` whose JSON lines are collected. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger({ level: 'info', destination }), lines };
}

describe('logger', () => {
  it('never writes secrets, at the top level or nested', () => {
    const { log, lines } = capture();
    log.info(
      {
        access_token: 'AT-1',
        req: { headers: { authorization: 'Bearer AB', cookie: 'sid=1', host: 'h' } },
        wecom: { corpsecret: 'CS', encodingAESKey: 'K43', token: 'TK' },
        callback: { body: { Encrypt: 'ENC' } },
      },
      'callback received',
    );
    const text = JSON.stringify(lines);
    for (const secret of ['AT-1', 'Bearer AB', 'sid=1', 'CS', 'K43', 'TK', 'ENC']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ message: 'callback received', req: { headers: { host: 'h' } } });
  });

  it("keeps members' message bodies out and the message's identity in", () => {
    const { log, lines } = capture();
    childLogger(log, { msgId: 'm-42' }).info(
      { msg: { kind: 'text', senderId: 'zhangsan', text: '我的提案内容' }, ctx: { reply: { markdown: '**回复**' } } },
      'inbound',
    );
    const text = JSON.stringify(lines);
    expect(text).not.toContain('我的提案内容');
    expect(text).not.toContain('回复');
    expect(lines[0]).toMatchObject({ msgId: 'm-42', msg: { kind: 'text', senderId: 'zhangsan' }, level: 'info' });
  });
});
