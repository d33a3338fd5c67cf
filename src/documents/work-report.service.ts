/**
 * Drafts the year's work report for whoever asks (CLI, web console, chat): reads the period's
 * cases in full, computes the figures in the domain and composes them with the template.
 */
import type { CoreServices } from '../domain/services.js';
import type { CaseKind } from '../domain/kind.js';
import type { Actor } from '../domain/model.js';
import { authorize } from '../domain/permissions.js';
import { buildWorkReport, type WorkReport } from '../domain/report/work-report.js';
import { addDays, isLocalDate, startOfLocalDay, type LocalDate } from '../domain/shanghai-time.js';
import { composeWorkReport, periodDates, type ReportDocument } from './work-report.compose.js';
import { loadWorkReportConfig, type WorkReportConfig } from './work-report.config.js';
import { reportTexts } from './work-report.texts.js';

export interface DraftedReport {
  report: WorkReport;
  document: ReportDocument;
}

/** Cases received in a Shanghai calendar year. */
export const yearPeriod = (year: number): { from: Date; to: Date } => ({
  from: startOfLocalDay(`${year}-01-01`),
  to: startOfLocalDay(`${year + 1}-01-01`),
});

/** Cases received from one local date to another, both included. */
export const datePeriod = (from: LocalDate, to: LocalDate): { from: Date; to: Date } => ({ from: startOfLocalDay(from), to: startOfLocalDay(addDays(to, 1)) });

/** The years a report may be asked for: a typo like 20226 is refused, not drafted empty. */
export const REPORT_YEARS = { min: 2000, max: 2100 } as const;

/**
 * A period as people write it: `2026`, `2026年`, or two dates `2026-01-01 2026-06-30`. Returns a
 * Chinese message saying how to write it when it cannot be read.
 */
export function readReportPeriod(text: string): { from: Date; to: Date } | { error: string } {
  const s = text.trim().replace(/[年度]+$/u, '');
  if (/^\d+$/.test(s)) {
    const year = Number(s);
    if (s.length !== 4 || year < REPORT_YEARS.min || year > REPORT_YEARS.max) return { error: reportTexts.badYear(s) };
    return yearPeriod(year);
  }
  const dates = s.split(/\s*(?:至|到|~|～|\s)\s*/u).filter(Boolean);
  if (dates.length === 2 && dates.every(isLocalDate)) {
    if (dates[0]! > dates[1]!) return { error: reportTexts.badOrder(dates[0]!, dates[1]!) };
    return datePeriod(dates[0]!, dates[1]!);
  }
  return { error: reportTexts.badPeriod(text.trim()) };
}

/** The web console's address of a period's report page: `year=2026` for a whole year, else the dates. */
export function reportPagePath(period: { from: Date; to: Date }): string {
  const d = periodDates(period.from, period.to);
  const params: Record<string, string> = d.year ? { year: String(d.year) } : { from: d.first, to: d.last };
  return `/reports/work?${new URLSearchParams(params).toString()}`;
}

export async function draftWorkReport(
  core: Pick<CoreServices, 'ledger' | 'directory' | 'clock' | 'ledgerConfig'>,
  actor: Actor,
  period: { from: Date; to: Date; kind?: CaseKind },
  config: WorkReportConfig = loadWorkReportConfig(),
): Promise<DraftedReport> {
  authorize('report', actor);
  const [cases, divisions] = await Promise.all([
    core.ledger.listDocuments({ receivedFrom: period.from, receivedTo: period.to, ...(period.kind && { kind: period.kind }) }, actor),
    core.directory.listDivisions(),
  ]);
  const names = new Map(divisions.map((d) => [d.code, d.name]));
  const report = buildWorkReport(cases, { ...period, asOf: core.clock.now() }, core.ledgerConfig.metrics);
  return { report, document: composeWorkReport(report, { config, divisionName: (code) => names.get(code) ?? code }) };
}
