/**
 * The in-memory copies of whole proposal documents (store/proposal-cache.ts): the latest version
 * wins, a reader's changes never reach the copy, the least recently used go first past the limit,
 * and a later version heard of elsewhere lets an older copy go.
 */
import { describe, expect, it } from 'vitest';
import { ProposalDocCache } from '../../src/store/proposal-cache.js';

const doc = (id: string, version: number, title = `标题${version}`) => ({
  _id: id,
  version,
  title,
  dueAt: new Date('2026-12-01T00:00:00Z'),
  events: [{ at: new Date('2026-11-01T00:00:00Z'), note: '已接收，（全角）' }],
});

describe('proposal document cache', () => {
  it('gives back what was put, as a fresh copy each time', () => {
    const cache = new ProposalDocCache(1 << 20);
    cache.put(doc('a', 1));
    const first = cache.get('a')!;
    expect(first).toEqual(doc('a', 1));
    (first.events as unknown[]).push('changed by a reader');
    first.title = 'changed';
    expect(cache.get('a')).toEqual(doc('a', 1));
    expect(cache.get('b')).toBeUndefined();
  });

  it('keeps the latest version whatever the order things arrive in', () => {
    const cache = new ProposalDocCache(1 << 20);
    cache.put(doc('a', 3));
    cache.put(doc('a', 2));
    expect(cache.get('a')?.version).toBe(3);
    cache.put(doc('a', 4));
    expect(cache.get('a')?.version).toBe(4);
  });

  it('lets an older copy go once a later version is heard of, and keeps a copy as new as that', () => {
    const cache = new ProposalDocCache(1 << 20);
    cache.put(doc('a', 2));
    cache.put(doc('b', 5));
    cache.forgetBefore('a', 3);
    cache.forgetBefore('b', 5);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')?.version).toBe(5);
  });

  it('stays within its byte limit, letting the least recently used go first', () => {
    const one = new ProposalDocCache(1 << 20);
    one.put(doc('p99', 1)); // every id below is as long
    const each = one.size;
    const cache = new ProposalDocCache(each * 10);
    const ids = Array.from({ length: 10 }, (_, i) => `p0${i}`);
    for (const id of ids) cache.put(doc(id, 1));
    cache.get('p00'); // used: p01 is now the oldest
    cache.put(doc('p10', 1));
    expect(cache.size).toBeLessThanOrEqual(each * 10);
    expect(cache.get('p00')).toBeDefined();
    expect(cache.get('p01')).toBeUndefined();
    expect(cache.get('p10')).toBeDefined();
    expect(cache.get('p09')).toBeDefined();
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.get('a')).toBeUndefined();
  });
});
