/**
 * Exactly once: a run that dies half-way is resumed by the next instance without resending,
 * two instances started together send one set of messages, and a failed run is retried later.
 * On the in-memory adapters: the job runs' and the outbox's own guarantees on the database are
 * their contracts' (test/store/contracts/).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDigests } from '../../src/jobs/digest.job.js';
import { createOutbox } from '../../src/outbox/outbox.js';
import { createJobsView } from '../../src/web/jobs-view.js';
import { waitUntil } from '../support/wait.js';
import { at, createSim, memoryStores, outboxRows, type Sim } from './jobs.fixture.js';

const stores = memoryStores();
const { jobRuns, outbox } = stores;

let sim: Sim;

beforeAll(async () => {
  sim = await createSim({ stores });
  // Three proposals whose pre-handling contact fell overdue on 3 November: digests for the
  // handler, both division heads and both leaders in charge.
  for (const [number, lead, handler] of [
    ['0101', 'kfzd', 'kf-staff'],
    ['0102', 'shbf', undefined],
    ['0103', 'kfzd', undefined],
  ] as const) {
    const p = await sim.register({ number, title: `提案${number}`, receivedAt: at('2026-10-09 10:00') }, '2026-10-09 10:00');
    await sim.act('2026-10-13 10:00', p, 'coordinator', { type: 'assign', leadDivision: lead });
    if (handler) await sim.act('2026-10-13 11:00', p, 'head', { type: 'designate', handlerUserid: handler });
  }
}, 60_000);

const digestKeys = async (date: string) =>
  (await outboxRows(outbox))
    .filter((r) => r.key.startsWith(`digest:${date}:`))
    .map((r) => r.key)
    .sort();
const expectedKeys = async (date: string) => (await buildDigests(sim.core, sim.config, at(`${date} 09:00`))).map((d) => `digest:${date}:${d.userid}`).sort();

describe('exactly once', () => {
  it('resumes a run that died half-way without resending what it had sent', async () => {
    const want = await expectedKeys('2026-11-16');
    expect(want).toEqual([
      'digest:2026-11-16:bf-head',
      'digest:2026-11-16:kf-head',
      'digest:2026-11-16:kf-staff',
      'digest:2026-11-16:leader1',
      'digest:2026-11-16:leader2',
    ]);
    // Instance A hangs for good after two messages, as if the process had died.
    const real = createOutbox({ store: outbox, now: sim.clock.now });
    let sent = 0;
    const dying = sim.scheduler({
      owner: 'a',
      outbox: { enqueue: (input) => (input.key.startsWith('digest:') && ++sent > 2 ? new Promise(() => {}) : real.enqueue(input)) },
    });
    void dying.runDue(at('2026-11-16 09:00'));
    await waitUntil('two digests queued before the hang', async () => (await digestKeys('2026-11-16')).length === 2);

    const b = sim.scheduler({ owner: 'b' });
    // While A's lease lasts, B leaves the digest alone.
    const early = await b.runDue(at('2026-11-16 09:01'));
    expect(early.map((o) => o.job)).not.toContain('digest');
    const late = await b.runDue(at('2026-11-16 09:06'));
    expect(late.find((o) => o.job === 'digest')).toMatchObject({ status: 'done', enqueued: 3, alreadyQueued: 2 });
    expect(await digestKeys('2026-11-16')).toEqual(want);
    // The record says whose run it continued and why, for the admin's jobs page.
    expect(await jobRuns.find('digest', '2026-11-16')).toMatchObject({
      status: 'done',
      owner: 'b',
      attempts: 2,
      takenOverFrom: { owner: 'a', reason: 'lapsed' },
    });
    // The admin's jobs page says so in words.
    const row = (await createJobsView(jobRuns).listJobRuns()).find((r) => r.job === 'digest' && r.period === '2026-11-16');
    expect(row?.summary).toContain('接手自实例 a（该实例中断');
    // And nothing more on later wake-ups.
    expect((await b.runDue(at('2026-11-16 16:00'))).map((o) => o.job)).toEqual(['member-notices']);
    expect(await digestKeys('2026-11-16')).toEqual(want);
  });

  it('two instances started together send one set of messages', async () => {
    const a = sim.scheduler({ owner: 'a2' });
    const b = sim.scheduler({ owner: 'b2' });
    const now = at('2026-11-17 09:00');
    const [ra, rb] = await Promise.all([a.runDue(now), b.runDue(now)]);
    expect(await digestKeys('2026-11-17')).toEqual(await expectedKeys('2026-11-17'));
    const digestRuns = [...ra, ...rb].filter((o) => o.job === 'digest');
    expect(digestRuns).toHaveLength(1);
    expect(digestRuns[0]).toMatchObject({ enqueued: 5, alreadyQueued: 0 });
  });

  it('retries a failed run after the retry delay, sending only what is missing', async () => {
    const real = createOutbox({ store: outbox, now: sim.clock.now });
    let calls = 0;
    const flaky = sim.scheduler({
      owner: 'c',
      outbox: { enqueue: (input) => (input.key.startsWith('digest:') && ++calls === 3 ? Promise.reject(new Error('database blip')) : real.enqueue(input)) },
    });
    const first = await flaky.runDue(at('2026-11-18 09:00'));
    expect(first.find((o) => o.job === 'digest')).toMatchObject({ status: 'failed', enqueued: 2, error: 'database blip' });
    expect((await flaky.runDue(at('2026-11-18 09:05'))).map((o) => o.job)).not.toContain('digest');
    const retried = await flaky.runDue(at('2026-11-18 09:11'));
    expect(retried.find((o) => o.job === 'digest')).toMatchObject({ status: 'done', enqueued: 3, alreadyQueued: 2 });
    expect(await digestKeys('2026-11-18')).toEqual(await expectedKeys('2026-11-18'));
  });
});
