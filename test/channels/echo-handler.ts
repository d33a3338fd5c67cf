/** A tiny MessageHandler for channel tests: echoes text, offers a card on "卡片", acts on clicks. */
import type { InboundMessage, MessageHandler } from '../../src/channels/contract.js';
import type { ReplyFn } from '../../src/shared/outbound.js';

export interface EchoHandler extends MessageHandler {
  readonly seen: InboundMessage[];
  /** Resolves once `n` messages have been handled. */
  waitFor(n: number, timeoutMs?: number): Promise<void>;
}

export function echoHandler(): EchoHandler {
  const seen: InboundMessage[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  return {
    seen,
    async handle(m: InboundMessage, reply: ReplyFn) {
      seen.push(m);
      if (m.kind === 'text' && m.text === '卡片') {
        await reply({
          type: 'card',
          card: {
            taskId: 'task-1',
            title: '提案 2025-001',
            buttons: [
              { text: '接收', key: 'accept' },
              { text: '退回', key: 'return' },
            ],
          },
        });
      } else if (m.kind === 'text') {
        await reply({ type: 'text', text: `收到：${m.text}` });
      } else if (m.kind === 'cardAction') {
        await reply({ type: 'cardUpdate', taskId: m.taskId, replaceName: `已${m.key === 'accept' ? '接收' : '退回'}` });
      }
      for (const w of waiters.filter((x) => seen.length >= x.n)) w.resolve();
    },
    waitFor(n, timeoutMs = 5000) {
      if (seen.length >= n) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`handled ${seen.length} of ${n} messages`)), timeoutMs);
        waiters.push({ n, resolve: () => (clearTimeout(t), resolve()) });
      });
    },
  };
}

/** Polls `check` until it returns true (for effects that happen after a response). */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
