/**
 * The proposal store under concurrent writers, through the ledger service, on the real database:
 * what unique inserts guarantee where FerretDB's guarded updates do not. The service's rules are
 * tested on in-memory adapters in test/domain/ledger.service.unit.test.ts.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { LedgerService } from '../../src/domain/ledger.service.js';
import type { Proposal } from '../../src/domain/model.js';
import { createLedgerStore } from '../../src/store/ledger-store.js';
import { actor, calendar, divisions, newId, people, policy, registered, seedAssigned } from '../fixtures/ledger.fixture.js';
import { useTestDb } from '../support/test-db.js';
import { AUDIT_NOTES } from '../../src/present/audit-notes.js';

useTestDb({ cleanBeforeEach: true });

const { proposals, directory, view } = createLedgerStore();
const now = new Date('2026-09-28T02:00:00Z');
const ledger = new LedgerService({ proposals, view, directory, clock: { now: () => now }, calendar, policy, newId, notes: AUDIT_NOTES });
const as = (who: keyof typeof people) => actor(people[who]);
// The database was just emptied: the view starts over rather than wait for its next read.
beforeEach(() => view.catchUp());

const seed = (): Promise<Proposal> => seedAssigned(ledger, directory);

describe('ledger service on the real database', () => {
  it('of two people advancing one proposal at once, exactly one wins and the trail shows one change', async () => {
    const p = await seed();
    const results = await Promise.allSettled([
      ledger.perform({ id: p.id }, { type: 'accept' }, as('head'), 'wecom-app'),
      ledger.perform({ id: p.id }, { type: 'accept' }, as('coordinator'), 'web'),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(DomainError);
    // The refusal names who did the step first.
    const winner = won[0] === results[0] ? '赵处长' : people.coordinator.name;
    expect((lost[0]!.reason as DomainError).refusal).toEqual({ reason: 'conflictBy', kind: 'proposal', who: winner, action: 'accept' });
    const stored = await proposals.findById(p.id);
    expect(stored!.events.map((e) => e.action)).toEqual(['register', 'assign', 'accept']);
    expect(stored!.version).toBe(3);
  });

  it('applies five 阅批 on one proposal at the same moment, all five (append-only commands are decided again)', async () => {
    const p = await seed();
    const texts = ['批示一', '批示二', '批示三', '批示四', '批示五'];
    await Promise.all(texts.map((text) => ledger.perform({ id: p.id }, { type: 'instruct', text }, as('leader'), 'wecom-app')));
    const stored = (await proposals.findById(p.id))!;
    expect(stored.instructions.map((i) => i.text).sort()).toEqual([...texts].sort());
    expect(stored.events.filter((e) => e.action === 'instruct')).toHaveLength(5);
  });
});

describe('registering in bulk', () => {
  it('writes nothing when one number is already taken at write time', async () => {
    await directory.sync({ divisions, people: Object.values(people) });
    const taken = registered({ number: '0002' });
    await proposals.insertMany([taken]);
    const batch = [registered({ number: '0001' }), registered({ number: '0002' }), registered({ number: '0003' })];
    await expect(proposals.insertMany(batch)).rejects.toMatchObject({ code: 'duplicate' });
    expect((await proposals.find({})).map((p) => p.id)).toEqual([taken.id]);
  });
});
