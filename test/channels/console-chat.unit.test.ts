import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsoleChat } from '../../src/channels/console/console-chat.js';
import { echoHandler } from './echo-handler.js';

async function chat(lines: string[]) {
  const handler = echoHandler();
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (c: Buffer) => (text += c.toString('utf8')));
  const done = runConsoleChat({ handler, userid: 'zhangsan', input, output });
  input.end(lines.map((l) => `${l}\n`).join(''));
  await done;
  return { handler, text };
}

describe('console chat', () => {
  it('sends typed text as the given user and prints the reply', async () => {
    const { handler, text } = await chat(['你好']);
    expect(handler.seen[0]).toMatchObject({ channel: 'console', kind: 'text', senderId: 'zhangsan', text: '你好' });
    expect(text).toContain('收到：你好');
  });

  it('shows card buttons as numbered choices and a typed number presses one', async () => {
    const { handler, text } = await chat(['卡片', '2']);
    expect(text).toMatch(/1\. 接收[\s\S]*2\. 退回/);
    expect(handler.seen[1]).toMatchObject({ kind: 'cardAction', taskId: 'task-1', key: 'return' });
    expect(text).toContain('【卡片已更新】已退回');
  });

  it('sends a number that matches no button as text, to be read as an answer', async () => {
    const { handler } = await chat(['卡片', '30']);
    expect(handler.seen[1]).toMatchObject({ kind: 'text', text: '30' });
  });

  it('stops at the exit word', async () => {
    const { handler, text } = await chat(['/退出', '不会发送']);
    expect(handler.seen).toHaveLength(0);
    expect(text).toContain('再见。');
  });
});
