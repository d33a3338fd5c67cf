/**
 * 月调度: on the first working day of a month, the per-division table and score for the month
 * before, and what needs a leader to coordinate, to leaders (and coordinators, if configured).
 */
import type { CoreServices } from '../app.js';
import type { SchedulesConfig } from '../config/schedules.config.js';
import { renderMonthly, type MonthlySummaryData } from '../domain/summary-monthly.js';
import { summaryTexts } from '../domain/summary.texts.js';
import { parseMonth } from '../domain/summary-period.js';
import { endOfLocalDay, toLocalDate } from '../domain/shanghai-time.js';
import type { RunContext } from './job-runner.js';
import { jobsTexts } from './jobs.texts.js';
import { disputedList, loadNames, openListWhere, overdueList } from './summary.queries.js';
import { summaryRecipients, type BuiltSummary } from './weekly-summary.job.js';

/** Builds the summary of month `periodKey` ('2026-11') as of `asOf`, without sending anything. */
export async function buildMonthlySummary(core: CoreServices, config: SchedulesConfig, periodKey: string, asOf: Date): Promise<BuiltSummary<MonthlySummaryData>> {
  const period = parseMonth(periodKey);
  if (!period) throw new RangeError(jobsTexts.badMonth(periodKey));
  const c = config.monthly;
  const names = await loadNames(core);
  const longOverdueBefore = endOfLocalDay(core.calendar.addWorkdays(toLocalDate(asOf), -c.longOverdueWorkdays));
  const list = (cond: Record<string, unknown>) => openListWhere(cond, asOf, c.listLimit, names, core.calendar);
  const [{ all, byDivision }, longOverdue, disputed, dissatisfied, pendingExtensions] = await Promise.all([
    core.ledger.metrics(),
    overdueList(asOf, c.listLimit, names, core.calendar, longOverdueBefore),
    disputedList(asOf, c.listLimit, names, core.calendar),
    list({ 'facts.satisfaction': 'dissatisfied' }),
    list({ 'extensions.status': 'pending' }),
  ]);
  // Directory order first, then any code the directory no longer has; unassigned last.
  const codes = [...names.divisions.keys(), ...[...byDivision.keys()].filter((k) => k !== '' && !names.divisions.has(k))];
  const divisions = codes
    .filter((code) => byDivision.has(code))
    .map((code) => ({ code, name: names.divisions.get(code)?.name ?? code, metrics: byDivision.get(code)! }));
  const unassigned = byDivision.get('');
  if (unassigned) divisions.push({ code: '', name: summaryTexts.unassignedDivision, metrics: unassigned });
  const data: MonthlySummaryData = {
    period,
    asOf,
    all,
    divisions,
    weights: c.scoreWeights,
    longOverdueWorkdays: c.longOverdueWorkdays,
    longOverdue,
    disputed,
    dissatisfied,
    pendingExtensions,
  };
  return { data, parts: renderMonthly(data) };
}

export async function runMonthlySummary(ctx: RunContext, core: CoreServices, config: SchedulesConfig, periodKey: string): Promise<void> {
  const { parts } = await buildMonthlySummary(core, config, periodKey, ctx.now);
  const roles: ('leader' | 'coordinator')[] = config.monthly.toCoordinators ? ['leader', 'coordinator'] : ['leader'];
  for (const r of await summaryRecipients(core, roles, config.monthly.groupRobot)) {
    for (const [i, markdown] of parts.entries()) {
      await ctx.send({ key: `monthly:${periodKey}:${r.id}:${i + 1}`, to: r.to, body: { type: 'markdown', markdown }, purpose: 'monthly-summary' });
    }
  }
}
