/**
 * The outbox and its worker on the in-memory store (the store's side is
 * test/store/contracts/outbox.contract.ts), on a simulated clock: which channel a message goes through, how
 * failures are retried, charged and given up on, what is dropped or merged when its turn comes,
 * a take-over after a dead worker's lease, and a reply sent at once. Delivery through the WeCom
 * API itself is tested in outbox.test.ts.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { PushSender } from '../../src/channels/contract.js';
import { ThrottledError, WecomApiError } from '../../src/channels/wecom-api/errors.js';
import type { OutboxRow, OutboxStore } from '../../src/domain/outbox.port.js';
import { createLogger } from '../../src/shared/logger.js';
import { createOutbox, type EnqueueInput, type Outbox } from '../../src/outbox/outbox.js';
import { startOutboxWorker, type OutboxWorkerOptions } from '../../src/outbox/outbox.worker.js';
import type { OutboundBody, Recipient, SendHow } from '../../src/shared/outbound.js';
import { memoryOutboxStore } from '../support/memory-stores.js';

const log = createLogger({ level: 'silent' });
const T0 = new Date('2026-03-02T01:00:00Z').getTime();
let t: number;
const now = () => new Date(t);
let store: OutboxStore;
let outbox: Outbox;

beforeEach(() => {
  t = T0;
  store = memoryOutboxStore();
  outbox = createOutbox({ store, now });
});

interface Recording extends PushSender {
  pushes: { to: Recipient; body: OutboundBody; how?: SendHow }[];
}

/** A sender that records what it pushes; `fail` may throw instead, given the push's number (1-based). */
function sender(name: PushSender['name'], kinds: Recipient['kind'][], fail?: (n: number) => Error | undefined): Recording {
  const pushes: Recording['pushes'] = [];
  return {
    name,
    pushes,
    canDeliver: (to) => kinds.includes(to.kind),
    async push(to, body, how) {
      const err = fail?.(pushes.length + 1);
      pushes.push({ to, body, how });
      if (err) throw err;
    },
  };
}

const user = (userid = 'u1'): Recipient => ({ kind: 'user', userid });
const text = (s: string): OutboundBody => ({ type: 'text', text: s });
const enqueue = (key: string, o: Partial<EnqueueInput> = {}) => outbox.enqueue({ key, to: user(), body: text(key), purpose: 'test', ...o });
const row = async (key: string): Promise<OutboxRow> => (await store.listByKeyPrefix(key)).find((r) => r.key === key)!;

/** One worker pass over what is due at the simulated now, as the service's worker makes them. */
async function deliver(senders: PushSender[], o: Partial<OutboxWorkerOptions> = {}): Promise<void> {
  const worker = startOutboxWorker({ store, senders, log, now, pollMs: 3_600_000, ...o });
  await worker.drain();
  await worker.stop();
}

describe('outbox', () => {
  it('enqueues a message once per idempotency key', async () => {
    let woken = 0;
    const o = createOutbox({ store, now, onEnqueue: () => void woken++ });
    const m = { key: 'remind:P1:2025-05-01', to: user(), body: text('请办理'), purpose: 'reminder' };
    expect(await o.enqueue(m)).toEqual({ created: true });
    expect(await o.enqueue(m)).toEqual({ created: false });
    expect(await o.listOutbox()).toHaveLength(1);
    expect(woken).toBe(1);
  });

  it('sends a reply at once on its transport, once; a failed one is left to the worker a few seconds later', async () => {
    await enqueue('reply:ok', { notBefore: new Date(T0 + 3_600_000) });
    const sent: OutboundBody[] = [];
    expect(await outbox.sendNow('reply:ok', async (b) => void sent.push(b))).toBe(true);
    expect(await outbox.sendNow('reply:ok', async (b) => void sent.push(b))).toBe(false);
    expect(sent).toEqual([text('reply:ok')]);
    expect(await row('reply:ok')).toMatchObject({ status: 'sent', sender: 'reply' });

    await enqueue('reply:lost', { notBefore: new Date(T0 + 3_600_000) });
    expect(await outbox.sendNow('reply:lost', () => Promise.reject(new Error('socket closed')))).toBe(false);
    expect(await row('reply:lost')).toMatchObject({ status: 'pending', lastError: 'socket closed', nextAttemptAt: new Date(T0 + 5000) });
    const app = sender('wecom-app', ['user']);
    t = T0 + 5000;
    await deliver([app]);
    // The failed attempt may have reached WeCom: the worker asks it to drop a duplicate.
    expect(app.pushes).toEqual([{ to: user(), body: text('reply:lost'), how: { resend: true } }]);
  });
});

describe('outbox worker', () => {
  it('sends through the channel a message asks for when that can reach the recipient, else the first that can', async () => {
    const app = sender('wecom-app', ['user']);
    const bot = sender('wecom-bot', ['user']);
    const robot = sender('group-robot', ['groupRobot']);
    await enqueue('via-bot', { via: 'wecom-bot' });
    await enqueue('any');
    await enqueue('to-group', { via: 'wecom-bot', to: { kind: 'groupRobot' } });
    await deliver([app, bot, robot]);
    expect([await row('via-bot'), await row('any'), await row('to-group')].map((r) => [r.status, r.sender])).toEqual([
      ['sent', 'wecom-bot'],
      ['sent', 'wecom-app'],
      ['sent', 'group-robot'],
    ]);
    expect(app.pushes.map((p) => p.body)).toEqual([text('any')]);
    expect(app.pushes[0]!.how).toEqual({ resend: false });
  });

  it('fails at once, without trying, a message no channel can deliver', async () => {
    const robot = sender('group-robot', ['groupRobot']);
    await enqueue('nowhere', { to: { kind: 'chat', chatId: 'c' } });
    await deliver([robot]);
    expect(await row('nowhere')).toMatchObject({ status: 'failed', attempts: 1, lastError: 'no channel can deliver to chat' });
    expect(robot.pushes).toEqual([]);
  });

  it('retries a transient failure after doubling delays up to the cap, and fails it with the reason after the last attempt', async () => {
    const busy = sender('wecom-app', ['user'], () => new WecomApiError('/cgi-bin/message/send', -1, 'system busy', true));
    await enqueue('busy');
    const o = { backoffMs: 1000, maxBackoffMs: 3000, maxAttempts: 4 };
    const delays: number[] = [];
    for (let attempt = 1; attempt < 4; attempt++) {
      await deliver([busy], o);
      const r = await row('busy');
      expect(r).toMatchObject({ status: 'pending', attempts: attempt, lastError: expect.stringContaining('errcode -1') });
      delays.push(r.nextAttemptAt.getTime() - t);
      // Not tried again before its time.
      t = r.nextAttemptAt.getTime() - 1;
      await deliver([busy], o);
      expect(busy.pushes).toHaveLength(attempt);
      t += 1;
    }
    expect(delays).toEqual([1000, 2000, 3000]);
    await deliver([busy], o);
    expect(await row('busy')).toMatchObject({ status: 'failed', attempts: 4, lastError: expect.stringContaining('system busy') });
    expect(busy.pushes.map((p) => p.how)).toEqual([{ resend: false }, { resend: true }, { resend: true }, { resend: true }]);
  });

  it('fails at once a failure not worth retrying, and waits as long as WeCom asks after a frequency limit', async () => {
    const refused = sender('wecom-app', ['user'], () => new WecomApiError('/cgi-bin/message/send', 81013, 'user not found', false));
    await enqueue('refused');
    await deliver([refused]);
    expect(await row('refused')).toMatchObject({ status: 'failed', attempts: 1 });

    const limited = sender('wecom-app', ['user'], (n) => (n === 1 ? new WecomApiError('/cgi-bin/message/send', 45009, 'freq limit', true, 60_000) : undefined));
    await enqueue('limited');
    await deliver([limited]);
    expect(await row('limited')).toMatchObject({ status: 'pending', nextAttemptAt: new Date(t + 60_000) });
    t += 60_000;
    await deliver([limited]);
    expect(await row('limited')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('does not charge our own throttle as an attempt, however often it holds a message back', async () => {
    const throttled = sender('wecom-app', ['user'], (n) => (n <= 3 ? new ThrottledError('user:u1', 5000) : undefined));
    await enqueue('held');
    for (let i = 0; i < 3; i++) {
      await deliver([throttled], { maxAttempts: 1 });
      expect(await row('held')).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: new Date(t + 5000) });
      t += 5000;
    }
    await deliver([throttled], { maxAttempts: 1 });
    expect(await row('held')).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('drops a message that no longer holds when its turn comes, and sends what a message now says', async () => {
    const app = sender('wecom-app', ['user']);
    await enqueue('stale');
    await enqueue('merged');
    await deliver([app], {
      superseded: async (m) => (m.key === 'stale' ? '未发送：评价邀请已过时' : undefined),
      current: async (m) => (m.key === 'merged' ? text('两步合一') : undefined),
    });
    expect(await row('stale')).toMatchObject({ status: 'dropped', lastError: '未发送：评价邀请已过时' });
    expect(await row('merged')).toMatchObject({ status: 'sent' });
    expect(app.pushes.map((p) => p.body)).toEqual([text('两步合一')]);
  });

  it('resends a message whose worker died after claiming it once the lease runs out, asking WeCom to drop a duplicate', async () => {
    const app = sender('wecom-app', ['user']);
    await enqueue('orphan');
    // A worker claimed it and died before recording anything.
    await store.claimNext(now, 60_000);
    await deliver([app]);
    expect(app.pushes).toEqual([]);
    t += 60_000;
    await deliver([app]);
    expect(app.pushes).toEqual([{ to: user(), body: text('orphan'), how: { resend: true } }]);
    expect(await row('orphan')).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
