/**
 * What lists, metrics and summaries rely on from the ledger view (LedgerViewSource, domain/ports.ts),
 * run against the in-memory adapters (unit) and the store's (integration), each view wired to its
 * own proposal repository: what is written through the repository shows in `current()` without
 * waiting, a newer version replaces the older one, a refused write changes nothing, and catching up
 * loses nothing. Other instances' writes reaching the view are test/store/ledger-view.test.ts's.
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.js';
import { toLedgerEntry, type LedgerView } from '../../../src/domain/ledger-view.js';
import type { AuditEvent } from '../../../src/domain/model.js';
import type { LedgerViewSource, ProposalRepository } from '../../../src/domain/ports.js';
import { registered } from '../../fixtures/ledger.fixture.js';
import { at, freshEach } from './contract-support.js';

const edit: AuditEvent = {
  at: at(0),
  actor: { userid: 'zf-staff', name: '王协调' },
  channel: 'cli',
  action: 'edit',
  changes: [{ field: 'title', before: 'a', after: 'b' }],
};
const held = (view: LedgerView) => [...view.all()].sort((a, b) => a.id.localeCompare(b.id));

export function ledgerViewContract(make: () => Promise<{ proposals: ProposalRepository; view: LedgerViewSource }>): void {
  describe('ledger view contract', () => {
    const store = freshEach(make);

    it('shows what was written through the repository, before its first use and after', async () => {
      const a = registered({ number: '0001' });
      await store.proposals.insertMany([a]);
      expect(held(await store.view.current())).toEqual([toLedgerEntry(a)]);
      const b = registered({ number: '0002', isKey: true });
      await store.proposals.insertMany([b]);
      const view = await store.view.current();
      expect(view.get(b.id)).toEqual(toLedgerEntry(b));
      expect(view.size).toBe(2);
    });

    it('replaces an entry by its newer version; a refused change or batch leaves the view as it was', async () => {
      const p = registered();
      await store.proposals.insertMany([p]);
      await store.view.current();
      const changed = await store.proposals.applyChange({ ...p, title: '新标题' }, p.version, edit);
      expect((await store.view.current()).get(p.id)).toEqual(toLedgerEntry(changed!));
      expect(await store.proposals.applyChange({ ...p, title: '晚到的改动' }, p.version, edit)).toBeNull();
      await expect(store.proposals.insertMany([registered({ number: '0002' }), registered({ number: p.number })])).rejects.toSatisfy(
        (e) => e instanceof DomainError && e.code === 'duplicate',
      );
      expect(held(await store.view.current())).toEqual([toLedgerEntry(changed!)]);
    });

    it('loses nothing by catching up, however many callers ask at once', async () => {
      const all = [registered({ number: '0001' }), registered({ number: '0002' })];
      await store.proposals.insertMany(all);
      const want = all.map(toLedgerEntry).sort((a, b) => a.id.localeCompare(b.id));
      await Promise.all([store.view.catchUp(), store.view.catchUp(), store.view.current()]);
      expect(held(await store.view.current())).toEqual(want);
      const views = await Promise.all([store.view.current(), store.view.current()]);
      for (const view of views) expect(held(view)).toEqual(want);
    });
  });
}
