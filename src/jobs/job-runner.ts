/**
 * Runs one (job, period) at most once across restarts and instances: claim the run in the database
 * (insert, or take over an expired lease), do the work, mark it done. Every message goes
 * through the outbox under a key made of (job, period, recipient), so a run resumed after a
 * crash re-enqueues only what is missing and sends nothing twice.
 */
import type { EnqueueInput, Outbox } from '../outbox/outbox.js';
import type { Claim, JobRunStore } from '../domain/job-run.port.js';
import type { Clock } from '../domain/ports.js';
import type { Logger } from '../shared/logger.js';
import { AppError } from '../shared/app-error.js';

export interface RunnerDeps {
  jobRuns: JobRunStore;
  outbox: Pick<Outbox, 'enqueue'>;
  clock: Clock;
  log: Logger;
  runs: { leaseSeconds: number; retryMinutes: number; maxAttempts: number };
  /** Names this instance in run records (default: a random id per claim). */
  owner?: string;
}

export interface RunContext {
  now: Date;
  claim: Claim;
  log: Logger;
  /** Puts one message in the outbox (idempotent by key) and keeps the lease alive. */
  send(input: EnqueueInput): Promise<void>;
}

export interface RunOutcome {
  job: string;
  period: string;
  status: 'done' | 'failed';
  enqueued: number;
  alreadyQueued: number;
  error?: string;
}

/** Another instance took the run over while this one was still at it: stop sending. */
class LeaseLostError extends AppError {
  constructor() {
    super('jobs.leaseLost', 'lease lost');
  }
}

/** Renew the lease after this many messages (each one a round trip, so well within a lease). */
const RENEW_EVERY = 25;

/**
 * Claims and runs `work`; undefined when the run is done already or held by another instance.
 * `work` returns a cursor for scanning jobs, stored with the run.
 */
export async function runOnce(
  deps: RunnerDeps,
  job: string,
  period: string,
  work: (ctx: RunContext) => Promise<{ cursor?: Date } | void>,
  options: { repeatable?: boolean } = {},
): Promise<RunOutcome | undefined> {
  const leaseMs = deps.runs.leaseSeconds * 1000;
  const now = deps.clock.now();
  const claim = await deps.jobRuns.claim(job, period, {
    now,
    leaseMs,
    maxAttempts: deps.runs.maxAttempts,
    repeatable: options.repeatable,
    owner: deps.owner,
  });
  if (!claim) return undefined;
  const log = deps.log.child({ job, period, attempt: claim.attempts });
  if (claim.takenOverFrom) log.warn({ from: claim.takenOverFrom }, '接手未完成的定时任务 / continuing a job run another instance left');
  const counts = { enqueued: 0, alreadyQueued: 0 };
  const ctx: RunContext = {
    now,
    claim,
    log,
    async send(input) {
      const { created } = await deps.outbox.enqueue(input);
      if (created) counts.enqueued++;
      else counts.alreadyQueued++;
      if ((counts.enqueued + counts.alreadyQueued) % RENEW_EVERY === 0) {
        if (!(await deps.jobRuns.renew(claim, deps.clock.now(), leaseMs))) throw new LeaseLostError();
        await deps.jobRuns.progress(claim, counts);
      }
    },
  };
  try {
    const result = await work(ctx);
    const finished = await deps.jobRuns.finish(claim, deps.clock.now(), { ...counts, cursor: result?.cursor ?? undefined });
    if (!finished) log.warn(counts, 'job run finished after another instance took it over');
    else log.info(counts, 'job run done');
    return { job, period, status: 'done', ...counts };
  } catch (err) {
    const error = String((err as Error)?.message ?? err);
    if (err instanceof LeaseLostError) {
      log.warn(counts, 'job run taken over by another instance; stopped');
    } else {
      const at = deps.clock.now();
      await deps.jobRuns.fail(claim, at, error, new Date(at.getTime() + deps.runs.retryMinutes * 60_000));
      log.error({ err, ...counts }, 'job run failed; will retry');
    }
    return { job, period, status: 'failed', ...counts, error };
  }
}
