/**
 * 月调度: on the first working day of a month, the per-division table and score for the month
 * before, and what needs a leader to coordinate, to leaders (and coordinators, if configured).
 */
import { scopeOfKinds } from '../domain/kind.js';
import type { SchedulesConfig } from '../config/schedules.config.js';
import { metricsAt, type LedgerEntry } from '../domain/ledger-view.js';
import { tallyTargets } from '../domain/measures.js';
import type { MonthlySummaryData } from '../domain/summary-monthly.js';
import { renderMonthly } from '../present/summary-monthly.js';
import { figuresAt, parseMonth } from '../domain/summary-period.js';
import { endOfLocalDay, toLocalDate } from '../domain/shanghai-time.js';
import type { RunContext } from './job-runner.js';
import { jobsTexts } from './jobs.texts.js';
import { loadNames } from '../domain/names.js';
import { disputedList, openListWhere, overdueList, viewAsOf, type SummaryDeps } from './summary.queries.js';
import { summaryRecipients, type BuiltSummary } from './weekly-summary.job.js';

/**
 * Builds the summary of month `periodKey` ('2026-11') without sending anything: figures and lists as
 * the ledger stood at the month's close (or at `now` while the month runs).
 */
export async function buildMonthlySummary(core: SummaryDeps, config: SchedulesConfig, periodKey: string, now: Date): Promise<BuiltSummary<MonthlySummaryData>> {
  const period = parseMonth(periodKey);
  if (!period) throw new RangeError(jobsTexts.badMonth(periodKey));
  const c = config.monthly;
  const asOf = figuresAt(period, now);
  const [names, view] = await Promise.all([loadNames(core), viewAsOf(core, asOf)]);
  const { all, byDivision } = metricsAt([...view.all()], asOf, core.ledgerConfig.metrics);
  const longOverdueBefore = endOfLocalDay(core.calendar.addWorkdays(toLocalDate(asOf), -c.longOverdueWorkdays));
  const list = (where: (e: LedgerEntry) => boolean) => openListWhere(view, where, asOf, c.listLimit, names, core.calendar);
  const longOverdue = overdueList(view, asOf, c.listLimit, names, core.calendar, longOverdueBefore);
  const disputed = disputedList(view, asOf, c.listLimit, names, core.calendar);
  const dissatisfied = list((e) => e.facts.satisfaction === 'dissatisfied');
  const pendingExtensions = list((e) => e.pendingExtensions.length > 0);
  // Directory order first, then any code the directory no longer has; unassigned cases are no division.
  const codes = [...names.divisions.keys(), ...[...byDivision.keys()].filter((k) => k !== '' && !names.divisions.has(k))];
  const divisions = codes.filter((code) => byDivision.has(code)).map((code) => ({ code, name: names.division(code), metrics: byDivision.get(code)! }));
  const data: MonthlySummaryData = {
    scope: scopeOfKinds([...view.all()].map((e) => e.kind)),
    period,
    asOf,
    all,
    divisions,
    unassigned: byDivision.get('')?.total ?? 0,
    weights: c.scoreWeights,
    longOverdueWorkdays: c.longOverdueWorkdays,
    longOverdue,
    disputed,
    dissatisfied,
    pendingExtensions,
    targets: tallyTargets([...view.all()].flatMap((e) => e.targetRatios)),
  };
  return { data, parts: renderMonthly(data) };
}

export async function runMonthlySummary(ctx: RunContext, core: SummaryDeps, config: SchedulesConfig, periodKey: string): Promise<void> {
  const { parts } = await buildMonthlySummary(core, config, periodKey, ctx.now);
  const roles: ('leader' | 'coordinator')[] = config.monthly.toCoordinators ? ['leader', 'coordinator'] : ['leader'];
  for (const r of await summaryRecipients(core, roles, config.monthly.groupRobot)) {
    for (const [i, markdown] of parts.entries()) {
      await ctx.send({ key: `monthly:${periodKey}:${r.id}:${i + 1}`, to: r.to, body: { type: 'markdown', markdown }, purpose: 'monthly-summary' });
    }
  }
}
