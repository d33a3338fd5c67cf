/** Deadlines and metric definitions per kind of case (config/ledger.yaml `kinds`), and what a bad file is told. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLedgerConfig } from '../../src/config/ledger.config.js';
import { computeMilestones } from '../../src/domain/deadlines.js';
import { toLocalDate } from '../../src/domain/shanghai-time.js';
import { calendar, registered } from '../fixtures/ledger.fixture.js';

const shipped = readFileSync('config/ledger.yaml', 'utf8');
/** The shipped file with `suggestion: {}` of the deadlines (the first one) replaced. */
const withSuggestionDeadlines = (rules: string) => shipped.replace('    suggestion: {}', `    suggestion:\n${rules}`);

describe('ledger rules per kind', () => {
  it('gives a 人大代表建议 its own reply deadline while a 政协提案 keeps the default, key rules still on top', () => {
    const config = parseLedgerConfig(withSuggestionDeadlines('      reply: { amount: 2, unit: month, from: assigned }'));
    const assignedAt = new Date('2026-04-01T02:00:00Z');
    const due = (kind: 'proposal' | 'suggestion', isKey = false) =>
      toLocalDate(computeMilestones({ ...registered({ kind, isKey }), assignedAt }, config.deadlines, calendar).reply!.dueAt);
    expect(due('proposal')).toBe('2026-07-01');
    expect(due('suggestion')).toBe('2026-06-01');
    // 重点 wins last for both kinds (the shipped key rule is two months as well).
    expect(due('proposal', true)).toBe('2026-06-01');
  });

  it('says in Chinese what is wrong with a kind’s rules and how it may be written', () => {
    const bad = withSuggestionDeadlines('      reply: { amount: 2, unit: week, from: assigned }\n      answer: { amount: 1, unit: month, from: assigned }').replace(
      '    suggestion: {}',
      '    suggestion: { satisfactionBase: all }',
    );
    expect(() => parseLedgerConfig(bad, 'config/ledger.yaml')).toThrow(
      [
        '办理规则文件 config/ledger.yaml 有误：',
        '- deadlines.kinds.suggestion.reply.unit：只能填 day、workday、month 之一',
        '- deadlines.kinds.suggestion：不认识的项：answer',
        '- metrics.kinds.suggestion.satisfactionBase：只能填 rated、replied 之一',
      ].join('\n'),
    );
    expect(() => parseLedgerConfig(shipped.replace('  kinds:\n    proposal: {}', '  kinds:\n    npc: {}\n    proposal: {}'))).toThrow('deadlines.kinds：不认识的项：npc');
  });
});
