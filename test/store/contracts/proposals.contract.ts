/**
 * What the ledger service relies on from the proposal repository (domain/ports.ts), run against
 * the in-memory adapter (unit tests of the domain use it) and the MongoDB one (integration): a
 * batch with a taken number writes nothing, a change applies only on the version it was decided
 * on and is kept in the version history, a change retried after a lost answer is not refused.
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.js';
import type { AuditEvent, Proposal } from '../../../src/domain/model.js';
import type { ProposalRepository } from '../../../src/domain/ports.js';
import { registered } from '../../fixtures/ledger.fixture.js';
import { at, freshEach } from './contract-support.js';

const event = (requestId?: string): AuditEvent => ({
  at: at(0),
  actor: { userid: 'zf-staff', name: '王协调' },
  channel: 'cli',
  action: 'edit',
  changes: [{ field: 'title', before: 'a', after: 'b' }],
  ...(requestId && { requestId }),
});
const byId = (a: Proposal, b: Proposal) => a.id.localeCompare(b.id);

export function proposalsContract(make: () => Promise<ProposalRepository>): void {
  describe('proposal repository contract', () => {
    const proposals = freshEach(make);

    it('finds what it stored, whole, unchanged by what the caller does afterwards', async () => {
      const [a, b] = [registered({ number: '0001' }), registered({ number: '0002', isKey: true })];
      await proposals.insertMany([a, b]);
      a.title = 'changed after the insert';
      expect(await proposals.findById(b.id)).toEqual(b);
      expect((await proposals.findById(a.id))?.title).toBe('关于推进乡村振兴的提案');
      expect(await proposals.findById('unknown')).toBeNull();
      expect((await proposals.findByIds([b.id, 'unknown', a.id])).map((p) => p.id).sort()).toEqual([a.id, b.id].sort());
      expect(await proposals.findByIds([])).toEqual([]);
    });

    it('writes nothing of a batch with a number taken, by the ledger or by the batch itself', async () => {
      await proposals.insertMany([registered({ number: '0001' })]);
      const fresh = registered({ number: '0002' });
      for (const batch of [
        [fresh, registered({ number: '0001' })],
        [fresh, registered({ number: '0003' }), registered({ number: '0003' })],
      ]) {
        await expect(proposals.insertMany(batch)).rejects.toSatisfy((e) => e instanceof DomainError && e.code === 'duplicate');
        expect(await proposals.findById(fresh.id)).toBeNull();
      }
      // The same number in another session, or of the other kind, is another case.
      await proposals.insertMany([registered({ number: '0001', session: '十二届四次' }), registered({ number: '0001', kind: 'suggestion' })]);
      expect(await proposals.findByNumber('0001')).toHaveLength(3);
    });

    it('finds cases by number, latest session first (as received, not as the names sort), narrowed by session and kind', async () => {
      // As text 四 sorts after 五: the names alone would put the older session first.
      const [older, newer, suggestion] = [
        registered({ number: '0007', session: '十三届四次', receivedAt: new Date('2025-01-20T02:00:00Z') }),
        registered({ number: '0007', session: '十三届五次', receivedAt: new Date('2026-01-22T02:00:00Z') }),
        registered({ number: '0007', session: '2024年', kind: 'suggestion', receivedAt: new Date('2024-03-10T02:00:00Z') }),
      ];
      await proposals.insertMany([older, newer, suggestion]);
      expect((await proposals.findByNumber('0007')).map((p) => p.id)).toEqual([newer.id, older.id, suggestion.id]);
      expect((await proposals.findByNumber('0007', '十三届四次')).map((p) => p.id)).toEqual([older.id]);
      expect((await proposals.findByNumber('0007', undefined, 'suggestion')).map((p) => p.id)).toEqual([suggestion.id]);
      expect(await proposals.findByNumber('0008')).toEqual([]);
    });

    it('applies a change only on the version it was decided on, keeping each version', async () => {
      const p = registered();
      await proposals.insertMany([p]);
      const stored = await proposals.applyChange({ ...p, title: '新标题' }, p.version, event());
      expect(stored).toEqual({ ...p, title: '新标题', version: p.version + 1, events: [...p.events, event()] });
      expect(await proposals.findById(p.id)).toEqual(stored);
      expect(await proposals.applyChange({ ...p, title: '晚到的改动' }, p.version, event())).toBeNull();
      expect((await proposals.findById(p.id))?.title).toBe('新标题');
      expect(await proposals.findVersion(p.id, p.version)).toEqual(p);
      expect(await proposals.findVersion(p.id, p.version + 1)).toEqual(stored);
      expect(await proposals.findVersion(p.id, p.version + 2)).toBeNull();
    });

    it('returns the stored change when the same request is applied again (its first answer lost)', async () => {
      const p = registered();
      await proposals.insertMany([p]);
      const first = await proposals.applyChange({ ...p, title: '新标题' }, p.version, event('wecom-app:42#0'));
      expect(await proposals.applyChange({ ...p, title: '新标题' }, p.version, event('wecom-app:42#0'))).toEqual(first);
      expect((await proposals.findById(p.id))?.version).toBe(p.version + 1);
    });

    it('streams whole documents: those asked for, or every one', async () => {
      const all = [registered({ number: '0001' }), registered({ number: '0002' }), registered({ number: '0003' })];
      await proposals.insertMany(all);
      const streamed = async (ids?: string[]) => {
        const out: Proposal[] = [];
        for await (const p of proposals.stream(ids)) out.push(p);
        return out.sort(byId);
      };
      expect(await streamed()).toEqual([...all].sort(byId));
      expect(await streamed([all[2]!.id, all[0]!.id])).toEqual([all[0]!, all[2]!].sort(byId));
      expect(await streamed([])).toEqual([]);
    });

    it('finds and streams every document asked for, few or many (the store reads a few one by one)', async () => {
      const all = Array.from({ length: 240 }, (_, i) => registered({ number: String(i + 1).padStart(4, '0') }));
      await proposals.insertMany(all);
      const ids = (n: number) => all.slice(0, n).map((p) => p.id);
      for (const n of [1, 200, 201, 240]) {
        const asked = [...ids(n), 'unknown'];
        expect((await proposals.findByIds(asked)).map((p) => p.id).sort()).toEqual(ids(n).sort());
        const streamed: string[] = [];
        for await (const p of proposals.stream(asked)) streamed.push(p.id);
        expect(streamed.sort()).toEqual(ids(n).sort());
      }
    });

    it('finds by filter in number order, at most the limit', async () => {
      await proposals.insertMany([
        registered({ number: '0003', session: '2026年', title: '关于乡村道路的提案' }),
        registered({ number: '0001', session: '2026年', title: '关于乡村学校的提案' }),
        registered({ number: '0002', session: '2026年', title: '关于城市交通的提案' }),
        registered({ number: '0001', session: '2025年', title: '关于乡村医疗的提案' }),
      ]);
      const numbers = (ps: Proposal[]) => ps.map((p) => `${p.session}/${p.number}`);
      expect(numbers(await proposals.find({ session: '2026年' }, { sort: 'number' }))).toEqual(['2026年/0001', '2026年/0002', '2026年/0003']);
      expect(numbers(await proposals.find({ text: '乡村' }, { sort: 'number' }))).toEqual(['2025年/0001', '2026年/0001', '2026年/0003']);
      expect(numbers(await proposals.find({ session: '2026年' }, { sort: 'number', limit: 2 }))).toEqual(['2026年/0001', '2026年/0002']);
      expect(await proposals.find({ session: '十一届' })).toEqual([]);
    });
  });
}
