/**
 * What the ledger views' follower (store/ledger-view.sync.ts) relies on from the change feed
 * (domain/change-feed.port.ts), run against the in-memory adapter (unit) and the MongoDB one
 * (integration): one epoch per database, each version published once, reads since a time without
 * the rows seen, purge that keeps the epoch. The feed stamps rows with the system clock.
 */
import { describe, expect, it } from 'vitest';
import type { ChangeFeed } from '../../../src/domain/change-feed.port.js';
import { toLedgerEntry } from '../../../src/domain/ledger-view.js';
import { registered } from '../../fixtures/ledger.fixture.js';
import { afterTick, freshEach } from './contract-support.js';

export function changeFeedContract(make: () => Promise<ChangeFeed>): void {
  describe('change feed contract', () => {
    const feed = freshEach(make);
    const entry = toLedgerEntry(registered({ number: '0102' }));

    it('keeps one epoch, created by the first who asks', async () => {
      const start = new Date();
      expect((await feed.read(start)).epoch).toBeUndefined();
      const epoch = await feed.epoch();
      expect(await feed.epoch()).toBe(epoch);
      expect(await feed.read(start)).toEqual({ epoch, changes: [] });
    });

    it('publishes each version once and reads back the entry as published', async () => {
      const start = new Date();
      await feed.publishEntries([entry]);
      await feed.publishEntries([entry, { ...entry, version: entry.version + 1 }]);
      const { changes } = await feed.read(start);
      expect(changes.map((c) => c.id).sort()).toEqual([`${entry.id}@${entry.version}`, `${entry.id}@${entry.version + 1}`]);
      const first = changes.find((c) => c.id === `${entry.id}@${entry.version}`);
      expect(first).toEqual({ id: `${entry.id}@${entry.version}`, at: expect.any(Date), kind: 'proposal', entry });
    });

    it('reads the changes written since a time, leaving out those seen', async () => {
      await feed.publishDirectory();
      await afterTick();
      const since = new Date();
      await feed.publishEntries([entry]);
      await feed.publishDirectory();
      const { changes } = await feed.read(since);
      expect(changes.map((c) => c.kind).sort()).toEqual(['directory', 'proposal']);
      const seen = changes.filter((c) => c.kind === 'proposal').map((c) => c.id);
      expect((await feed.read(since, seen)).changes.map((c) => c.kind)).toEqual(['directory']);
    });

    it('purges rows written before the time given, never the epoch', async () => {
      const epoch = await feed.epoch();
      await feed.publishEntries([entry]);
      await feed.publishDirectory();
      await afterTick();
      const before = new Date();
      expect(await feed.purge(new Date(before.getTime() - 3_600_000))).toBe(0);
      expect(await feed.purge(before)).toBe(2);
      expect(await feed.read(new Date(0))).toEqual({ epoch, changes: [] });
    });
  });
}
