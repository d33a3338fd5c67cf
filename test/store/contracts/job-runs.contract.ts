/**
 * What the scheduler and the admin's jobs page rely on from the job runs (domain/job-run.port.ts),
 * run against the in-memory adapter (unit) and the MongoDB one (integration): one holder per
 * (job, period), take-over after a lapsed lease or a failure saying from whom, a repeatable run
 * held back until its time, writes refused to a holder that lost the run, list and purge rules.
 */
import { describe, expect, it } from 'vitest';
import type { ClaimOptions, JobRunStore } from '../../../src/domain/job-run.port.js';
import { at, freshEach, T } from './contract-support.js';

const LEASE = 60_000;
const opts = (owner: string, ms = 0, o: Partial<ClaimOptions> = {}): ClaimOptions => ({ now: at(ms), leaseMs: LEASE, maxAttempts: 3, owner, ...o });
const counts = { enqueued: 0, alreadyQueued: 0 };

export function jobRunsContract(make: () => Promise<JobRunStore>): void {
  describe('job run store contract', () => {
    const runs = freshEach(make);

    it('gives (job, period) to its first claimant and to nobody else while the lease lasts', async () => {
      expect(await runs.claim('digest', 'd1', opts('a'))).toEqual({ job: 'digest', period: 'd1', owner: 'a', attempts: 1 });
      expect(await runs.claim('digest', 'd1', opts('b', LEASE - 1))).toBeUndefined();
      expect(await runs.find('digest', 'd1')).toEqual({
        job: 'digest',
        period: 'd1',
        status: 'running',
        owner: 'a',
        leaseUntil: at(LEASE),
        attempts: 1,
        startedAt: T,
        enqueued: 0,
        alreadyQueued: 0,
      });
      // Other periods and jobs are runs of their own; a claim without an owner gets one.
      expect(await runs.claim('digest', 'd2', opts('b'))).toMatchObject({ owner: 'b', attempts: 1 });
      expect((await runs.claim('weekly', 'd1', { now: T, leaseMs: LEASE, maxAttempts: 3 }))?.owner).toEqual(expect.any(String));
      expect(await runs.find('digest', 'd3')).toBeUndefined();
    });

    it('lets one of several instances claiming together run it', async () => {
      const claims = await Promise.all(['a', 'b', 'c', 'd'].map((owner) => runs.claim('digest', 'd1', opts(owner))));
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it('keeps a run whose lease is renewed', async () => {
      const a = (await runs.claim('digest', 'd1', opts('a')))!;
      expect(await runs.renew(a, at(50_000), LEASE)).toBe(true);
      expect(await runs.claim('digest', 'd1', opts('b', LEASE + 1))).toBeUndefined();
      expect(await runs.claim('digest', 'd1', opts('b', 50_000 + LEASE))).toMatchObject({ owner: 'b' });
    });

    it('hands a lapsed run over, saying from whom, and refuses the old holder’s writes', async () => {
      const a = (await runs.claim('digest', 'd1', opts('a')))!;
      await runs.progress(a, { enqueued: 3, alreadyQueued: 1 });
      expect(await runs.find('digest', 'd1')).toMatchObject({ enqueued: 3, alreadyQueued: 1 });
      const b = (await runs.claim('digest', 'd1', opts('b', LEASE)))!;
      expect(b).toEqual({ job: 'digest', period: 'd1', owner: 'b', attempts: 2, takenOverFrom: { owner: 'a', reason: 'lapsed', at: at(LEASE) } });
      expect(await runs.renew(a, at(LEASE + 1), LEASE)).toBe(false);
      expect(await runs.finish(a, at(LEASE + 1), { enqueued: 9, alreadyQueued: 9 })).toBe(false);
      await runs.fail(a, at(LEASE + 1), 'late', at(LEASE + 2));
      expect(await runs.find('digest', 'd1')).toMatchObject({ status: 'running', owner: 'b', startedAt: at(LEASE) });
      const cursor = at(-86_400_000);
      expect(await runs.finish(b, at(LEASE + 5), { enqueued: 5, alreadyQueued: 2, cursor })).toBe(true);
      const done = await runs.find('digest', 'd1');
      expect(done).toMatchObject({ status: 'done', owner: 'b', attempts: 2, finishedAt: at(LEASE + 5), enqueued: 5, alreadyQueued: 2, cursor });
      expect(done?.takenOverFrom).toEqual({ owner: 'a', reason: 'lapsed', at: at(LEASE) });
      expect(done).not.toHaveProperty('error');
    });

    it('never runs a finished run again; a repeatable one again once held long enough, from its cursor', async () => {
      const a = (await runs.claim('scan', 'all', opts('a')))!;
      const cursor = at(-3_600_000);
      expect(await runs.finish(a, at(1000), { ...counts, cursor, holdUntil: at(600_000) })).toBe(true);
      expect(await runs.claim('scan', 'all', opts('b', 86_400_000))).toBeUndefined();
      expect(await runs.claim('scan', 'all', opts('b', 599_999, { repeatable: true }))).toBeUndefined();
      const again = await runs.claim('scan', 'all', opts('b', 600_000, { repeatable: true }));
      expect(again).toEqual({ job: 'scan', period: 'all', owner: 'b', attempts: 2, cursor });
      const running = await runs.find('scan', 'all');
      expect(running).toMatchObject({ status: 'running', owner: 'b', startedAt: at(600_000), leaseUntil: at(600_000 + LEASE) });
      expect(running).not.toHaveProperty('finishedAt');
      expect(running).not.toHaveProperty('takenOverFrom');
      // A finish without holdUntil may be claimed again at once.
      await runs.finish(again!, at(600_001), counts);
      expect(await runs.claim('scan', 'all', opts('c', 600_001, { repeatable: true }))).toMatchObject({ owner: 'c', attempts: 3 });
    });

    it('retries a failed run after its retry time while attempts stay below the limit', async () => {
      const a = (await runs.claim('digest', 'd1', opts('a', 0, { maxAttempts: 2 })))!;
      await runs.fail(a, at(1000), 'database blip', at(600_000));
      expect(await runs.find('digest', 'd1')).toMatchObject({ status: 'failed', error: 'database blip', finishedAt: at(1000), leaseUntil: at(600_000) });
      expect(await runs.claim('digest', 'd1', opts('b', 599_999, { maxAttempts: 2 }))).toBeUndefined();
      const b = (await runs.claim('digest', 'd1', opts('b', 600_000, { maxAttempts: 2 })))!;
      expect(b).toMatchObject({ attempts: 2, takenOverFrom: { owner: 'a', reason: 'failed', at: at(600_000) } });
      const retried = await runs.find('digest', 'd1');
      expect(retried).not.toHaveProperty('error');
      expect(retried).not.toHaveProperty('finishedAt');
      await runs.fail(b, at(600_001), 'x'.repeat(600), at(600_002));
      expect((await runs.find('digest', 'd1'))?.error).toHaveLength(500);
      // Two attempts made: no third with a limit of two, one with a limit of three.
      expect(await runs.claim('digest', 'd1', opts('c', 700_000, { maxAttempts: 2 }))).toBeUndefined();
      expect(await runs.claim('digest', 'd1', opts('c', 700_000, { maxAttempts: 3 }))).toMatchObject({ attempts: 3 });
    });

    it('lists newest first, by job, at most the limit (at least one, at most 500), and counts by job and status', async () => {
      await runs.claim('digest', 'd1', opts('a', 0));
      const weekly = (await runs.claim('weekly', 'w1', opts('a', 1000)))!;
      await runs.claim('digest', 'd2', opts('a', 2000));
      await runs.finish(weekly, at(1500), counts);
      const keys = (list: { job: string; period: string }[]) => list.map((r) => `${r.job}/${r.period}`);
      expect(keys(await runs.list())).toEqual(['digest/d2', 'weekly/w1', 'digest/d1']);
      expect(keys(await runs.list({ job: 'digest' }))).toEqual(['digest/d2', 'digest/d1']);
      expect(keys(await runs.list({ limit: 2 }))).toEqual(['digest/d2', 'weekly/w1']);
      expect(keys(await runs.list({ limit: 0 }))).toEqual(['digest/d2']);
      const byJob = await runs.countByJobAndStatus(5_000);
      expect(byJob.sort((x, y) => x.job.localeCompare(y.job))).toEqual([
        { job: 'digest', status: 'running', n: 2 },
        { job: 'weekly', status: 'done', n: 1 },
      ]);
    });

    it('purges finished and failed runs started before the time given, never a running one', async () => {
      const done = (await runs.claim('digest', 'done', opts('a', 0)))!;
      await runs.finish(done, at(1), counts);
      const failed = (await runs.claim('digest', 'failed', opts('a', 0)))!;
      await runs.fail(failed, at(1), 'no', at(2));
      await runs.claim('digest', 'running', opts('a', 0));
      const recent = (await runs.claim('digest', 'recent', opts('a', 10_000)))!;
      await runs.finish(recent, at(10_001), counts);
      expect(await runs.purge(at(0))).toBe(0);
      expect(await runs.purge(at(10_000))).toBe(2);
      expect((await runs.list()).map((r) => r.period).sort()).toEqual(['recent', 'running']);
    });
  });
}
