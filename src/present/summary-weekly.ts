/**
 * 周督导 as leaders read it: the weekly summary's figures and short lists (domain/summary-weekly.ts)
 * as markdown messages, alike items folded into one line.
 */
import { STAGE_LABELS } from './ledger.texts.js';
import { STAGES } from '../domain/model.js';
import { headlineFigures, type HeadlineFigures, type ListedProposal, type ShortList, type WeeklySummaryData } from '../domain/summary-weekly.js';
import { addDays, endOfLocalDay, startOfLocalDay } from '../domain/shanghai-time.js';
import { splitMarkdown } from '../shared/split-markdown.js';
import { pct, pointsChange, shortTitle } from './summary-format.js';
import { entryLines, foldAlike } from './summary-fold.js';
import { summaryTexts as t } from './summary.texts.js';

/** A list's lines: alike items folded when it is foldable, at most its limit, the rest counted as `what`. */
export function shortListLines(list: ShortList, what: string, line: (p: ListedProposal) => string = (p) => listedLine(p)): string[] {
  const entries = list.lines === undefined ? list.items.map((one) => ({ one })) : foldAlike(list.items);
  return entryLines(entries, list.lines ?? list.items.length, line, list.total, what);
}

export function listedLine(p: ListedProposal, withDivision = true): string {
  const parts = [t.proposalRef(p.number, shortTitle(p.title), p.isKey, p.kind)];
  if (withDivision && p.divisionName) parts.push(t.division(p.divisionName));
  if (p.milestone && p.dueAt) parts.push(t.milestoneDue(p.milestone, p.dueAt, p.kind) + (p.overdueWorkdays > 0 ? t.overdueBy(p.overdueWorkdays) : ''));
  if (p.responsible) parts.push(t.responsible(p.responsible));
  return `> ${parts.join('，')}`;
}

export function targetLines(m: HeadlineFigures, previous: HeadlineFigures | undefined, keys: (keyof HeadlineFigures)[]): string[] {
  return keys.map((k) => t.target(t.targetLabels[k], pct(m[k]), m[k].num, m[k].den, pointsChange(m[k].rate, previous?.[k].rate)));
}

/** The summary as one or more markdown messages, each within WeCom's size limit. */
export function renderWeekly(d: WeeklySummaryData): string[] {
  const title = t.weeklyTitle(d.scope, d.period.key, startOfLocalDay(d.period.start), endOfLocalDay(addDays(d.period.end, -1)));
  const m = d.metrics;
  const stages = STAGES.filter((s) => (m.byStage[s] ?? 0) > 0).map((s) => `${STAGE_LABELS[s]} ${m.byStage[s]}`);
  const lines = [
    title,
    t.asOf(d.asOf),
    t.overview(m.total, m.lead, m.co, m.key),
    t.weekActivity(d.added, d.replied),
    t.byStageTitle,
    `> ${stages.join('｜') || '—'}`,
    t.targetsTitle,
    ...targetLines(headlineFigures(m), d.previous, ['onTime', 'faceToFace', 'satisfaction']),
    t.overdueTitle(d.overdue.total),
    ...(d.overdue.total ? shortListLines(d.overdue, t.overdueNoun) : [t.noOverdue]),
    t.keyTitle(d.scope, d.key.total),
    ...(d.key.total
      ? shortListLines(d.key, t.keyNoun(d.scope), (p) =>
          t.keyLine(
            t.proposalRef(p.number, shortTitle(p.title), false, p.kind),
            STAGE_LABELS[p.stage],
            p.milestone && p.dueAt ? t.milestoneDue(p.milestone, p.dueAt, p.kind) + (p.overdueWorkdays > 0 ? t.overdueBy(p.overdueWorkdays) : '') : undefined,
            p.responsible && t.responsible(p.responsible),
          ),
        )
      : [t.noKey(d.scope)]),
  ];
  return splitMarkdown(lines, { continued: (n) => t.continued(title, n) });
}
