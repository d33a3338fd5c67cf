/** The board's and the ledger's orderings, on the source-shaped ledger (no database). */
import { describe, expect, it } from 'vitest';
import { stageDue } from '../../src/domain/deadlines.js';
import { toLedgerEntry, type LedgerEntry } from '../../src/domain/ledger-view.js';
import { sortProposals } from '../../src/web/pages/ledger.page.js';
import type { Names } from '../../src/domain/names.js';
import { byUrgency } from '../../src/web/view-helpers.js';
import { sourceShapedLedger } from '../fixtures/source-ledger.fixture.js';

const entries: LedgerEntry[] = sourceShapedLedger().map(toLedgerEntry);
const dueOf = (e: LedgerEntry) => stageDue(e)?.at.getTime() ?? Infinity;
const DIVISIONS: Record<string, string> = { kfzd: '开发指导处', zcfg: '政策法规处', jhcw: '计划财务处' };
const names = { division: (code?: string) => (code ? (DIVISIONS[code] ?? code) : '') } as Names;

describe('orderings of the board and the ledger', () => {
  it('puts the most urgent first, those without a deadline last, and numbers in numeric order within a tie', () => {
    const sorted = [...entries].sort(byUrgency());
    expect(sorted).toHaveLength(entries.length);
    for (let i = 1; i < sorted.length; i++) {
      const [a, b] = [sorted[i - 1]!, sorted[i]!];
      expect(dueOf(a)).toBeLessThanOrEqual(dueOf(b));
      if (dueOf(a) === dueOf(b)) expect(Number(a.number)).toBeLessThan(Number(b.number));
    }
    expect(sorted.some((e) => dueOf(e) < Infinity) && sorted.some((e) => dueOf(e) === Infinity)).toBe(true);
  });

  it('sorts the ledger by number, by deadline and by division name (in Chinese order), either way', () => {
    const byNumber = sortProposals(entries, 'number', 'asc', names).map((e) => Number(e.number));
    expect(byNumber).toEqual([...byNumber].sort((a, b) => a - b));
    expect(sortProposals(entries, 'number', 'desc', names)[0]!.number).toBe(
      entries
        .map((e) => e.number)
        .sort()
        .at(-1),
    );
    const byDue = sortProposals(entries, 'due', 'asc', names).map(dueOf);
    expect(byDue).toEqual([...byDue].sort((a, b) => a - b));
    const byDivision = sortProposals(entries, 'division', 'asc', names).map((e) => names.division(e.leadDivision));
    expect(byDivision).toEqual([...byDivision].sort(new Intl.Collator('zh').compare));
  });
});
