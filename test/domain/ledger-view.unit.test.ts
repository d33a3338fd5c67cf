import { describe, expect, it } from 'vitest';
import { LedgerView, toLedgerEntry, type LedgerEntry } from '../../src/domain/ledger-view.js';
import { sourceShapedLedger } from '../fixtures/source-ledger.fixture.js';

describe('ledger view', () => {
  const entries = sourceShapedLedger().map(toLedgerEntry);

  it('answers with what was applied, field for field, whatever values it shares between entries', () => {
    const view = new LedgerView();
    view.reset(structuredClone(entries));
    for (const e of entries) expect(view.get(e.id)).toEqual(e);
    expect(view.list({ stages: [entries[0]!.stage] }).map((e) => e.id)).toEqual(
      entries
        .filter((e) => e.stage === entries[0]!.stage)
        .sort((a, b) => (a.number < b.number ? -1 : 1))
        .map((e) => e.id),
    );
  });

  it('takes entries whose stored documents hold null where a value is absent', () => {
    const view = new LedgerView();
    const stored = { ...entries[0]!, nextDueAt: null, nextDueMilestone: null, leadDivision: null, proposers: [{ name: '陈委员', userid: null }] };
    view.apply([stored as unknown as LedgerEntry]);
    expect(view.get(stored.id)).toEqual(stored);
  });

  it('leaves the entries it was given reading as they did', () => {
    const given = structuredClone(entries);
    new LedgerView().reset(given);
    expect(given).toEqual(entries);
  });

  it('keeps a newer version and ignores an older one arriving late', () => {
    const view = new LedgerView();
    const [first] = entries;
    view.apply([{ ...first!, version: 3, stage: 'replying' }]);
    view.apply([{ ...first!, version: 2, stage: 'assigned' }]);
    expect(view.get(first!.id)).toMatchObject({ version: 3, stage: 'replying' });
  });
});
