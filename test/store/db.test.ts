import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { ensureIndexes } from '../../src/store/db.js';
import { useTestDb } from '../support/test-db.js';
import { Thing } from './thing.fixture.js';

const db = useTestDb({ cleanBeforeEach: true });

const isDuplicateKey = (err: unknown): boolean => (err as { code?: number }).code === 11000;

describe('test database harness (real server)', () => {
  it('stores and reads back a document', async () => {
    await Thing.create({ key: 'a-1', note: '提案' });
    const found = await Thing.findOne({ key: 'a-1' }).lean();
    expect(found?.note).toBe('提案');
  });

  it('reports a second document with the same unique key as a duplicate', async () => {
    await Thing.create({ key: 'dup' });
    const err = await Thing.create({ key: 'dup' }).catch((e: unknown) => e);
    expect(isDuplicateKey(err)).toBe(true);
    expect(await Thing.countDocuments({ key: 'dup' })).toBe(1);
  });

  it('clean() empties collections but keeps unique indexes', async () => {
    await Thing.create({ key: 'x' });
    await db.clean();
    expect(await Thing.countDocuments()).toBe(0);
    await Thing.create({ key: 'x' });
    await expect(Thing.create({ key: 'x' })).rejects.toSatisfy(isDuplicateKey);
  });

  it('ensureIndexes drops a stale unique index that would reject valid writes', async () => {
    await Thing.collection.createIndex({ note: 1 }, { unique: true, name: 'stale_note_1' });
    await Thing.create({ key: 'n1', note: 'same' });
    await expect(Thing.create({ key: 'n2', note: 'same' })).rejects.toSatisfy(isDuplicateKey);

    await ensureIndexes();

    await Thing.create({ key: 'n2', note: 'same' });
    expect(await Thing.countDocuments({ note: 'same' })).toBe(2);
    const names = (await Thing.collection.indexes()).map((i) => i.name);
    expect(names).toContain('key_1');
    expect(names).not.toContain('stale_note_1');
  });

  it("does not see another database's documents", async () => {
    const other = await mongoose.createConnection(db.uri, { dbName: `${db.dbName}_other` }).asPromise();
    try {
      await other.collection('harness_things').insertOne({ key: 'elsewhere' });
      expect(await Thing.countDocuments({ key: 'elsewhere' })).toBe(0);
      await other.dropDatabase();
      await Thing.create({ key: 'mine' });
      expect(await Thing.countDocuments({ key: 'mine' })).toBe(1);
    } finally {
      await other.close();
    }
  });
});
