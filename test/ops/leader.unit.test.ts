/**
 * The leader election on lease terms (in memory; the store's side is test/store/contracts/leases.contract.ts),
 * on a simulated clock: one leader among contenders racing on every term, take-over only after
 * the term expires, hand-over on stop, step-down when the lease is lost or cannot be renewed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LeaseStore } from '../../src/domain/lease.port.js';
import { startLeaderElection, type Leader } from '../../src/ops/leader.js';
import { createLogger } from '../../src/shared/logger.js';
import { memoryLeaseStore } from '../support/memory-stores.js';

const log = createLogger({ level: 'silent' });
let leases: LeaseStore;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-03-02T01:00:00Z') });
  leases = memoryLeaseStore();
});
afterEach(() => vi.useRealTimers());

interface Contender {
  id: string;
  leader: Leader;
  /** Intervals during which its duties ran, and why each ended. */
  spans: { from: number; to?: number; reason?: string }[];
}

function contend(id: string, o: { name?: string; ttlMs?: number; renewMs?: number; store?: LeaseStore } = {}): Contender {
  const spans: Contender['spans'] = [];
  const leader = startLeaderElection({
    leases: o.store ?? leases,
    name: o.name ?? 'duties',
    instanceId: id,
    ttlMs: o.ttlMs ?? 800,
    renewMs: o.renewMs ?? 100,
    log,
    now: () => Date.now(),
    onElected: () => void spans.push({ from: Date.now() }),
    onDemoted: (reason) => void Object.assign(spans.at(-1)!, { to: Date.now(), reason }),
  });
  return { id, leader, spans };
}

describe('leader lease', () => {
  it('elects exactly one of four instances that start together, and keeps it while it renews', async () => {
    const all = ['a', 'b', 'c', 'd'].map((id) => contend(id));
    await Promise.all(all.map((c) => c.leader.ready));
    await vi.advanceTimersByTimeAsync(1500); // about 15 renewals, each raced by three others looking for an expired term
    expect(all.filter((c) => c.leader.isLeader())).toHaveLength(1);
    expect(all.filter((c) => c.spans.length > 0)).toHaveLength(1);
    const latest = (await leases.latest('duties'))!;
    expect(latest.term).toBeGreaterThan(10);
    const holders = await Promise.all(Array.from({ length: latest.term }, (_, i) => leases.term('duties', i + 1)));
    expect(new Set(holders.map((t) => t?.holder))).toEqual(new Set([all.find((c) => c.leader.isLeader())!.id]));
    for (const c of all) await c.leader.stop();
  });

  it("lets another take over only once a dead leader's term has run out", async () => {
    // What a leader killed with -9 leaves: its last term, never renewed, never released.
    const expiresAt = new Date(Date.now() + 700);
    await leases.insertTerm({ name: 'duties', term: 7, holder: 'dead', expiresAt });
    const b = contend('b');
    await b.leader.ready;
    await vi.advanceTimersByTimeAsync(699);
    expect(b.leader.isLeader()).toBe(false);
    await vi.advanceTimersByTimeAsync(100);
    expect(b.leader.isLeader()).toBe(true);
    expect(b.spans[0]!.from).toBeGreaterThanOrEqual(expiresAt.getTime());
    expect(b.leader.term()).toBe(8);
    await b.leader.stop();
  });

  it('hands over at once when the leader stops', async () => {
    const a = contend('a', { ttlMs: 60_000 });
    await a.leader.ready;
    const b = contend('b', { ttlMs: 60_000 });
    await b.leader.ready;
    await a.leader.stop();
    expect(a.spans[0]).toMatchObject({ reason: 'stopping' });
    // One renewal period, well short of the 60 s lease: only a hand-over passes.
    await vi.advanceTimersByTimeAsync(100);
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
    await vi.advanceTimersByTimeAsync(100);
    expect(a.leader.isLeader()).toBe(false);
    expect(a.spans[0]).toMatchObject({ reason: 'another instance took the lease' });
    await a.leader.stop();
  });

  it('steps down at the end of its term when it cannot renew it (the database unreachable)', async () => {
    let reachable = true;
    const store: LeaseStore = {
      ...leases,
      insertTerm: (t) => (reachable ? leases.insertTerm(t) : Promise.reject(new Error('database unreachable'))),
    };
    const a = contend('a', { store });
    await a.leader.ready;
    await vi.advanceTimersByTimeAsync(250);
    reachable = false;
    const until = (await leases.latest('duties'))!.expiresAt.getTime();
    await vi.advanceTimersByTimeAsync(until - Date.now() - 1);
    expect(a.leader.isLeader()).toBe(true);
    await vi.advanceTimersByTimeAsync(1);
    expect(a.leader.isLeader()).toBe(false);
    expect(a.spans[0]).toMatchObject({ to: until, reason: 'lease expired without renewal' });
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
