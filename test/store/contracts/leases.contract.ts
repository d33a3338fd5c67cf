/**
 * What the leader election (ops/leader.ts) relies on from the lease terms (domain/lease.port.ts),
 * run against the in-memory adapter (unit) and the MongoDB one (integration): each term taken by
 * one insert only, the newest term found, a released term kept without holder, old terms pruned.
 */
import { describe, expect, it } from 'vitest';
import type { LeaseStore, LeaseTerm } from '../../../src/domain/lease.port.js';
import { freshEach, T } from './contract-support.js';

const term = (n: number, holder: string | null, name = 'duties'): LeaseTerm => ({ name, term: n, holder, expiresAt: new Date(T.getTime() + n * 1000) });

export function leasesContract(make: () => Promise<LeaseStore>): void {
  describe('lease store contract', () => {
    const leases = freshEach(make);

    it('takes each term once: the first insert holds it', async () => {
      expect(await leases.latest('duties')).toBeUndefined();
      expect(await leases.insertTerm(term(1, 'a'))).toBe(true);
      expect(await leases.insertTerm(term(1, 'b'))).toBe(false);
      expect(await leases.term('duties', 1)).toEqual(term(1, 'a'));
      expect(await leases.term('duties', 2)).toBeUndefined();
    });

    it('lets one of several instances inserting the same term at once have it', async () => {
      const won = await Promise.all(['a', 'b', 'c', 'd'].map((holder) => leases.insertTerm(term(1, holder))));
      expect(won.filter(Boolean)).toHaveLength(1);
      expect((await leases.latest('duties'))?.holder).toBe(['a', 'b', 'c', 'd'][won.indexOf(true)]);
    });

    it('finds the newest term of a name, a released one without holder', async () => {
      for (const t of [term(1, 'a'), term(3, 'b'), term(2, 'a'), term(9, 'x', 'other')]) await leases.insertTerm(t);
      expect(await leases.latest('duties')).toEqual(term(3, 'b'));
      await leases.insertTerm(term(4, null));
      expect(await leases.latest('duties')).toEqual(term(4, null));
      expect(await leases.latest('other')).toEqual(term(9, 'x', 'other'));
    });

    it('prunes the terms of a name below the one given, and no others', async () => {
      for (const t of [term(1, 'a'), term(2, 'a'), term(3, 'a'), term(1, 'x', 'other')]) await leases.insertTerm(t);
      await leases.prune('duties', 3);
      expect(await leases.term('duties', 2)).toBeUndefined();
      expect(await leases.term('duties', 3)).toEqual(term(3, 'a'));
      expect(await leases.term('other', 1)).toEqual(term(1, 'x', 'other'));
      expect(await leases.latest('duties')).toEqual(term(3, 'a'));
    });
  });
}
