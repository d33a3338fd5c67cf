/**
 * The admin and metrics pages' view of the jobs: runs from the job-run store, and the weekly
 * metric snapshots the weekly summary job saves (oldest week first, the last 26 weeks).
 */
import { listJobRuns, metricSnapshotRepository } from '../store/job-run.repository.js';
import type { JobsView } from './web-deps.js';

const WEEKS_SHOWN = 26;

export function createJobsView(): JobsView {
  return {
    async listJobRuns() {
      return (await listJobRuns({ limit: 200 })).map((r) => ({
        job: r.job,
        period: r.period,
        status: r.status,
        startedAt: r.startedAt,
        finishedAt: r.finishedAt,
        error: r.error,
        summary: r.enqueued || r.alreadyQueued ? `入队 ${r.enqueued} 条，已在队列 ${r.alreadyQueued} 条` : undefined,
      }));
    },
    async listMetricSnapshots() {
      return (await metricSnapshotRepository.recent('weekly', WEEKS_SHOWN)).map(({ period, figures: f }) => ({
        period,
        onTime: f.onTime.rate,
        faceToFace: f.faceToFace.rate,
        satisfaction: f.satisfaction.rate,
      }));
    },
  };
}
