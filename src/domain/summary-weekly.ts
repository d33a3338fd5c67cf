/**
 * 周督导: the weekly summary for leaders, built from figures the store has already aggregated
 * (counts, the three 100% targets, short lists), so its cost does not grow with the ledger.
 * What leaders read is rendered from these figures in present/summary-weekly.ts.
 */
import type { CaseKind, KindScope } from './kind.js';
import type { Metrics, Rate } from './metrics.js';
import type { MilestoneKey, Stage } from './model.js';
import type { WeekPeriod } from './summary-period.js';

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
