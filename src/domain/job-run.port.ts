/**
 * Scheduled job runs: one record per (job, period), claimed so that a run happens once across
 * restarts and instances, with the lease of whoever is running it. Implemented in
 * store/job-run.repository.ts: the first claim is a unique insert; a run whose lease lapsed (or
 * that failed) is taken over.
 */

/** running (leased) → done | failed (retried after its lease, up to a limit). */
export const JOB_RUN_STATUSES = ['running', 'done', 'failed'] as const;
export type JobRunStatus = (typeof JOB_RUN_STATUSES)[number];

export interface JobRun {
  job: string;
  period: string;
  status: JobRunStatus;
  owner: string;
  leaseUntil: Date;
  attempts: number;
  startedAt: Date;
  finishedAt?: Date;
  enqueued: number;
  alreadyQueued: number;
  error?: string;
  cursor?: Date;
  /** Whose run this one continued, and why: its owner stopped (lease lapsed) or it had failed. */
  takenOverFrom?: TakenOver;
}

export interface TakenOver {
  owner: string;
  reason: 'lapsed' | 'failed';
  at: Date;
}

/** A run this instance holds; pass it back to renew or finish. */
export interface Claim {
  job: string;
  period: string;
  owner: string;
  attempts: number;
  /** Where a scanning job got to in an earlier run. */
  cursor?: Date;
  takenOverFrom?: TakenOver;
}

export interface ClaimOptions {
  now: Date;
  leaseMs: number;
  /** Failed runs are retried while attempts stay below this. */
  maxAttempts: number;
  /** Scanning jobs run again under the same period once the previous run is done and its lease over. */
  repeatable?: boolean;
  owner?: string;
}

export interface JobRunStore {
  /** Claims (job, period) for this instance, or returns undefined when someone else holds or finished it. */
  claim(job: string, period: string, o: ClaimOptions): Promise<Claim | undefined>;
  /** Extends the lease while work goes on; false when another instance has taken the run over. */
  renew(c: Claim, now: Date, leaseMs: number): Promise<boolean>;
  /** Records progress counts, so an admin sees what a long run has done so far. */
  progress(c: Claim, counts: { enqueued: number; alreadyQueued: number }): Promise<void>;
  /**
   * Marks the run done. `holdUntil` keeps a repeatable run from being claimed again too soon.
   * False when the claim had lapsed and another instance owns the run now.
   */
  finish(c: Claim, now: Date, r: { enqueued: number; alreadyQueued: number; cursor?: Date; holdUntil?: Date }): Promise<boolean>;
  /** Marks the run failed; it may be claimed again after `retryAt`. */
  fail(c: Claim, now: Date, error: string, retryAt: Date): Promise<void>;
  find(job: string, period: string): Promise<JobRun | undefined>;
  /** Newest first; at most `limit` (default 50, 1 to 500). */
  list(filter?: { job?: string; limit?: number }): Promise<JobRun[]>;
  /** How many runs each job has in each status; gives up after `timeoutMs` (a scrape must not hang). */
  countByJobAndStatus(timeoutMs: number): Promise<{ job: string; status: string; n: number }[]>;
  /** Deletes finished or failed runs started before `before` (a running one never); returns how many. */
  purge(before: Date): Promise<number>;
}
