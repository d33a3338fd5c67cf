/** A throwaway model for the store harness tests: one unique key. */
import mongoose from 'mongoose';
import { beforeAll, expect, it } from 'vitest';

const schema = new mongoose.Schema({
  key: { type: String, required: true, unique: true },
  file: String,
  note: String,
});

export const Thing = mongoose.model('HarnessThing', schema, 'harness_things');

/**
 * Registers the isolation check used by two test files that run side by side: both write the
 * same unique key into this collection. Were they sharing a database, one would fail with a
 * duplicate key or see the other's document.
 */
export function checkIsolation(file: string): void {
  beforeAll(async () => {
    await Thing.create({ key: 'shared-key', file });
  });
  it('sees only the document this file wrote', async () => {
    const docs = await Thing.find({}).lean();
    expect(docs.map((d) => d.file)).toEqual([file]);
  });
}
