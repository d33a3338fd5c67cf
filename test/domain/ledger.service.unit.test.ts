/**
 * The ledger service on in-memory adapters (test/support/memory-ledger.ts): its rules, trail,
 * idempotency and scoping, with no database. What the real store guarantees under concurrent
 * writers is tested in test/store/ledger-concurrency.test.ts.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { LedgerService } from '../../src/domain/ledger.service.js';
import type { Proposal } from '../../src/domain/model.js';
import { actor, calendar, newId, newProposalInput, people, policy, seedAssigned } from '../fixtures/ledger.fixture.js';
import { EXPECTED, sourceShapedLedger } from '../fixtures/source-ledger.fixture.js';
import { memoryLedgerService } from '../support/memory-ledger.js';
import { AUDIT_NOTES } from '../../src/present/audit-notes.js';

let now: Date;
let { proposals, directory, view, ledger } = memoryLedgerService({ now: () => now });
const as = (who: keyof typeof people) => actor(people[who]);
beforeEach(() => {
  now = new Date('2026-09-28T02:00:00Z');
  ({ proposals, directory, view, ledger } = memoryLedgerService({ now: () => now }));
});

const seed = (): Promise<Proposal> => seedAssigned(ledger, directory);

describe('ledger service', () => {
  it('decides on the proposal its caller has just read, and reads it again when that copy is out of date', async () => {
    const p = await seed();
    const read = (await proposals.findById(p.id))!;
    const reads = vi.spyOn(proposals, 'findById');
    await ledger.perform({ id: p.id, read }, { type: 'instruct', text: '批示一' }, as('leader'), 'wecom-app');
    expect(reads).not.toHaveBeenCalled();
    // `read` is a version behind now: deciding on it would lose the race to the change just made.
    await ledger.perform({ id: p.id, read }, { type: 'accept' }, as('head'), 'wecom-app');
    expect(reads).toHaveBeenCalled();
    expect((await proposals.findById(p.id))!.events.map((e) => e.action).slice(-2)).toEqual(['instruct', 'accept']);
  });

  it('finds a change already made for the same request instead of making it twice', async () => {
    const p = await seed();
    const first = await ledger.perform({ id: p.id, requestId: 'wecom-app:42#0' }, { type: 'instruct', text: '只记一次' }, as('leader'), 'wecom-app');
    const again = await ledger.perform({ id: p.id, requestId: 'wecom-app:42#0' }, { type: 'instruct', text: '只记一次' }, as('leader'), 'wecom-app');
    expect(again.version).toBe(first.version);
    expect((await proposals.findById(p.id))!.instructions.map((i) => i.text)).toEqual(['只记一次']);
    // A card click handled again after a crash: its card's version is stale by its own change, and still no refusal.
    const accepted = await ledger.perform(
      { id: p.id, expectedVersion: first.version, requestId: 'wecom-app:43#0' },
      { type: 'accept' },
      as('head'),
      'wecom-app',
    );
    const retried = await ledger.perform(
      { id: p.id, expectedVersion: first.version, requestId: 'wecom-app:43#0' },
      { type: 'accept' },
      as('head'),
      'wecom-app',
    );
    expect(retried.version).toBe(accepted.version);
  });

  it('keeps every change as a timeline: who, when, which channel, before → after', async () => {
    const p = await seed();
    now = new Date('2026-09-29T03:00:00Z');
    await ledger.perform({ id: p.id }, { type: 'return', reason: '不属于本处职责' }, as('head'), 'wecom-bot');
    const stored = (await proposals.findById(p.id))!;
    const last = stored.events.at(-1)!;
    expect(last).toMatchObject({
      actor: { userid: 'kf-head', name: '赵处长' },
      channel: 'wecom-bot',
      action: 'return',
      fromStage: 'assigned',
      toStage: 'registered',
      note: '不属于本处职责',
    });
    expect(last.at).toEqual(now);
    expect(last.changes).toContainEqual({ field: 'leadDivision', before: 'kfzd', after: null });
    expect(stored.events[1]!.action).toBe('assign'); // earlier events untouched
  });

  it('a refused step changes nothing stored', async () => {
    const p = await seed();
    await expect(ledger.perform({ id: p.id }, { type: 'signOff', approve: true }, as('leader'), 'console')).rejects.toMatchObject({
      code: 'invalidStage',
      refusal: { reason: 'wrongStage', action: 'signOff', stage: 'assigned' },
    });
    expect(await proposals.findById(p.id)).toEqual(p);
  });

  it('a stale card (old version) is refused instead of applied twice', async () => {
    const p = await seed();
    await ledger.perform({ id: p.id, expectedVersion: p.version }, { type: 'accept' }, as('head'), 'wecom-app');
    await expect(ledger.perform({ id: p.id, expectedVersion: p.version }, { type: 'accept' }, as('head'), 'wecom-app')).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('registering the same proposals again changes nothing and reports them', async () => {
    await seed();
    const again = await ledger.registerMany([newProposalInput(), newProposalInput({ number: '0002' })], as('coordinator'), 'cli');
    expect(again.created.map((p) => p.number)).toEqual(['0002']);
    expect(again.existing).toEqual([{ kind: 'proposal', session: '十二届五次', number: '0001' }]);
  });

  it('lists only what each person may see', async () => {
    const p = await seed();
    await ledger.registerMany([newProposalInput({ number: '0009', proposers: [{ name: '刘委员', userid: 'wy-liu' }] })], as('coordinator'), 'cli');
    expect((await ledger.list({}, as('member'))).map((x) => x.number)).toEqual(['0001']);
    expect((await ledger.list({}, as('otherMember'))).map((x) => x.number)).toEqual(['0009']);
    expect((await ledger.list({}, as('head'))).map((x) => x.id)).toEqual([p.id]);
    expect(await ledger.list({}, as('otherHead'))).toEqual([]);
    await expect(ledger.get(p.id, as('otherMember'))).rejects.toMatchObject({ code: 'notInScope' });
  });
});

describe('metrics on a ledger shaped like the source (151: 106 主办, 45 协办)', () => {
  it('gives the hand-computed three 100% targets, 办成率 and outcome classes', async () => {
    await proposals.insertMany(sourceShapedLedger());
    now = new Date('2026-11-26T02:00:00Z');
    const { all, byDivision } = await ledger.metrics();
    expect(all).toMatchObject({ total: EXPECTED.total, lead: EXPECTED.lead, co: EXPECTED.co, key: EXPECTED.key });
    expect(all.onTime).toMatchObject(EXPECTED.onTime);
    expect(all.onTime.rate).toBeCloseTo(132 / 151, 10);
    expect(all.faceToFace).toMatchObject(EXPECTED.faceToFace);
    expect(all.ratings).toEqual(EXPECTED.ratings);
    expect(all.satisfaction).toMatchObject(EXPECTED.satisfaction);
    expect(all.delivery).toMatchObject(EXPECTED.delivery);
    expect(all.outcomes).toEqual(EXPECTED.outcomes);
    // per division: lead proposals alternate 开发指导处/社会帮扶处; co ones all go to 开发指导处
    expect(byDivision.get('kfzd')!.total).toBe(53 + 45);
    expect(byDivision.get('shbf')!.total).toBe(53);
    expect(byDivision.get('shbf')!.onTime.den).toBe(53);
  });

  it('counts a late reply as late, and an unanswered proposal only once its due date has passed', async () => {
    await proposals.insertMany(sourceShapedLedger());
    now = new Date('2026-05-15T02:00:00Z'); // before the lead replies' due date (2026-06-02), after the opinions' (04-02)
    const { all } = await ledger.metrics();
    // unanswered and past due by then: the 2 co proposals that never sent an opinion, and the key lead
    // proposals (reply due 05-02) among the 6 never replied (j = 100–105); the late ones count as replied
    const keyUnansweredLead = [100, 101, 102, 103, 104, 105].filter((j) => j % 8 === 0).length;
    expect(all.overdueUnanswered).toBe(2 + keyUnansweredLead);
  });

  it('reads metrics on confirmed face-to-face contacts only when the policy says so', async () => {
    await proposals.insertMany(sourceShapedLedger());
    const strict = new LedgerService({
      proposals,
      view,
      directory,
      clock: { now: () => now },
      calendar,
      policy: { ...policy, metrics: { ...policy.metrics, faceToFaceConfirmedOnly: true } },
      newId,
      notes: AUDIT_NOTES,
    });
    const { all } = await strict.metrics();
    expect(all.faceToFace).toMatchObject({ num: 0, den: 151 }); // no member has confirmed yet
    expect(all.faceToFaceAny).toBe(120);
  });
});
