/**
 * The durable inbox's working half (conversation/inbox.ts) on the in-memory inbox store (the
 * store's side is test/store/contracts/inbox.contract.ts), on a simulated clock: a message handled once
 * however often WeCom repeats it, one sender's messages in order, retries with backoff and then
 * giving up, and entries of a stopped instance taken over by one other. Through real channels
 * and the database: test/channels/ and test/conversation/channels.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Arrival, InboundText, MessageHandler } from '../../src/channels/contract.js';
import { texts } from '../../src/conversation/conversation.texts.js';
import { startInbox, type Inbox, type InboxChannel, type InboxOptions } from '../../src/conversation/inbox.js';
import type { InboxStore } from '../../src/domain/inbox.port.js';
import { createLogger } from '../../src/shared/logger.js';
import type { OutboundBody } from '../../src/shared/outbound.js';
import { memoryInboxStore } from '../support/memory-stores.js';

const log = createLogger({ level: 'silent' });
let store: InboxStore;
const inboxes: Inbox[] = [];

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-03-02T01:00:00Z') });
  store = memoryInboxStore();
});
afterEach(async () => {
  await Promise.all(inboxes.splice(0).map((i) => i.stop()));
  vi.useRealTimers();
});

/** A text as the channel would decode it; the payload is the message itself. */
const textMessage = (id: string, senderId: string, text: string): InboundText => ({
  channel: 'wecom-app',
  messageId: id,
  senderId,
  chatId: senderId,
  chatType: 'single',
  at: new Date(),
  kind: 'text',
  text,
  mentioned: true,
});
const channel: InboxChannel = { decode: (payload, at) => ({ ...(payload as unknown as InboundText), at }) };

/** Answers of the live transport, and what the handler saw, in order. */
let replies: OutboundBody[];
let seen: string[];
beforeEach(() => {
  replies = [];
  seen = [];
});

function arrival(id: string, sender = 'u1', text = `消息${id}`): Arrival {
  const message = textMessage(id, sender, text);
  return { id: `app:${id}`, message, payload: { ...message, at: undefined }, reply: async (b) => void replies.push(b) };
}

function inbox(handler: MessageHandler['handle'], o: Partial<InboxOptions> = {}): Inbox {
  const i = startInbox({ store, handler: { handle: handler }, channels: { 'wecom-app': channel }, owner: 'me', log, leaseMs: 10_000, ...o });
  inboxes.push(i);
  return i;
}

const recording: MessageHandler['handle'] = async (m) => void seen.push(m.messageId);
/** Lets handlers and store calls in flight finish, stepping the clock by `ms`. */
const settle = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

describe('durable inbox', () => {
  it('handles an accepted message once; a retry of it is a duplicate, handled not at all', async () => {
    const i = inbox(recording);
    expect(await i.accept(arrival('1'))).toBe('accepted');
    await settle();
    expect(await i.accept(arrival('1'))).toBe('duplicate');
    await settle(30_000);
    expect(seen).toEqual(['1']);
    expect(await store.withOutcome(['app:1'])).toEqual(new Set(['app:1']));
    expect(i.held()).toBe(0);
  });

  it("handles one sender's messages one at a time in arrival order, others' beside them", async () => {
    const release: (() => void)[] = [];
    const i = inbox(async (m) => {
      seen.push(m.messageId);
      await new Promise<void>((r) => release.push(r));
    });
    for (const a of [arrival('1', 'u1'), arrival('2', 'u1'), arrival('3', 'u2')]) await i.accept(a);
    await settle();
    expect(seen).toEqual(['1', '3']);
    release.shift()!();
    await settle();
    expect(seen).toEqual(['1', '3', '2']);
    for (const r of release.splice(0)) r();
    await settle();
  });

  it('retries a failing message with doubling delays, then records it failed and tells the sender', async () => {
    const i = inbox(
      async (m) => {
        seen.push(m.messageId);
        throw new Error('database down');
      },
      { maxAttempts: 3, retryMs: 1000 },
    );
    await i.accept(arrival('1'));
    await settle();
    expect(seen).toHaveLength(1);
    await settle(999);
    expect(seen).toHaveLength(1);
    await settle(1);
    expect(seen).toHaveLength(2);
    await settle(1999);
    expect(seen).toHaveLength(2);
    expect(replies).toEqual([]);
    await settle(1);
    expect(seen).toHaveLength(3);
    expect(replies).toEqual([{ type: 'text', text: texts.gaveUp }]);
    expect(await store.withOutcome(['app:1'])).toEqual(new Set(['app:1']));
    await settle(60_000);
    expect(seen).toHaveLength(3);
  });

  it('has the entries of an instance that stopped mid-way taken over by one other instance, after their lease', async () => {
    // What an instance killed right after acknowledging leaves: its entries, under its lease.
    const leaseUntil = new Date(Date.now() + 10_000);
    for (const a of [arrival('1'), arrival('2', 'u2')]) {
      await store.add({ id: a.id, channel: 'wecom-app', sender: a.message.senderId, payload: a.payload, receivedAt: new Date() }, 'dead', leaseUntil);
    }
    await store.finish('app:2', 'done', new Date());
    const seenBy: Record<string, string[]> = { b: [], c: [] };
    for (const owner of ['b', 'c']) inbox(async (m) => void seenBy[owner]!.push(m.messageId), { owner });
    await settle(9_999);
    expect([...seenBy.b!, ...seenBy.c!]).toEqual([]);
    await settle(10_000);
    expect([...seenBy.b!, ...seenBy.c!]).toEqual(['1']);
    expect(await store.scanOpen(new Date(), 10)).toEqual({ open: 0, lapsed: [] });
  });
});
