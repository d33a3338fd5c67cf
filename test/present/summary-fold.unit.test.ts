/**
 * Digests and weekly summaries fold repeated lines ("53 件待交办，最久的已逾期 3 个工作日") and say
 * what every count is; a header's count is the count of the items under it.
 */
import { describe, expect, it } from 'vitest';
import type { DigestItem } from '../../src/domain/digest.js';
import { renderDigest } from '../../src/present/digest.js';
import { EMPTY_FACTS } from '../../src/domain/facts.js';
import { computeMetrics } from '../../src/domain/metrics.js';
import type { MilestoneKey } from '../../src/domain/model.js';
import { endOfLocalDay } from '../../src/domain/shanghai-time.js';
import { parseWeek } from '../../src/domain/summary-period.js';
import type { ListedProposal } from '../../src/domain/summary-weekly.js';
import { renderWeekly } from '../../src/present/summary-weekly.js';
import { policy } from '../fixtures/ledger.fixture.js';

const NOW = new Date('2026-12-02T01:00:00Z'); // Wednesday 09:00 in Shanghai
const num = (i: number) => String(101 + i).padStart(4, '0');

const item = (i: number, over: Partial<DigestItem> = {}): DigestItem => ({
  reason: 'overdue',
  proposalId: `p${i}`,
  kind: 'proposal',
  number: num(i),
  title: `关于第${i}项工作的提案`,
  isKey: false,
  milestone: 'assign',
  dueAt: endOfLocalDay('2026-11-27'),
  overdue: true,
  overdueWorkdays: 3,
  ...over,
});

const count = (text: string, part: string) => text.split(part).length - 1;

describe('the daily digest', () => {
  it('folds 53 unassigned cases into one line that says how many, how late and which', () => {
    const items = Array.from({ length: 53 }, (_, i) => item(i, i === 0 ? { dueAt: endOfLocalDay('2026-11-24'), overdueWorkdays: 6 } : {}));
    const text = renderDigest('王协调', NOW, items, 15);
    expect(text).toContain('**已逾期（53件）**');
    expect(text).toContain('> 53 件待交办，最久的已逾期 6 个工作日：第0101、0102、0103、0104、0105、0106、0107、0108号等');
    expect(count(text, '交办11月27日到期')).toBe(0);
    expect(text).not.toContain('另有');
  });

  it('names the daily reminder by the kinds it lists', () => {
    expect(renderDigest('王协调', NOW, [item(1)], 15)).toMatch(/^\*\*提案办理提醒 · /);
    expect(renderDigest('王协调', NOW, [item(1, { kind: 'suggestion' })], 15)).toMatch(/^\*\*建议办理提醒 · /);
    expect(renderDigest('王协调', NOW, [item(1), item(2, { kind: 'suggestion' })], 15)).toMatch(/^\*\*提案和建议办理提醒 · /);
    // Alike cases waiting for their member's rating: the 代表's on 建议, both where both wait.
    const rating = (kind: DigestItem['kind']) => (i: number) => item(i, { kind, milestone: 'feedback' });
    expect(renderDigest('王协调', NOW, [0, 1, 2].map(rating('suggestion')), 15)).toContain('> 3 件待代表反馈，最久的已逾期 3 个工作日');
    expect(renderDigest('王协调', NOW, [0, 1, 2].map(rating('proposal')), 15)).toContain('> 3 件待委员反馈');
    expect(renderDigest('王协调', NOW, [rating('proposal')(0), ...[1, 2].map(rating('suggestion'))], 15)).toContain('> 3 件待委员、代表反馈');
    expect(renderDigest('王协调', NOW, [rating('suggestion')(0)], 15)).toContain('代表反馈11月27日到期');
  });

  it('lists a pair one by one, folds per step and state, and never folds extension requests', () => {
    const items = [
      item(0, { milestone: 'reply', dueAt: endOfLocalDay('2026-11-30'), overdueWorkdays: 2, divisionName: '开发指导处' }),
      item(1, { milestone: 'reply', dueAt: endOfLocalDay('2026-12-01'), overdueWorkdays: 1, divisionName: '开发指导处' }),
      ...[2, 3, 4].map((i) =>
        item(i, {
          reason: 'dueSoon',
          milestone: 'preContact',
          overdue: false,
          overdueWorkdays: 0,
          dueAt: endOfLocalDay(`2026-12-0${i}`),
          divisionName: i === 4 ? '社会帮扶处' : '开发指导处',
        }),
      ),
      ...Array.from({ length: 20 }, (_, k) =>
        item(10 + k, {
          reason: 'extension',
          milestone: 'reply',
          dueAt: undefined,
          overdue: false,
          overdueWorkdays: 0,
          extension: { days: 30, reason: '需征求意见', requestedBy: '钱专员' },
        }),
      ),
    ];
    const text = renderDigest('王协调', NOW, items, 15);
    expect(text).toContain('> 第0101号《关于第0项工作的提案》，答复11月30日到期，已逾期2个工作日');
    expect(text).toContain('> 第0102号《关于第1项工作的提案》，答复12月1日到期，已逾期1个工作日');
    expect(text).toContain('> 3 件待办前沟通即将到期，最早12月2日到期（开发指导处 2 件、社会帮扶处 1 件）：第0103、0104、0105号');
    expect(count(text, '申请延期30天')).toBe(15);
    expect(text).toContain('> ……另有 5 件待审批的延期申请未列出，请在提案通中查看');
  });
});

describe('the weekly summary', () => {
  const listed = (i: number, milestone: MilestoneKey, over: Partial<ListedProposal> = {}): ListedProposal => ({
    id: `p${i}`,
    kind: 'proposal',
    number: num(i),
    title: `关于第${i}项工作的提案`,
    isKey: false,
    stage: 'registered',
    milestone,
    dueAt: endOfLocalDay('2026-11-27'),
    overdue: true,
    overdueWorkdays: 3,
    ...over,
  });
  const group = (isKey: boolean, stage: 'researching' | 'archived' | 'registered', n: number) => ({
    kind: 'proposal' as const,
    leadDivision: 'kfzd',
    handlingType: 'lead' as const,
    isKey,
    stage,
    ...EMPTY_FACTS,
    n,
  });
  const metrics = computeMetrics([group(true, 'researching', 8), group(true, 'archived', 2), group(false, 'registered', 53)], [], policy.metrics);
  const key = Array.from({ length: 8 }, (_, i) =>
    listed(200 + i, 'reply', { isKey: true, stage: 'researching', overdue: false, overdueWorkdays: 0, dueAt: endOfLocalDay('2027-01-12') }),
  );
  const overdue = [...Array.from({ length: 53 }, (_, i) => listed(i, 'assign')), listed(60, 'opinion', { stage: 'researching', divisionName: '开发指导处' })];
  const data = {
    period: parseWeek('2026-W48')!,
    scope: 'proposal' as const,
    asOf: endOfLocalDay('2026-11-29'),
    metrics,
    added: 0,
    replied: 0,
    overdue: { total: overdue.length, items: overdue, lines: 10 },
    key: { total: key.length, items: key },
  };
  const text = renderWeekly(data).join('\n');

  it('says which key proposals the header counts, and lists exactly that many', () => {
    expect(text).toContain('共 63 件（主办 63、协办 0，其中重点 10 件）');
    expect(text).toContain('**在办重点提案 8 件**');
    expect(count(text, '：调研，答复1月12日到期')).toBe(8);
  });

  it('heads a summary of 建议, or of both kinds, in their words', () => {
    const suggestions = renderWeekly({ ...data, scope: 'suggestion' }).join('\n');
    expect(suggestions).toMatch(/^\*\*建议办理周督导 · 2026年第48周/);
    expect(suggestions).toContain('**在办重点建议 8 件**');
    const both = renderWeekly({ ...data, scope: 'both', key: { total: 0, items: [] } }).join('\n');
    expect(both).toMatch(/^\*\*提案和建议办理周督导/);
    expect(both).toContain('> 暂无重点提案和建议');
  });

  it('folds the overdue list by step', () => {
    expect(text).toContain('**逾期事项 54 件**');
    expect(text).toContain('> 53 件待交办，最久的已逾期 3 个工作日：第0101、0102、0103、0104、0105、0106、0107、0108号等');
    expect(text).toContain('> 第0161号《关于第60项工作的提案》，开发指导处，办理意见11月27日到期，已逾期3个工作日');
    expect(text).not.toContain('另有');
  });
});
