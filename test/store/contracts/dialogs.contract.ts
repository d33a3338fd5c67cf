/**
 * What the conversation's dialog store (conversation/dialog.store.ts) relies on from the dialog
 * rows (domain/dialog.port.ts), run against the in-memory adapter (unit) and the MongoDB one
 * (integration): a row per key as JSON carries it, a delete guarded by the expiry read, purge.
 */
import { describe, expect, it } from 'vitest';
import type { DialogRows } from '../../../src/domain/dialog.port.js';
import { at, freshEach } from './contract-support.js';

export function dialogsContract(make: () => Promise<DialogRows>): void {
  describe('dialog rows contract', () => {
    const rows = freshEach(make);

    it('keeps the state as JSON carries it, unchanged by what the caller does afterwards', async () => {
      expect(await rows.get('ask:k')).toBeUndefined();
      const state = { type: 'pick', candidates: ['p1'], confirm: undefined, when: at(5), nested: { n: 1 } };
      await rows.put('ask:k', 'u1', state, at(60_000));
      state.candidates.push('p2');
      const row = await rows.get('ask:k');
      expect(row).toEqual({ state: { type: 'pick', candidates: ['p1'], when: at(5).toISOString(), nested: { n: 1 } }, expiresAt: at(60_000) });
      expect(Object.keys(row!.state as object)).not.toContain('confirm');
    });

    it('replaces the row written under the same key', async () => {
      await rows.put('photo:u1', 'u1', { proposalId: 'a' }, at(1000));
      await rows.put('photo:u1', 'u1', { proposalId: 'b' }, at(2000));
      expect(await rows.get('photo:u1')).toEqual({ state: { proposalId: 'b' }, expiresAt: at(2000) });
    });

    it('deletes a row, or with its expiry only while it was not rewritten since', async () => {
      await rows.put('k', 'u1', { v: 1 }, at(1000));
      await rows.put('k', 'u1', { v: 2 }, at(2000));
      expect(await rows.delete('k', at(1000))).toBe(false);
      expect(await rows.get('k')).toMatchObject({ state: { v: 2 } });
      expect(await rows.delete('k', at(2000))).toBe(true);
      expect(await rows.get('k')).toBeUndefined();
      await rows.put('k', 'u1', { v: 3 }, at(3000));
      expect(await rows.delete('k')).toBe(true);
      expect(await rows.delete('k')).toBe(false);
    });

    it('purges rows that expired before the time given', async () => {
      await rows.put('a', 'u1', {}, at(1000));
      await rows.put('b', 'u2', {}, at(2000));
      expect(await rows.purgeExpired(at(1000))).toBe(0);
      expect(await rows.purgeExpired(at(1001))).toBe(1);
      expect(await rows.get('a')).toBeUndefined();
      expect(await rows.get('b')).toBeDefined();
    });
  });
}
