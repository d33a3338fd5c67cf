/**
 * 周督导: the weekly summary for leaders, built from figures the store has already aggregated
 * (counts, the three 100% targets, short lists), so its cost does not grow with the ledger.
 */
import type { CaseKind, KindScope } from './kind.js';
import { STAGE_LABELS } from './ledger.texts.js';
import type { Metrics, Rate } from './metrics.js';
import { STAGES, type MilestoneKey, type Stage } from './model.js';
import { pct, pointsChange, shortTitle } from './summary-format.js';
import { splitMarkdown } from '../shared/split-markdown.js';
import type { WeekPeriod } from './summary-period.js';
import { entryLines, foldAlike } from './summary-fold.js';
import { summaryTexts as t } from './summary.texts.js';
import { addDays, endOfLocalDay, startOfLocalDay } from './shanghai-time.js';

/** The headline rates: compared with the week before, and stored once a week for the console. */
export interface HeadlineFigures {
  onTime: Rate;
  faceToFace: Rate;
  satisfaction: Rate;
  delivery: Rate;
}

export const headlineFigures = (m: Metrics): HeadlineFigures => ({
  onTime: m.onTime,
  faceToFace: m.faceToFace,
  satisfaction: m.satisfaction,
  delivery: m.delivery,
});

/** A proposal as a summary lists it (one line). */
export interface ListedProposal {
  id: string;
  kind: CaseKind;
  number: string;
  title: string;
  isKey: boolean;
  stage: Stage;
  divisionName?: string;
  /** The handler's name, else the division head's. */
  responsible?: string;
  milestone?: MilestoneKey;
  dueAt?: Date;
  /** Past its due date at the summary's instant. */
  overdue: boolean;
  overdueWorkdays: number;
}

/** A list cut to a limit (counted in lines, alike items folded into one), with the full count. */
export interface ShortList {
  total: number;
  /** Every item when the list is folded (`lines` set), else the first ones. */
  items: ListedProposal[];
  /** Most lines to show, alike items folded. */
  lines?: number;
}

/** A list's lines: alike items folded when it is foldable, at most its limit, the rest counted as `what`. */
export function shortListLines(list: ShortList, what: string, line: (p: ListedProposal) => string = (p) => listedLine(p)): string[] {
  const entries = list.lines === undefined ? list.items.map((one) => ({ one })) : foldAlike(list.items);
  return entryLines(entries, list.lines ?? list.items.length, line, list.total, what);
}

export interface WeeklySummaryData {
  period: WeekPeriod;
  /** The kinds the ledger holds: the headings say 提案, 建议 or 提案和建议 as counted. */
  scope: KindScope;
  asOf: Date;
  metrics: Metrics;
  /** The week before's figures at its close, when the ledger had proposals then. */
  previous?: HeadlineFigures;
  /** Received / replied (or co-handling opinion sent) during the week. */
  added: number;
  replied: number;
  overdue: ShortList;
  key: ShortList;
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
