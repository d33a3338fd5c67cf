/**
 * The admin pages' view of the jobs: runs from the job-run store and, given the schedules, each
 * job's next run with a preview of what it would send (built, never sent).
 */
import type { JobRunStore } from '../domain/job-run.port.js';
import type { CoreServices } from '../domain/services.js';
import type { SummaryDeps } from '../jobs/summary.queries.js';
import type { SchedulesConfig } from '../config/schedules.config.js';
import { buildDigests } from '../jobs/digest.job.js';
import { buildMonthlySummary } from '../jobs/monthly-summary.job.js';
import { nextRuns, type NextRun } from '../jobs/next-runs.js';
import { buildWeeklySummary } from '../jobs/weekly-summary.job.js';
import type { JobsView, ScheduleRow } from './web-deps.js';
import { webTexts as t } from './web.texts.js';

/** What the previews read: the summaries' and digests' sources, and the clock for the next runs. */
type JobsDeps = SummaryDeps & Pick<CoreServices, 'clock'>;

/** What the job would send now: the summary of the period its next run reports on, or the first digest. */
async function previewOf(run: NextRun, core: JobsDeps, config: SchedulesConfig): Promise<string | undefined> {
  const now = core.clock.now();
  switch (run.job) {
    case 'weekly-summary':
      return run.period ? (await buildWeeklySummary(core, config, run.period, now)).parts.join('\n\n') : undefined;
    case 'monthly-summary':
      return run.period ? (await buildMonthlySummary(core, config, run.period, now)).parts.join('\n\n') : undefined;
    case 'digest': {
      const digests = await buildDigests(core, config, now);
      return digests.length ? t.jobs.digestPreview(digests.length, digests[0]!.name, digests[0]!.markdown) : t.jobs.digestNone;
    }
    default:
      return undefined;
  }
}

function whenOf(job: NextRun['job'], c: SchedulesConfig): string {
  const w = t.jobs.when;
  if (job === 'digest') return w.digest(c.digest.at);
  if (job === 'weekly-summary') return w.weekly(c.weekly.weekday, c.weekly.at);
  if (job === 'monthly-summary') return w.monthly(c.monthly.at);
  return w.notices(c.notices.cron, c.quietHours.from, c.quietHours.to);
}

/** `schedules`, when given, adds each job's next run and a preview of it. */
export function createJobsView(jobRuns: Pick<JobRunStore, 'list'>, schedules?: { core: JobsDeps; config: SchedulesConfig }): JobsView {
  return {
    ...(schedules && {
      async listSchedules(): Promise<ScheduleRow[]> {
        const { core, config } = schedules;
        const runs = nextRuns(core.clock.now(), core.calendar, config);
        return Promise.all(
          runs.map(async (r) => ({
            job: r.job,
            enabled: r.enabled,
            when: whenOf(r.job, config),
            ...(r.at && { nextRun: r.at }),
            ...(r.period && { period: r.period }),
            ...(r.enabled && { preview: await previewOf(r, core, config) }),
          })),
        );
      },
    }),
    async listJobRuns() {
      return (await jobRuns.list({ limit: 200 })).map((r) => ({
        job: r.job,
        period: r.period,
        status: r.status,
        startedAt: r.startedAt,
        finishedAt: r.finishedAt,
        error: r.error,
        summary:
          [
            r.takenOverFrom && t.jobs.takenOver(r.takenOverFrom.owner, r.takenOverFrom.reason),
            r.enqueued || r.alreadyQueued ? t.jobs.queued(r.enqueued, r.alreadyQueued) : '',
          ]
            .filter(Boolean)
            .join('；') || undefined,
      }));
    },
  };
}
