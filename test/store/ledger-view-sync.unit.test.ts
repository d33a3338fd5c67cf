/**
 * The view's catch-up after a slow full load: a load that takes minutes (10,000 proposals on a busy
 * FerretDB) is followed by reads of the change log, not by another full load, and another.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChangeFeed } from '../../src/domain/change-feed.port.js';
import type { LedgerEntry } from '../../src/domain/ledger-view.js';
import { LedgerViewSync } from '../../src/store/ledger-view.sync.js';
import { memoryChangeFeed } from '../support/memory-stores.js';

afterEach(() => vi.useRealTimers());

describe('ledger view sync', () => {
  it('catches up from the change log after a load slower than two minutes instead of loading again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-02T09:00:00Z'));
    let loads = 0;
    let reads = 0;
    const feed = memoryChangeFeed();
    const changes: ChangeFeed = {
      ...feed,
      read: (since, seen) => {
        reads++;
        return feed.read(since, seen);
      },
    };
    const sync = new LedgerViewSync({
      changes,
      async *loadAll(): AsyncIterable<LedgerEntry> {
        loads++;
        // The full read takes three minutes.
        vi.setSystemTime(Date.now() + 3 * 60_000);
      },
    });
    await sync.current();
    vi.setSystemTime(Date.now() + 2000);
    await sync.current();
    vi.setSystemTime(Date.now() + 2000);
    await sync.current();
    expect(loads).toBe(1);
    expect(reads).toBe(2);
  });
});
