/**
 * What a caller of the outbox (domain/outbox.port.ts) relies on, run against the in-memory adapter
 * (unit) and the MongoDB one (integration): one message per key, a claim that only its holder may
 * write under, take-over after its lease, the limits and purge rules.
 */
import { describe, expect, it } from 'vitest';
import type { NewOutboxMessage, OutboxStore } from '../../../src/domain/outbox.port.js';
import { afterTick, at, freshEach, T } from './contract-support.js';

const clockAt = (ms: number) => () => at(ms);
const LEASE = 60_000;

const message = (key: string, o: Partial<NewOutboxMessage> = {}): NewOutboxMessage => ({
  key,
  to: { kind: 'user', userid: 'u1' },
  body: { type: 'text', text: `text of ${key}` },
  purpose: 'test',
  at: T,
  ...o,
});

export function outboxContract(make: () => Promise<OutboxStore>): void {
  describe('outbox store contract', () => {
    const store = freshEach(make);
    const row = async (key: string) => (await store.listByKeyPrefix(key)).find((r) => r.key === key)!;

    it('keeps one message per idempotency key, the first one written', async () => {
      expect(await store.insert(message('k1', { via: 'wecom-bot' }))).toBe(true);
      expect(await store.insert(message('k1', { body: { type: 'text', text: 'another' } }))).toBe(false);
      const rows = await store.listByKeyPrefix('k1');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        key: 'k1',
        body: { type: 'text', text: 'text of k1' },
        via: 'wecom-bot',
        status: 'pending',
        attempts: 0,
        nextAttemptAt: T,
      });
      await store.insert(message('k2'));
      expect(await row('k2')).not.toHaveProperty('via');
    });

    it('claims due messages most overdue first, and not those due later', async () => {
      await store.insert(message('late', { at: at(-60_000) }));
      await store.insert(message('later', { at: at(30_000) }));
      await store.insert(message('latest', { at: at(-120_000) }));
      const first = await store.claimNext(clockAt(0), LEASE);
      expect(first).toMatchObject({ key: 'latest', status: 'sending', attempts: 1, mayHaveBeenSent: false });
      expect((await store.claimNext(clockAt(0), LEASE))?.key).toBe('late');
      expect(await store.claimNext(clockAt(0), LEASE)).toBeUndefined();
      expect((await store.claimNext(clockAt(30_000), LEASE))?.key).toBe('later');
    });

    it('gives each message to one of several workers claiming at once', async () => {
      for (let i = 0; i < 6; i++) await store.insert(message(`m${i}`));
      const worker = async () => {
        const keys: string[] = [];
        for (let c = await store.claimNext(clockAt(0), LEASE); c; c = await store.claimNext(clockAt(0), LEASE)) keys.push(c.key);
        return keys;
      };
      const claimed = (await Promise.all([worker(), worker(), worker()])).flat();
      expect(claimed.sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
    });

    it('leaves a claimed message alone while its lease lasts; after it another takes over and the first holder can no longer write', async () => {
      await store.insert(message('k'));
      const first = (await store.claimNext(clockAt(0), LEASE))!;
      expect(await store.claimNext(clockAt(LEASE - 1), LEASE)).toBeUndefined();
      expect(await store.claimByKey('k', clockAt(LEASE - 1), LEASE)).toBeUndefined();
      const second = (await store.claimNext(clockAt(LEASE), LEASE))!;
      expect(second).toMatchObject({ key: 'k', attempts: 2, mayHaveBeenSent: true });
      expect(second.claimId).not.toBe(first.claimId);
      for (const write of [
        () => store.markSent(first, 'app', at(LEASE)),
        () => store.markRetry(first, at(LEASE), 'late'),
        () => store.markFailed(first, 'late'),
        () => store.markDropped(first, 'late'),
      ])
        expect(await write()).toBe(false);
      expect(await store.markSent(second, 'wecom-app', at(LEASE + 1))).toBe(true);
      expect(await row('k')).toMatchObject({ status: 'sent', sender: 'wecom-app', sentAt: at(LEASE + 1), attempts: 2 });
      expect(await store.markSent(second, 'wecom-app', at(LEASE + 2))).toBe(false);
    });

    it('claims by key a message waiting for its time (a reply sent at once), never one sent or unknown', async () => {
      await store.insert(message('reply', { at: at(3_600_000) }));
      const c = (await store.claimByKey('reply', clockAt(0), LEASE))!;
      expect(c).toMatchObject({ key: 'reply', attempts: 1, mayHaveBeenSent: false });
      expect(await store.markSent(c, 'reply', at(1))).toBe(true);
      expect(await store.claimByKey('reply', clockAt(2 * LEASE), LEASE)).toBeUndefined();
      expect(await store.claimByKey('unknown', clockAt(0), LEASE)).toBeUndefined();
    });

    it('retries a message at the time given, saying it may have been sent; a refund gives the attempt back', async () => {
      await store.insert(message('k'));
      const first = (await store.claimNext(clockAt(0), LEASE))!;
      expect(await store.markRetry(first, at(10_000), 'timeout')).toBe(true);
      expect(await row('k')).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: at(10_000), lastError: 'timeout' });
      expect(await store.claimNext(clockAt(9_999), LEASE)).toBeUndefined();
      const second = (await store.claimNext(clockAt(10_000), LEASE))!;
      expect(second).toMatchObject({ attempts: 2, mayHaveBeenSent: true, lastError: 'timeout' });
      expect(await store.markRetry(second, at(20_000), 'throttled', true)).toBe(true);
      expect(await row('k')).toMatchObject({ status: 'pending', attempts: 1, lastError: 'throttled' });
      expect(await store.markRetry(second, at(30_000), 'again')).toBe(false);
      // Sent at last: the error of the attempts before is gone.
      const third = (await store.claimNext(clockAt(20_000), LEASE))!;
      await store.markSent(third, 'app', at(20_001));
      expect(await row('k')).not.toHaveProperty('lastError');
    });

    it('keeps a failed message out of the queue until retried, with a fresh attempt budget', async () => {
      await store.insert(message('k'));
      const c = (await store.claimNext(clockAt(0), LEASE))!;
      expect(await store.markFailed(c, 'x'.repeat(600))).toBe(true);
      const failed = await row('k');
      expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
      expect(failed.lastError).toHaveLength(500);
      expect(await store.claimNext(clockAt(10 * LEASE), LEASE)).toBeUndefined();
      expect(await store.retry(failed.id, at(10 * LEASE))).toBe(true);
      expect(await row('k')).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: at(10 * LEASE) });
      expect(await store.retry(failed.id, at(10 * LEASE))).toBe(false);
      expect(await store.retry('0123456789abcdef01234567', at(0))).toBe(false);
      expect(await store.claimNext(clockAt(10 * LEASE), LEASE)).toMatchObject({ key: 'k', attempts: 1 });
    });

    it('drops a message that no longer holds, keeping why, and never claims it again', async () => {
      await store.insert(message('k'));
      const c = (await store.claimNext(clockAt(0), LEASE))!;
      expect(await store.markDropped(c, '已过时')).toBe(true);
      expect(await row('k')).toMatchObject({ status: 'dropped', lastError: '已过时' });
      expect(await store.claimNext(clockAt(10 * LEASE), LEASE)).toBeUndefined();
      expect(await store.claimByKey('k', clockAt(10 * LEASE), LEASE)).toBeUndefined();
      expect(await store.retry(c.id, at(0))).toBe(false);
    });

    it('lists by key prefix, taking the prefix literally', async () => {
      for (const key of ['notice:p.1:a', 'notice:p.1:b', 'notice:px1:c', 'other:notice:p.1:d']) await store.insert(message(key));
      expect((await store.listByKeyPrefix('notice:p.1:')).map((r) => r.key).sort()).toEqual(['notice:p.1:a', 'notice:p.1:b']);
      expect(await store.listByKeyPrefix('nothing')).toEqual([]);
    });

    it('lists newest first, by status, at most the limit', async () => {
      for (const key of ['a', 'b', 'c']) {
        await store.insert(message(key));
        await afterTick();
      }
      expect((await store.list({})).map((r) => r.key)).toEqual(['c', 'b', 'a']);
      expect((await store.list({ limit: 2 })).map((r) => r.key)).toEqual(['c', 'b']);
      await store.claimByKey('b', clockAt(0), LEASE);
      expect((await store.list({ status: 'sending' })).map((r) => r.key)).toEqual(['b']);
      expect((await store.list({ status: 'pending' })).map((r) => r.key)).toEqual(['c', 'a']);
      expect(await store.countByStatus(['pending', 'sending', 'sent'], 5_000)).toEqual([2, 1, 0]);
    });

    it('purges sent, failed and dropped messages last touched before the time given, never pending or sending ones', async () => {
      for (const key of ['sent', 'failed', 'dropped', 'pending', 'sending']) await store.insert(message(key));
      const claim = async (key: string) => (await store.claimByKey(key, clockAt(0), LEASE))!;
      await store.markSent(await claim('sent'), 'app', at(0));
      await store.markFailed(await claim('failed'), 'no');
      await store.markDropped(await claim('dropped'), 'gone');
      await claim('sending');
      expect(await store.purgeFinished(new Date(Date.now() - 3_600_000))).toBe(0);
      await afterTick();
      expect(await store.purgeFinished(new Date())).toBe(3);
      expect((await store.list({})).map((r) => r.key).sort()).toEqual(['pending', 'sending']);
    });

    it('purges claim rows taken before the time given', async () => {
      for (const key of ['a', 'b']) await store.insert(message(key));
      await store.claimByKey('a', clockAt(0), LEASE);
      await store.claimByKey('b', clockAt(1000), LEASE);
      expect(await store.purgeClaims(at(0))).toBe(0);
      expect(await store.purgeClaims(at(1000))).toBe(1);
      expect(await store.purgeClaims(at(1001))).toBe(1);
    });
  });
}
