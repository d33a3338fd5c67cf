/**
 * The leader lease on the real database: one leader among contenders racing on every term,
 * take-over only after the term expires, hand-over on stop, step-down when the lease is lost.
 */
import { describe, expect, it } from 'vitest';
import { startLeaderElection, type Leader } from '../../src/ops/leader.js';
import { waitUntil } from '../support/wait.js';
import { createLogger } from '../../src/shared/logger.js';
import { createLeaseStore } from '../../src/store/lease.repository.js';
import { LeaseModel } from '../../src/store/models/lease.model.js';
import { useTestDb } from '../support/test-db.js';

const leases = createLeaseStore();

useTestDb({ cleanBeforeEach: true });
const log = createLogger({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Contender {
  id: string;
  leader: Leader;
  /** Intervals during which its duties ran. */
  spans: { from: number; to?: number }[];
}

function contend(id: string, o: { name?: string; ttlMs?: number; renewMs?: number } = {}): Contender {
  const spans: Contender['spans'] = [];
  const leader = startLeaderElection({
    leases,
    name: o.name ?? 'duties',
    instanceId: id,
    ttlMs: o.ttlMs ?? 800,
    renewMs: o.renewMs ?? 100,
    log,
    onElected: () => void spans.push({ from: Date.now() }),
    onDemoted: () => void (spans.at(-1)!.to = Date.now()),
  });
  return { id, leader, spans };
}

describe('leader lease', () => {
  it('elects exactly one of four instances that start together, and keeps it while it renews', async () => {
    const all = ['a', 'b', 'c', 'd'].map((id) => contend(id));
    await Promise.all(all.map((c) => c.leader.ready));
    await sleep(1500); // about 15 renewals, each raced by three others looking for an expired term
    expect(all.filter((c) => c.leader.isLeader())).toHaveLength(1);
    expect(all.filter((c) => c.spans.length > 0)).toHaveLength(1);
    const terms = await LeaseModel.find({ name: 'duties' }).lean();
    expect(new Set(terms.map((t) => t.holder)).size).toBe(1);
    for (const c of all) await c.leader.stop();
  });

  it("lets another take over only once a dead leader's term has run out", async () => {
    // What a leader killed with -9 leaves: its last term, never renewed, never released.
    const expiresAt = new Date(Date.now() + 700);
    await leases.insertTerm({ name: 'duties', term: 7, holder: 'dead', expiresAt });
    const b = contend('b');
    await b.leader.ready;
    expect(b.leader.isLeader()).toBe(false);
    await waitUntil('b takes over after the dead term', () => b.leader.isLeader());
    expect(b.leader.isLeader()).toBe(true);
    expect(b.spans[0]!.from).toBeGreaterThanOrEqual(expiresAt.getTime());
    expect(b.leader.term()).toBeGreaterThanOrEqual(8);
    await b.leader.stop();
  });

  it('hands over at once when the leader stops', async () => {
    const a = contend('a', { ttlMs: 60_000 });
    await a.leader.ready;
    const b = contend('b', { ttlMs: 60_000 });
    await b.leader.ready;
    await a.leader.stop();
    expect(a.spans[0]!.to).toBeDefined();
    // Well short of the 60 s lease, so only a hand-over passes.
    await waitUntil('b leads after the hand-over', () => b.leader.isLeader(), { timeoutMs: 30_000 });
    expect(b.leader.isLeader()).toBe(true);
    expect(a.spans[0]!.to!).toBeLessThanOrEqual(b.spans[0]!.from);
    await b.leader.stop();
  });

  it('steps down as soon as it finds its next term taken', async () => {
    const a = contend('a', { ttlMs: 60_000, renewMs: 100 });
    await a.leader.ready;
    const t = a.leader.term()!;
    // Someone inserts the next term first (as a take-over after an expiry would).
    await leases.insertTerm({ name: 'duties', term: t + 1, holder: 'intruder', expiresAt: new Date(Date.now() + 60_000) });
    await waitUntil('a steps down', () => !a.leader.isLeader(), { timeoutMs: 30_000 });
    expect(a.leader.isLeader()).toBe(false);
    expect(a.spans[0]!.to).toBeDefined();
    await a.leader.stop();
  });

  it('takes up a term of its own whose insert answer was lost, and no one else’s', async () => {
    await leases.insertTerm({ name: 'duties', term: 3, holder: 'a', expiresAt: new Date(Date.now() + 60_000) });
    const b = contend('b');
    const a = contend('a');
    await Promise.all([a.leader.ready, b.leader.ready]);
    expect([a.leader.isLeader(), a.leader.term(), b.leader.isLeader()]).toEqual([true, 3, false]);
    for (const c of [a, b]) await c.leader.stop();
  });

  it('keeps separate leases apart', async () => {
    const a = contend('a', { name: 'bot' });
    const b = contend('b', { name: 'jobs' });
    await Promise.all([a.leader.ready, b.leader.ready]);
    expect([a.leader.isLeader(), b.leader.isLeader()]).toEqual([true, true]);
    await a.leader.stop();
    await b.leader.stop();
  });
});
