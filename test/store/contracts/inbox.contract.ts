/**
 * What the inbox (conversation/inbox.ts) relies on from its store (domain/inbox.port.ts), run
 * against the in-memory adapter (unit) and the MongoDB one (integration): one entry per message
 * id, leases renewed by their owner only, lapsed entries found oldest first and taken over by one
 * instance, one outcome per entry, purge of handled entries only. Times are near the system
 * clock's: the store dates take-over rows by it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { InboxEntry, InboxStore } from '../../../src/domain/inbox.port.js';
import { freshEach } from './contract-support.js';

const MIN = 60_000;

export function inboxContract(make: () => Promise<InboxStore>): void {
  describe('inbox store contract', () => {
    const inbox = freshEach(make);
    let now: number;
    const at = (ms: number) => new Date(now + ms);
    const entry = (id: string, receivedMs = 0): InboxEntry => ({
      id,
      channel: 'wecom-app',
      sender: 'u1',
      payload: { MsgId: id, Content: '催办 0102', nested: { n: 1 } },
      receivedAt: at(receivedMs),
    });
    beforeEach(() => {
      now = Date.now();
    });

    it('acknowledges a message once: its retries are duplicates', async () => {
      expect(await inbox.add(entry('app:1'), 'a', at(MIN))).toBe('added');
      expect(await inbox.add(entry('app:1'), 'b', at(MIN))).toBe('duplicate');
      expect(await inbox.scanOpen(at(0), 10)).toEqual({ open: 1, lapsed: [] });
    });

    it('finds entries whose lease ended, oldest first, at most the limit, as they were acknowledged', async () => {
      await inbox.add(entry('app:new', -1000), 'a', at(-1));
      await inbox.add(entry('app:old', -3000), 'a', at(0));
      await inbox.add(entry('app:mid', -2000), 'b', at(-5));
      await inbox.add(entry('app:held', -4000), 'a', at(MIN));
      const { open, lapsed } = await inbox.scanOpen(at(0), 2);
      expect(open).toBe(4);
      expect(lapsed).toEqual([
        { ...entry('app:old', -3000), owner: 'a', leaseUntil: at(0) },
        { ...entry('app:mid', -2000), owner: 'b', leaseUntil: at(-5) },
      ]);
      expect((await inbox.scanOpen(at(0), 10)).lapsed.map((e) => e.id)).toEqual(['app:old', 'app:mid', 'app:new']);
    });

    it("renews only the owner's leases", async () => {
      await inbox.add(entry('app:1'), 'a', at(-1));
      await inbox.add(entry('app:2'), 'b', at(-1));
      await inbox.renew(['app:1', 'app:2', 'app:unknown'], 'a', at(MIN));
      expect((await inbox.scanOpen(at(0), 10)).lapsed.map((e) => e.id)).toEqual(['app:2']);
      await inbox.renew([], 'a', at(MIN));
    });

    it('hands a lapsed entry to one of the instances taking it over at once; it lapses again only after the new lease', async () => {
      await inbox.add(entry('app:1'), 'dead', at(-1));
      const [lapsed] = (await inbox.scanOpen(at(0), 10)).lapsed;
      const won = await Promise.all(['a', 'b', 'c'].map((owner) => inbox.takeOver(lapsed!, owner, at(MIN))));
      expect(won.filter(Boolean)).toHaveLength(1);
      const winner = ['a', 'b', 'c'][won.indexOf(true)];
      // Whoever saw the old lease lapse late is refused too.
      expect(await inbox.takeOver(lapsed!, 'late', at(MIN))).toBe(false);
      expect(await inbox.scanOpen(at(MIN - 1), 10)).toEqual({ open: 1, lapsed: [] });
      const [again] = (await inbox.scanOpen(at(MIN), 10)).lapsed;
      expect(again).toMatchObject({ id: 'app:1', owner: winner, leaseUntil: at(MIN) });
      expect(await inbox.takeOver(again!, 'next', at(2 * MIN))).toBe(true);
      expect((await inbox.scanOpen(at(2 * MIN), 10)).lapsed).toMatchObject([{ owner: 'next' }]);
    });

    it('records one outcome per entry; an entry with an outcome is no longer open', async () => {
      await inbox.add(entry('app:1'), 'a', at(-1));
      await inbox.add(entry('app:2'), 'a', at(-1));
      expect(await inbox.finish('app:1', 'done', at(0))).toBe(true);
      expect(await inbox.finish('app:1', 'failed', at(1), 'late')).toBe(false);
      expect(await inbox.finish('app:2', 'failed', at(0), 'x'.repeat(600))).toBe(true);
      expect(await inbox.withOutcome(['app:1', 'app:2', 'app:3'])).toEqual(new Set(['app:1', 'app:2']));
      expect(await inbox.withOutcome([])).toEqual(new Set());
      expect(await inbox.scanOpen(at(0), 10)).toEqual({ open: 0, lapsed: [] });
    });

    it('purges entries received before the time given that have an outcome, never an open one', async () => {
      await inbox.add(entry('app:old-done', -3 * MIN), 'a', at(MIN));
      await inbox.add(entry('app:old-open', -3 * MIN), 'a', at(MIN));
      await inbox.add(entry('app:new-done', 0), 'a', at(MIN));
      await inbox.finish('app:old-done', 'done', at(0));
      await inbox.finish('app:new-done', 'done', at(0));
      expect(await inbox.purge(at(-4 * MIN))).toBe(0);
      expect(await inbox.purge(at(-MIN))).toBe(1);
      expect(await inbox.purge(at(-MIN))).toBe(0);
      expect(await inbox.withOutcome(['app:old-done', 'app:new-done'])).toEqual(new Set(['app:new-done']));
      expect((await inbox.scanOpen(at(0), 10)).open).toBe(1);
    });
  });
}
