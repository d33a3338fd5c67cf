/**
 * 三个百分之百: 按时办复率, 见面沟通率, 主办件满意率, plus 办成率 and the outcome classes.
 * The store groups proposals by their precomputed facts (counts only, never one row per proposal);
 * this module folds those groups into figures, bureau-wide or per division.
 */
import type { CaseKind } from './kind.js';
import type { HandlingType, OutcomeClass, ProposalFacts, Satisfaction, Stage } from './model.js';

/** One `$group` bucket: proposals sharing these facts, and how many there are. */
export interface MetricGroup extends ProposalFacts {
  kind: CaseKind;
  leadDivision?: string;
  handlingType: HandlingType;
  isKey: boolean;
  stage: Stage;
  n: number;
}

/** Unanswered proposals whose answer was due before the report's instant, per division. */
export interface OverdueGroup {
  leadDivision?: string;
  n: number;
}

/** How the rates are defined; config/ledger.yaml `metrics`. */
export interface MetricsPolicy extends MetricDefinitions {
  /** Per kind: the definitions that differ for that kind (a combined rate adds each kind's counts). */
  kinds?: Partial<Record<CaseKind, Partial<MetricDefinitions>>>;
}

export interface MetricDefinitions {
  /** Which ratings count as satisfied in the headline 主办件满意率. */
  satisfiedRatings: Satisfaction[];
  /** Denominator of the headline: rated replies only, or every replied lead proposal. */
  satisfactionBase: 'rated' | 'replied';
  /** 见面沟通率 on member-confirmed contacts only. */
  faceToFaceConfirmedOnly: boolean;
}

export interface Rate {
  num: number;
  den: number;
  /** num/den in [0, 1], or null when nothing is due yet. */
  rate: number | null;
}

export interface Metrics {
  total: number;
  lead: number;
  co: number;
  key: number;
  byStage: Partial<Record<Stage, number>>;
  /**
   * 按时办复率: answered on time / (answered + unanswered past due). A case in its 二次办理 is
   * neither until it is answered again (or its new reply deadline passes unanswered).
   */
  onTime: Rate;
  replied: number;
  overdueUnanswered: number;
  /** 见面沟通率: proposals with a face-to-face contact / proposals in handling. */
  faceToFace: Rate;
  /**
   * The same over 主办 proposals only: meeting the member is the lead unit's duty, so a division's
   * score is not marked down for a 协办 case it had no meeting on.
   */
  faceToFaceLead: Rate;
  faceToFaceAny: number;
  faceToFaceConfirmed: number;
  /** 主办件满意率 as the policy defines it. */
  satisfaction: Rate;
  ratings: Record<Satisfaction | 'none', number>;
  /** 办成率: measures carried out / measures committed. */
  delivery: Rate;
  outcomes: Record<OutcomeClass, number>;
}

const rate = (num: number, den: number): Rate => ({ num, den, rate: den === 0 ? null : num / den });

const NOT_HANDLING = new Set<Stage>(['registered', 'assigned']);

/** The three 100% rates a list can be drilled into. */
export const RATES = ['onTime', 'faceToFace', 'satisfaction'] as const;
export type RateName = (typeof RATES)[number];

/** Where one case (or a bucket of alike cases) falls in each rate: counted at all, and counted as met. */
export type RateMembership = Record<RateName, { den: boolean; num: boolean }>;

/** The definitions that apply to cases of `kind`. */
export const definitionsFor = (policy: MetricsPolicy, kind: CaseKind | undefined): MetricDefinitions => ({
  satisfiedRatings: policy.satisfiedRatings,
  satisfactionBase: policy.satisfactionBase,
  faceToFaceConfirmedOnly: policy.faceToFaceConfirmedOnly,
  ...(kind && policy.kinds?.[kind]),
});

/**
 * One case's place in the three rates — the rule `computeMetrics` sums, and what a drill-down from a
 * rate into the ledger lists. `overdueUnanswered` (unanswered past due at the report's instant) is
 * in 按时办复率's base without being met.
 */
export function rateMembership(
  c: ProposalFacts & { stage: Stage; handlingType: HandlingType; kind: CaseKind },
  all: MetricsPolicy,
  overdueUnanswered = false,
): RateMembership {
  const policy = definitionsFor(all, c.kind);
  const answered = c.replied && !c.reanswerPending;
  const handling = !NOT_HANDLING.has(c.stage);
  const met = policy.faceToFaceConfirmedOnly ? c.faceToFaceConfirmed : c.faceToFace;
  const ratedLead = c.handlingType === 'lead' && c.replied;
  return {
    onTime: { den: answered || overdueUnanswered, num: answered && c.repliedOnTime },
    faceToFace: { den: handling, num: handling && met },
    satisfaction: {
      den: ratedLead && (policy.satisfactionBase === 'replied' || c.satisfaction !== 'none'),
      num: ratedLead && c.satisfaction !== 'none' && policy.satisfiedRatings.includes(c.satisfaction),
    },
  };
}

export function computeMetrics(groups: MetricGroup[], overdue: OverdueGroup[], policy: MetricsPolicy): Metrics {
  const m: Metrics = {
    total: 0,
    lead: 0,
    co: 0,
    key: 0,
    byStage: {},
    onTime: rate(0, 0),
    replied: 0,
    overdueUnanswered: 0,
    faceToFace: rate(0, 0),
    faceToFaceLead: rate(0, 0),
    faceToFaceAny: 0,
    faceToFaceConfirmed: 0,
    satisfaction: rate(0, 0),
    ratings: { satisfied: 0, basic: 0, dissatisfied: 0, none: 0 },
    delivery: rate(0, 0),
    outcomes: { A: 0, B: 0, C: 0 },
  };
  let onTime = 0;
  let inHandling = 0;
  let met = 0;
  const satisfaction = { num: 0, den: 0 };
  const lead = { inHandling: 0, met: 0 };
  let measuresTotal = 0;
  let measuresDone = 0;
  for (const g of groups) {
    m.total += g.n;
    m[g.handlingType] += g.n;
    if (g.isKey) m.key += g.n;
    m.byStage[g.stage] = (m.byStage[g.stage] ?? 0) + g.n;
    const r = rateMembership(g, policy);
    if (g.replied && !g.reanswerPending) m.replied += g.n;
    if (r.onTime.num) onTime += g.n;
    const handling = r.faceToFace.den;
    if (handling) inHandling += g.n;
    if (r.faceToFace.num) met += g.n;
    if (r.satisfaction.den) satisfaction.den += g.n;
    if (r.satisfaction.num) satisfaction.num += g.n;
    if (g.faceToFace) m.faceToFaceAny += g.n;
    if (g.faceToFaceConfirmed) m.faceToFaceConfirmed += g.n;
    if (g.handlingType === 'lead' && handling) {
      lead.inHandling += g.n;
      if (r.faceToFace.num) lead.met += g.n;
    }
    if (g.handlingType === 'lead' && g.replied) m.ratings[g.satisfaction] += g.n;
    if (g.outcome !== 'none') m.outcomes[g.outcome] += g.n;
    measuresTotal += g.measuresTotal * g.n;
    measuresDone += g.measuresDone * g.n;
  }
  m.overdueUnanswered = overdue.reduce((s, o) => s + o.n, 0);
  m.onTime = rate(onTime, m.replied + m.overdueUnanswered);
  m.faceToFace = rate(met, inHandling);
  m.faceToFaceLead = rate(lead.met, lead.inHandling);
  m.satisfaction = rate(satisfaction.num, satisfaction.den);
  m.delivery = rate(measuresDone, measuresTotal);
  return m;
}

/** The same figures for each lead division (proposals not yet assigned fall under ''; tables leave them out). */
export function metricsByDivision(groups: MetricGroup[], overdue: OverdueGroup[], policy: MetricsPolicy): Map<string, Metrics> {
  const codes = new Set([...groups.map((g) => g.leadDivision ?? ''), ...overdue.map((o) => o.leadDivision ?? '')]);
  const out = new Map<string, Metrics>();
  for (const code of codes) {
    out.set(
      code,
      computeMetrics(
        groups.filter((g) => (g.leadDivision ?? '') === code),
        overdue.filter((o) => (o.leadDivision ?? '') === code),
        policy,
      ),
    );
  }
  return out;
}
