import { describe, expect, it } from 'vitest';
import { LedgerView, toLedgerEntry, ValuePool, type LedgerEntry } from '../../src/domain/ledger-view.js';
import { sourceShapedLedger } from '../fixtures/source-ledger.fixture.js';

const entries = sourceShapedLedger().map(toLedgerEntry);

describe('ledger view', () => {
  it('answers with what was applied, listed by number', () => {
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

  it('keeps a newer version and ignores an older one arriving late', () => {
    const view = new LedgerView();
    const [first] = entries;
    view.apply([{ ...first!, version: 3, stage: 'replying' }]);
    view.apply([{ ...first!, version: 2, stage: 'assigned' }]);
    expect(view.get(first!.id)).toMatchObject({ version: 3, stage: 'replying' });
  });
});

describe('value pool', () => {
  it('leaves every entry it pools reading as it did, field for field, whatever values it now shares', () => {
    const pool = new ValuePool();
    const pooled = structuredClone(entries).map((e) => pool.intern(e));
    expect(pooled).toEqual(entries);
  });

  it('pools entries whose stored documents hold null where a value is absent', () => {
    const stored = { ...entries[0]!, nextDueAt: null, nextDueMilestone: null, leadDivision: null, proposers: [{ name: '陈委员', userid: null }] };
    const expected = structuredClone(stored);
    expect(new ValuePool().intern(stored as unknown as LedgerEntry)).toEqual(expected);
  });
});
