/**
 * 周督导: on the configured weekday (Monday by default) the summary of the week before goes to
 * every leader and, if configured, the leaders' group robot. The headline rates are also stored per
 * week for the console; the summary itself compares with the week before rebuilt from history.
 */
import { scopeOfKinds } from '../domain/kind.js';
import type { MetricSnapshotStore } from '../domain/metric-snapshot.port.js';
import type { CoreServices } from '../domain/services.js';
import type { SchedulesConfig } from '../config/schedules.config.js';
import { headlineFigures, type WeeklySummaryData } from '../domain/summary-weekly.js';
import { renderWeekly } from '../present/summary-weekly.js';
import { closeOf, figuresAt, parseWeek, previousWeek } from '../domain/summary-period.js';
import { metricsAt } from '../domain/ledger-view.js';
import type { Recipient } from '../shared/outbound.js';
import type { RunContext } from './job-runner.js';
import { loadNames } from '../domain/names.js';
import { activityCounts, keyList, overdueList, viewsAsOf, type SummaryDeps } from './summary.queries.js';
import { jobsTexts } from './jobs.texts.js';

export const WEEKLY_SNAPSHOT = 'weekly';

export interface BuiltSummary<T> {
  data: T;
  /** Markdown messages, each within WeCom's size limit. */
  parts: string[];
}

/**
 * Builds the summary of week `periodKey` ('2026-W48') without sending or storing anything: figures as
 * the ledger stood at the week's close (or at `now` while the week runs), compared with the week before
 * as it stood at its own close.
 */
export async function buildWeeklySummary(core: SummaryDeps, config: SchedulesConfig, periodKey: string, now: Date): Promise<BuiltSummary<WeeklySummaryData>> {
  const period = parseWeek(periodKey);
  if (!period) throw new RangeError(jobsTexts.badWeek(periodKey));
  const asOf = figuresAt(period, now);
  const before = closeOf(previousWeek(period));
  const [names, [view, last]] = await Promise.all([loadNames(core), viewsAsOf(core, [asOf, before] as const)]);
  const policy = core.ledgerConfig.metrics;
  const activity = activityCounts(view, period.start, period.end);
  const overdue = overdueList(view, asOf, config.weekly.overdueListLimit, names, core.calendar);
  const key = keyList(view, asOf, config.weekly.keyListLimit, names, core.calendar);
  const metrics = metricsAt([...view.all()], asOf, policy).all;
  const previous = last.size > 0 ? headlineFigures(metricsAt([...last.all()], before, policy).all) : undefined;
  const scope = scopeOfKinds([...view.all()].map((e) => e.kind));
  const data: WeeklySummaryData = { period, scope, asOf, metrics, previous, ...activity, overdue, key };
  return { data, parts: renderWeekly(data) };
}

/** Leaders (and the group robot when configured), as outbox recipients with a key part each. */
export async function summaryRecipients(
  core: Pick<CoreServices, 'directory'>,
  roles: ('leader' | 'coordinator')[],
  groupRobot: boolean,
): Promise<{ id: string; to: Recipient }[]> {
  const people = await core.directory.listPeople({ activeOnly: true });
  const out = people
    .filter((p) => p.active && roles.some((r) => p.roles.includes(r)))
    .map((p) => ({ id: p.userid, to: { kind: 'user', userid: p.userid } as Recipient }));
  if (groupRobot) out.push({ id: 'group-robot', to: { kind: 'groupRobot' } });
  return out;
}

export async function runWeeklySummary(
  ctx: RunContext,
  core: SummaryDeps,
  config: SchedulesConfig,
  periodKey: string,
  snapshots: Pick<MetricSnapshotStore, 'save'>,
): Promise<void> {
  const { data, parts } = await buildWeeklySummary(core, config, periodKey, ctx.now);
  await snapshots.save(WEEKLY_SNAPSHOT, periodKey, ctx.now, headlineFigures(data.metrics));
  for (const r of await summaryRecipients(core, ['leader'], config.weekly.groupRobot)) {
    for (const [i, markdown] of parts.entries()) {
      await ctx.send({ key: `weekly:${periodKey}:${r.id}:${i + 1}`, to: r.to, body: { type: 'markdown', markdown }, purpose: 'weekly-summary' });
    }
  }
}
