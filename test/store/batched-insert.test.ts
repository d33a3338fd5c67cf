import { describe, expect, it } from 'vitest';
import { batchedInsertOnce } from '../../src/store/documents.js';
import { useTestDb } from '../support/test-db.js';
import { Thing } from './thing.fixture.js';

useTestDb({ cleanBeforeEach: true });

describe('unique inserts grouped into batches (the inbox acknowledgement)', () => {
  it('tells each of many concurrent callers whether its own document was kept, and keeps every new one', async () => {
    await Thing.collection.insertOne({ _id: 'm-3', key: 'k-3' } as never);
    const insert = batchedInsertOnce(Thing.collection, 8);
    // 40 messages at once, three of them sent twice (a retry arriving while the first is written), one already kept.
    const ids = Array.from({ length: 40 }, (_, i) => `m-${i}`);
    const attempts = [...ids, 'm-5', 'm-17', 'm-38'];
    const outcomes = await Promise.all(attempts.map((id) => insert({ _id: id, key: `k-${id.slice(2)}`, note: `第${id}条` })));
    const kept = new Map<string, number>();
    attempts.forEach((id, i) => kept.set(id, (kept.get(id) ?? 0) + (outcomes[i] ? 1 : 0)));
    for (const id of ids) expect(kept.get(id), id).toBe(id === 'm-3' ? 0 : 1);
    const stored = await Thing.find({}).lean();
    expect(stored.map((d) => String(d._id)).sort()).toEqual([...ids].sort());
    expect(stored.find((d) => String(d._id) === 'm-3')?.note).toBeUndefined();
  });
});
