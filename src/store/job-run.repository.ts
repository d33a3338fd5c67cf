/**
 * Job runs in MongoDB (domain/job-run.port.ts). A run is claimed by inserting (job, period) — the
 * unique index lets exactly one instance win — or by taking over a run whose lease has run out,
 * with one findOneAndUpdate guarded by status and lease. No transactions needed.
 */
import { randomUUID } from 'node:crypto';
import type { Claim, ClaimOptions, JobRun, JobRunStore, TakenOver } from '../domain/job-run.port.js';
import { JobRunModel } from './models/job-run.model.js';
import { insertOnce } from './documents.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toRun(d: any): JobRun {
  return {
    job: d.job,
    period: d.period,
    status: d.status,
    owner: d.owner,
    leaseUntil: d.leaseUntil,
    attempts: d.attempts,
    startedAt: d.startedAt,
    ...(d.finishedAt ? { finishedAt: d.finishedAt } : {}),
    enqueued: d.enqueued ?? 0,
    alreadyQueued: d.alreadyQueued ?? 0,
    ...(d.error ? { error: d.error } : {}),
    ...(d.cursor ? { cursor: d.cursor } : {}),
    ...(d.takenOverFrom ? { takenOverFrom: d.takenOverFrom } : {}),
  };
}

/** The job runs on MongoDB (domain/job-run.port.ts); its methods need no `this`, so they may be passed around alone. */
export const createJobRunStore = (): JobRunStore => ({
  /** Claims (job, period) for this instance, or returns undefined when someone else holds or finished it. */
  async claim(job: string, period: string, o: ClaimOptions): Promise<Claim | undefined> {
    const owner = o.owner ?? randomUUID();
    const leaseUntil = new Date(o.now.getTime() + o.leaseMs);
    const first = await insertOnce(() =>
      JobRunModel.collection.insertOne({ job, period, status: 'running', owner, leaseUntil, attempts: 1, startedAt: o.now, enqueued: 0, alreadyQueued: 0 }),
    );
    if (first) return { job, period, owner, attempts: 1 };
    const takeOver: Record<string, unknown>[] = [
      // The holder died (or hung) past its lease: resume its run.
      { status: 'running', leaseUntil: { $lte: o.now } },
      { status: 'failed', leaseUntil: { $lte: o.now }, attempts: { $lt: o.maxAttempts } },
    ];
    if (o.repeatable) takeOver.push({ status: 'done', leaseUntil: { $lte: o.now } });
    const before = await JobRunModel.collection.findOneAndUpdate(
      { job, period, $or: takeOver },
      { $set: { status: 'running', owner, leaseUntil, startedAt: o.now }, $unset: { error: '', finishedAt: '', takenOverFrom: '' }, $inc: { attempts: 1 } },
      { returnDocument: 'before' },
    );
    if (!before) return undefined;
    // A repeatable run done before is simply run again; a run left running or failed is continued, and says from whom.
    const reason = before.status === 'running' ? 'lapsed' : before.status === 'failed' ? 'failed' : undefined;
    const takenOverFrom: TakenOver | undefined = reason && { owner: String(before.owner), reason, at: o.now };
    if (takenOverFrom) await JobRunModel.collection.updateOne({ job, period, owner }, { $set: { takenOverFrom } });
    return {
      job,
      period,
      owner,
      attempts: (before.attempts as number) + 1,
      ...(before.cursor ? { cursor: before.cursor as Date } : {}),
      ...(takenOverFrom && { takenOverFrom }),
    };
  },

  /** Extends the lease while work goes on; false when another instance has taken the run over. */
  async renew(c: Claim, now: Date, leaseMs: number): Promise<boolean> {
    const r = await JobRunModel.collection.updateOne(
      { job: c.job, period: c.period, owner: c.owner, status: 'running' },
      { $set: { leaseUntil: new Date(now.getTime() + leaseMs) } },
    );
    return r.matchedCount === 1;
  },

  /** Records progress counts, so an admin sees what a long run has done so far. */
  async progress(c: Claim, counts: { enqueued: number; alreadyQueued: number }): Promise<void> {
    await JobRunModel.collection.updateOne({ job: c.job, period: c.period, owner: c.owner, status: 'running' }, { $set: counts });
  },

  /**
   * Marks the run done. `holdUntil` keeps a repeatable run from being claimed again too soon.
   * False when the claim had lapsed and another instance owns the run now.
   */
  async finish(c: Claim, now: Date, r: { enqueued: number; alreadyQueued: number; cursor?: Date; holdUntil?: Date }): Promise<boolean> {
    const res = await JobRunModel.collection.updateOne(
      { job: c.job, period: c.period, owner: c.owner, status: 'running' },
      {
        $set: {
          status: 'done',
          finishedAt: now,
          leaseUntil: r.holdUntil ?? now,
          enqueued: r.enqueued,
          alreadyQueued: r.alreadyQueued,
          ...(r.cursor ? { cursor: r.cursor } : {}),
        },
      },
    );
    return res.matchedCount === 1;
  },

  /** Marks the run failed; it may be claimed again after `retryAt`. */
  async fail(c: Claim, now: Date, error: string, retryAt: Date): Promise<void> {
    await JobRunModel.collection.updateOne(
      { job: c.job, period: c.period, owner: c.owner, status: 'running' },
      { $set: { status: 'failed', finishedAt: now, leaseUntil: retryAt, error: error.slice(0, 500) } },
    );
  },

  /** Finished or failed runs started before `before` (a running one is never purged). */
  async purge(before: Date): Promise<number> {
    return (await JobRunModel.collection.deleteMany({ status: { $in: ['done', 'failed'] }, startedAt: { $lt: before } })).deletedCount;
  },

  async find(job: string, period: string): Promise<JobRun | undefined> {
    const d = await JobRunModel.collection.findOne({ job, period });
    return d ? toRun(d) : undefined;
  },

  /** How many runs each job has in each status; gives up after `timeoutMs` (a scrape must not hang). */
  async countByJobAndStatus(timeoutMs: number): Promise<{ job: string; status: string; n: number }[]> {
    const rows = await JobRunModel.aggregate<{ _id: { job: string; status: string }; n: number }>([
      { $group: { _id: { job: '$job', status: '$status' }, n: { $sum: 1 } } },
    ])
      .option({ maxTimeMS: timeoutMs })
      .exec();
    return rows.map((r) => ({ job: r._id.job, status: r._id.status, n: r.n }));
  },

  async list(filter: { job?: string; limit?: number } = {}): Promise<JobRun[]> {
    const docs = await JobRunModel.collection
      .find(filter.job ? { job: String(filter.job) } : {})
      .sort({ startedAt: -1 })
      .limit(Math.min(Math.max(filter.limit ?? 50, 1), 500))
      .toArray();
    return docs.map(toRun);
  },
});
