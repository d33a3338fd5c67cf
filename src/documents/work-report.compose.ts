/**
 * The year's work report as a document: the template's sections with the ledger's figures filled
 * in, and the ledger's tables. One document feeds both the Markdown and the Word rendering, so the
 * two always say the same.
 */
import { kindTexts } from '../present/kind.texts.js';
import { METHOD_LABELS, MILESTONE_LABELS, OUTCOME_LABELS, PHASE_LABELS, STAGE_LABELS } from '../present/ledger.texts.js';
import type { Metrics } from '../domain/metrics.js';
import { CONTACT_METHODS, CONTACT_PHASES, type OutcomeClass } from '../domain/model.js';
import type { WorkReport } from '../domain/report/work-report.js';
import { toLocalDate } from '../domain/shanghai-time.js';
import { formatDateZh } from '../present/dates.js';
import { measureWithProgress } from '../present/measures.js';
import { pct } from '../present/summary-format.js';
import type { ReportPlaceholder, ReportTable, WorkReportConfig } from './work-report.config.js';
import { reportTexts as t } from './work-report.texts.js';

export interface ReportTableDoc {
  caption: string;
  head: readonly string[];
  rows: string[][];
  /** Said instead of an empty table. */
  empty?: string;
}

export interface ReportSectionDoc {
  heading: string;
  paragraphs: string[];
  tables: ReportTableDoc[];
}

export interface ReportDocument {
  /** The bureau drafting it (落款, the file's author). */
  bureau: string;
  title: string;
  draftMark?: string;
  sections: ReportSectionDoc[];
  /** 落款: the bureau and the date drafted. */
  foot: string[];
}

export interface ComposeContext {
  config: WorkReportConfig;
  /** A division's name for its code ('' = not yet assigned). */
  divisionName(code: string): string;
}

const OUTCOMES: OutcomeClass[] = ['A', 'B', 'C'];

const share = (n: number, of: number): string => pct(of === 0 ? null : n / of);

/** The first and last local dates of a period [from, to), and its year when it is exactly one. */
export function periodDates(from: Date, to: Date): { first: string; last: string; year?: number } {
  const first = toLocalDate(from);
  const last = toLocalDate(new Date(to.getTime() - 1));
  const year = Number(first.slice(0, 4));
  return { first, last, ...(first === `${year}-01-01` && last === `${year}-12-31` && { year }) };
}

/** “2026年度” for a whole Shanghai calendar year, otherwise the dates. */
export function periodLabel(from: Date, to: Date): string {
  const d = periodDates(from, to);
  return d.year ? t.yearPeriod(d.year) : `${formatDateZh(d.first)}至${formatDateZh(d.last)}`;
}

/** The figures the template's placeholders name. */
export function reportValues(r: WorkReport, bureau: string): Record<ReportPlaceholder, string> {
  const m = r.metrics;
  const c = r.contacts;
  const n = String;
  return {
    bureau,
    case: kindTexts.scopeShort(r.scope),
    member: kindTexts.scopeMember(r.scope),
    period: periodLabel(r.period.from, r.period.to),
    from: formatDateZh(r.period.from),
    to: formatDateZh(new Date(r.period.to.getTime() - 1)),
    asOf: formatDateZh(r.period.asOf),
    total: n(m.total),
    lead: n(m.lead),
    co: n(m.co),
    key: n(m.key),
    keyCount: n(m.key),
    merged: n(r.merged),
    replied: n(m.replied),
    unassigned: n(r.unassigned),
    unreplied: n(m.total - m.replied),
    onTimeRate: pct(m.onTime),
    onTimeNum: n(m.onTime.num),
    onTimeDen: n(m.onTime.den),
    faceToFaceRate: pct(m.faceToFace),
    faceToFaceNum: n(m.faceToFace.num),
    faceToFaceDen: n(m.faceToFace.den),
    satisfactionRate: pct(m.satisfaction),
    satisfactionNum: n(m.satisfaction.num),
    satisfactionDen: n(m.satisfaction.den),
    deliveryRate: pct(m.delivery),
    deliveryNum: n(m.delivery.num),
    deliveryDen: n(m.delivery.den),
    satisfied: n(m.ratings.satisfied),
    basic: n(m.ratings.basic),
    dissatisfied: n(m.ratings.dissatisfied),
    unrated: n(m.ratings.none),
    outcomeA: n(m.outcomes.A),
    outcomeB: n(m.outcomes.B),
    outcomeC: n(m.outcomes.C),
    outcomeTotal: n(m.outcomes.A + m.outcomes.B + m.outcomes.C),
    contacts: n(c.total),
    phone: n(c.byMethod.phone),
    online: n(c.byMethod.online),
    wechat: n(c.byMethod.wechat),
    visit: n(c.byMethod.visit),
    meeting: n(c.byMethod.meeting),
    inPerson: n(c.byMethod.inPerson),
    otherMethod: n(c.byMethod.other),
    before: n(c.byPhase.before),
    during: n(c.byPhase.during),
    after: n(c.byPhase.after),
    faceToFaceContacts: n(c.faceToFace),
    faceToFaceShare: share(c.faceToFace, c.total),
    confirmedContacts: n(c.confirmed),
    disputedContacts: n(c.disputed),
    repliesSent: n(r.repliesSent),
    coOpinionsSent: n(r.coOpinionsSent),
    lateCount: n(r.late.length),
    overdueCount: n(r.late.filter((x) => !x.answeredAt).length),
    extendedCount: n(r.extended.length),
  };
}

const fill = (template: string, values: Record<string, string>): string => template.replace(/\{(\w+)\}/g, (all, k: string) => values[k] ?? all);

/** A division's 见面沟通率 is over its 主办 cases (the lead unit meets the member), as on the 统计 page. */
function divisionRow(name: string, m: Metrics): string[] {
  return [name, String(m.total), String(m.lead), String(m.co), String(m.replied), pct(m.onTime), pct(m.faceToFaceLead), pct(m.satisfaction), pct(m.delivery)];
}

function table(name: ReportTable, r: WorkReport, ctx: ComposeContext): ReportTableDoc {
  const m = r.metrics;
  const c = r.contacts;
  const division = (code: string | undefined) => ctx.divisionName(code ?? '');
  switch (name) {
    case 'rates': {
      const row = (label: string, x: Metrics['onTime']) => [label, pct(x), String(x.num), String(x.den)];
      const names = t.tables.rateNames;
      return {
        ...t.tables.rates,
        rows: [row(names.onTime, m.onTime), row(names.faceToFace, m.faceToFace), row(names.satisfaction, m.satisfaction), row(names.delivery, m.delivery)],
      };
    }
    case 'outcomes': {
      const all = OUTCOMES.reduce((s, o) => s + m.outcomes[o], 0);
      return { ...t.tables.outcomes, rows: OUTCOMES.map((o) => [OUTCOME_LABELS[o], String(m.outcomes[o]), share(m.outcomes[o], all)]) };
    }
    case 'contactMethods':
      return { ...t.tables.contactMethods, rows: CONTACT_METHODS.map((k) => [METHOD_LABELS[k], String(c.byMethod[k]), share(c.byMethod[k], c.total)]) };
    case 'contactPhases':
      return { ...t.tables.contactPhases, rows: CONTACT_PHASES.map((k) => [PHASE_LABELS[k], String(c.byPhase[k]), share(c.byPhase[k], c.total)]) };
    case 'keyCases':
      return {
        ...t.tables.keyCases(r.scope),
        rows: r.keyCases.map((k) => [
          k.number,
          k.title,
          division(k.leadDivision),
          k.outcome ? t.repliedAs(OUTCOME_LABELS[k.outcome]) : t.atStage(STAGE_LABELS[k.stage]),
          k.measures.length ? k.measures.map((x, i) => t.measure(i + 1, measureWithProgress(x), x.done)).join('\n') : t.noMeasures,
        ]),
      };
    case 'divisions':
      return {
        caption: r.unassigned ? t.tables.divisions.captionWithUnassigned(r.unassigned) : t.tables.divisions.caption,
        head: t.tables.divisions.head,
        rows: [...r.divisions.map((d) => divisionRow(ctx.divisionName(d.code), d.metrics)), divisionRow(t.tables.divisions.total, m)],
      };
    case 'late':
      return {
        ...t.tables.late(r.scope),
        rows: r.late.map((x) => [
          x.number,
          x.title,
          division(x.leadDivision),
          MILESTONE_LABELS[x.milestone],
          x.dueAt ? formatDateZh(x.dueAt) : '',
          x.answeredAt ? t.answeredOn(formatDateZh(x.answeredAt)) : t.unanswered,
        ]),
      };
    case 'extended':
      return {
        ...t.tables.extended(r.scope),
        rows: r.extended.map((x) => [x.number, x.title, division(x.leadDivision), MILESTONE_LABELS[x.milestone], t.days(x.days), x.reason]),
      };
  }
}

export function composeWorkReport(r: WorkReport, ctx: ComposeContext): ReportDocument {
  const values = reportValues(r, ctx.config.bureau);
  return {
    bureau: ctx.config.bureau,
    title: fill(ctx.config.title, values),
    draftMark: ctx.config.draftMark || undefined,
    sections: ctx.config.sections.map((s) => ({
      heading: fill(s.heading, values),
      paragraphs: s.paragraphs.map((p) => fill(p, values)),
      tables: s.tables.map((name) => table(name, r, ctx)),
    })),
    foot: [ctx.config.bureau, formatDateZh(r.period.asOf)],
  };
}
