/**
 * 年度办理工作报告: the figures of the year-end report, computed from the ledger's cases received in
 * a period. Pure: the cases and the instant are passed in. The three 100% rates and 办成率 go
 * through the same view rows and `computeMetrics` as the 统计 pages and chat, so the report and
 * the pages never disagree.
 */
import { scopeOfKinds, type CaseKind, type KindScope } from '../kind.js';
import { isOverdueUnanswered, matchesFilter, metricGroupsOf, overdueGroupsOf, toLedgerEntry } from '../ledger-view.js';
import { computeMetrics, metricsByDivision, type Metrics, type MetricsPolicy } from '../metrics.js';
import {
  CONTACT_METHODS,
  CONTACT_PHASES,
  type ContactMethod,
  type ContactPhase,
  type Measure,
  type MilestoneKey,
  type OutcomeClass,
  type Proposal,
  type Stage,
} from '../model.js';

export interface ReportPeriod {
  /** Cases received in [from, to). */
  from: Date;
  to: Date;
  /** Overdue is judged as of this instant (when the report is drafted). */
  asOf: Date;
  /** One kind of case only (政协提案 or 人大代表建议); both when absent. */
  kind?: CaseKind;
}

/** A measure as committed, with its target and progress if it has one (the document words them). */
export interface ReportMeasure extends Pick<Measure, 'text' | 'target' | 'progress'> {
  done: boolean;
}

export interface KeyCase {
  id: string;
  session: string;
  number: string;
  title: string;
  leadDivision?: string;
  stage: Stage;
  /** Class of the reply sent, if any. */
  outcome?: OutcomeClass;
  measures: ReportMeasure[];
}

export interface CaseLine {
  id: string;
  session: string;
  number: string;
  title: string;
  leadDivision?: string;
}

/** Answered after its due date, or still unanswered past it (a 二次办理 by its own date): 按时办复率's misses. */
export interface LateCase extends CaseLine {
  milestone: MilestoneKey;
  dueAt?: Date;
  /** When it was answered; absent while it is still unanswered. */
  answeredAt?: Date;
}

export interface ExtendedCase extends CaseLine {
  milestone: MilestoneKey;
  days: number;
  reason: string;
}

export interface WorkReport {
  period: ReportPeriod;
  /** What the report is about: the kind asked for, else the kinds among its cases (both when none or both). */
  scope: KindScope;
  metrics: Metrics;
  /** The same figures per lead division, by code; cases not yet assigned are no division. */
  divisions: { code: string; metrics: Metrics }[];
  /** Cases not yet assigned to a division. */
  unassigned: number;
  /** Cases merged into a lead case (并案), each also counted on its own. */
  merged: number;
  contacts: {
    total: number;
    byMethod: Record<ContactMethod, number>;
    byPhase: Record<ContactPhase, number>;
    /** 人来人往: face-to-face contacts. */
    faceToFace: number;
    /** Face-to-face contacts the member confirmed / disputed. */
    confirmed: number;
    disputed: number;
  };
  /** 文来文往: formal replies (答复函, every round) and co-handling opinions sent. */
  repliesSent: number;
  coOpinionsSent: number;
  keyCases: KeyCase[];
  late: LateCase[];
  extended: ExtendedCase[];
}

const zeros = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

const lineOf = (p: Proposal): CaseLine => ({ id: p.id, session: p.session, number: p.number, title: p.title, leadDivision: p.leadDivision });

const answerMilestone = (p: Proposal): MilestoneKey => (p.handlingType === 'lead' ? 'reply' : 'opinion');

/** The latest answer's instant (the one 按时办复 judges), as facts.ts reads it. */
const answeredAt = (p: Proposal): Date | undefined => (p.handlingType === 'co' ? p.milestones.opinion?.doneAt : p.reply?.sentAt);

const byNumber = (a: Proposal, b: Proposal): number => a.session.localeCompare(b.session) || a.number.localeCompare(b.number, 'zh', { numeric: true });

export function buildWorkReport(all: readonly Proposal[], period: ReportPeriod, policy: MetricsPolicy): WorkReport {
  const window = { receivedFrom: period.from, receivedTo: period.to, ...(period.kind && { kind: period.kind }) };
  const pairs = all.map((p) => ({ p, e: toLedgerEntry(p) })).filter(({ e }) => matchesFilter(e, window));
  pairs.sort((a, b) => byNumber(a.p, b.p));
  const cases = pairs.map(({ p }) => p);
  const entries = pairs.map(({ e }) => e);
  const groups = metricGroupsOf(entries);
  const overdue = overdueGroupsOf(entries, period.asOf);
  const byDivision = metricsByDivision(groups, overdue, policy);

  const contacts = cases.flatMap((p) => p.contacts);
  const byMethod = zeros(CONTACT_METHODS);
  const byPhase = zeros(CONTACT_PHASES);
  for (const c of contacts) {
    byMethod[c.method]++;
    byPhase[c.phase]++;
  }
  const face = contacts.filter((c) => c.faceToFace);

  return {
    period,
    scope: period.kind ?? scopeOfKinds(cases.map((p) => p.kind)),
    metrics: computeMetrics(groups, overdue, policy),
    divisions: [...byDivision]
      .filter(([code]) => code !== '')
      .map(([code, metrics]) => ({ code, metrics }))
      .sort((a, b) => a.code.localeCompare(b.code)),
    unassigned: byDivision.get('')?.total ?? 0,
    merged: cases.filter((p) => p.mergedInto).length,
    contacts: {
      total: contacts.length,
      byMethod,
      byPhase,
      faceToFace: face.length,
      confirmed: face.filter((c) => c.confirmation === 'confirmed').length,
      disputed: face.filter((c) => c.confirmation === 'disputed').length,
    },
    repliesSent: cases.reduce((s, p) => s + [...p.priorReplies, ...(p.reply ? [p.reply] : [])].filter((r) => r.sentAt).length, 0),
    coOpinionsSent: cases.filter((p) => p.handlingType === 'co' && p.milestones.opinion?.doneAt).length,
    keyCases: cases
      .filter((p) => p.isKey)
      .map((p) => ({
        ...lineOf(p),
        stage: p.stage,
        outcome: p.reply?.sentAt ? p.reply.outcome : undefined,
        measures: p.measures.map((m) => ({ text: m.text, target: m.target, progress: m.progress, done: m.status === 'done' })),
      })),
    late: pairs.flatMap(({ p, e }) => {
      const milestone = answerMilestone(p);
      const dueAt = p.milestones[milestone]?.dueAt;
      if (isOverdueUnanswered(e, period.asOf)) return [{ ...lineOf(p), milestone, dueAt }];
      const answered = e.facts.replied && !e.facts.reanswerPending;
      if (answered && !e.facts.repliedOnTime) return [{ ...lineOf(p), milestone, dueAt, answeredAt: answeredAt(p) }];
      return [];
    }),
    extended: cases.flatMap((p) =>
      p.extensions.filter((x) => x.status === 'approved').map((x) => ({ ...lineOf(p), milestone: x.milestone, days: x.days, reason: x.reason })),
    ),
  };
}
