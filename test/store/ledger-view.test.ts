/**
 * The in-memory ledger view against the database: what lists and metrics answer from memory must
 * be what the documents in the database say, on this instance and on another one sharing it.
 * The oracle reads the database directly (a filter query and a `$group` over the stored facts),
 * independent of the view's own code.
 */
import { describe, expect, it } from 'vitest';
import { LedgerService } from '../../src/domain/ledger.service.js';
import { toLedgerEntry } from '../../src/domain/ledger-view.js';
import { computeMetrics, metricsByDivision, type MetricGroup, type OverdueGroup } from '../../src/domain/metrics.js';
import type { Actor, Proposal } from '../../src/domain/model.js';
import { canView } from '../../src/domain/permissions.js';
import type { ProposalFilter } from '../../src/domain/ports.js';
import { ChangeLogModel } from '../../src/store/models/change-log.model.js';
import { ProposalModel } from '../../src/store/models/proposal.model.js';
import { createLedgerStore } from '../../src/store/ledger-store.js';
import { toQuery } from '../../src/store/proposal.repository.js';
import { actor, calendar, divisions, newId, newProposalInput, people, policy } from '../fixtures/ledger.fixture.js';
import { sourceShapedLedger } from '../fixtures/source-ledger.fixture.js';
import { useTestDb } from '../support/test-db.js';
import { AUDIT_NOTES } from '../../src/present/audit-notes.js';

useTestDb({ cleanBeforeEach: true });

let now = new Date('2026-09-28T02:00:00Z');
const clock = { now: () => now };

/** One instance's ledger: its own repositories and view, on the shared database. */
function instance() {
  const store = createLedgerStore();
  return { ...store, ledger: new LedgerService({ ...store, clock, calendar, policy, newId, notes: AUDIT_NOTES }) };
}

const as = (who: keyof typeof people): Actor => actor(people[who]);

/** The database's answer to a listing: a filter query, then the same per-proposal scope check. */
async function listedByDb(filter: ProposalFilter, who: Actor): Promise<string[]> {
  const docs = await ProposalModel.collection.find(toQuery(filter)).sort({ session: 1, number: 1 }).toArray();
  return docs
    .map((d) => ({ ...(d as unknown as Proposal), id: String(d._id) }))
    .filter((p) => canView(who, p))
    .map((p) => p.id);
}

/** The metrics as a `$group` over the stored facts computes them. */
async function metricsByDb(filter: ProposalFilter, asOf: Date) {
  const key = {
    leadDivision: '$leadDivision',
    handlingType: '$handlingType',
    isKey: '$isKey',
    stage: '$stage',
    replied: '$facts.replied',
    repliedOnTime: '$facts.repliedOnTime',
    reanswerPending: '$facts.reanswerPending',
    faceToFace: '$facts.faceToFace',
    faceToFaceConfirmed: '$facts.faceToFaceConfirmed',
    satisfaction: '$facts.satisfaction',
    outcome: '$facts.outcome',
    measuresTotal: '$facts.measuresTotal',
    measuresDone: '$facts.measuresDone',
  };
  const rows = await ProposalModel.collection
    .aggregate<{ _id: MetricGroup; n: number }>([{ $match: toQuery(filter) }, { $group: { _id: key, n: { $sum: 1 } } }])
    .toArray();
  const groups = rows.map(({ _id, n }) => ({ ..._id, leadDivision: _id.leadDivision ?? undefined, n }));
  const overdueMatch = {
    $and: [
      toQuery(filter),
      { $or: [{ 'facts.replied': false }, { 'facts.reanswerPending': true }] },
      {
        $or: [
          { handlingType: 'lead', 'milestones.reply.dueAt': { $lt: asOf } },
          { handlingType: 'co', 'milestones.opinion.dueAt': { $lt: asOf } },
        ],
      },
    ],
  };
  const late = await ProposalModel.collection
    .aggregate<{ _id: string | null; n: number }>([{ $match: overdueMatch }, { $group: { _id: '$leadDivision', n: { $sum: 1 } } }])
    .toArray();
  const overdue: OverdueGroup[] = late.map((r) => ({ leadDivision: r._id ?? undefined, n: r.n }));
  return { all: computeMetrics(groups, overdue, policy.metrics), byDivision: metricsByDivision(groups, overdue, policy.metrics) };
}

const FILTERS: ProposalFilter[] = [
  {},
  { handlingType: 'co' },
  { divisionCode: 'shbf' },
  { leadDivision: 'kfzd', stages: ['supervising', 'feedback'] },
  { handlerUserid: 'bf-staff', isKey: false },
  { text: '0012' },
  { dueBefore: new Date('2026-06-01T00:00:00Z') },
  { receivedFrom: new Date('2026-09-01T00:00:00Z'), receivedTo: new Date('2026-10-01T00:00:00Z') },
];

describe('the ledger view', () => {
  it('lists and counts what the database holds, after imports and commands on two instances', async () => {
    const a = instance();
    const b = instance();
    await a.directory.sync({ divisions, people: Object.values(people) });
    await a.proposals.insertMany(sourceShapedLedger());
    const { created } = await b.ledger.registerMany(
      [
        newProposalInput({ number: '0200' }),
        newProposalInput({ number: '0201', isKey: true }),
        newProposalInput({ number: '0202', handlingType: 'co', externalLeadUnit: '省农业农村厅' }),
      ],
      as('coordinator'),
      'cli',
    );
    const [x, y] = created;
    await a.ledger.perform({ id: x!.id }, { type: 'assign', leadDivision: '帮扶处', assisting: ['开发处'] }, as('coordinator'), 'web');
    await b.ledger.perform({ id: x!.id }, { type: 'accept' }, as('otherHead'), 'wecom-app');
    await a.ledger.perform({ id: x!.id }, { type: 'designate', handlerUserid: 'bf-staff' }, as('otherHead'), 'wecom-app');
    await b.ledger.perform({ id: y!.id }, { type: 'assign', leadDivision: 'kfzd' }, as('coordinator'), 'web');
    now = new Date('2026-10-20T02:00:00Z');
    await a.ledger.perform({ id: x!.id }, { type: 'requestExtension', days: 10, reason: '需要调研' }, as('otherHandler'), 'console');
    // The database's own answers below read the proposal documents, written behind the changes.
    await Promise.all([a.view.catchUp(), b.view.catchUp(), a.proposals.materializer.idle(), b.proposals.materializer.idle()]);

    for (const filter of FILTERS) {
      const metrics = await metricsByDb(filter, now);
      for (const inst of [a, b]) expect(await inst.ledger.metrics(filter), JSON.stringify(filter)).toEqual(metrics);
      for (const who of ['coordinator', 'otherHandler', 'member'] as const) {
        const listed = await listedByDb(filter, as(who));
        for (const inst of [a, b])
          expect(
            (await inst.ledger.list(filter, as(who))).map((e) => e.id),
            JSON.stringify({ filter, who }),
          ).toEqual(listed);
      }
    }
    for (const inst of [a, b]) {
      // Each entry is exactly what the document gives.
      const view = await inst.view.current();
      expect(view.size).toBe(154);
      for (const p of await inst.proposals.find({})) expect(view.get(p.id)).toEqual(toLedgerEntry(p));
    }
    const entry = (await b.view.current()).get(x!.id)!;
    expect(entry).toMatchObject({ stage: 'researching', leadDivision: 'shbf', handlerUserid: 'bf-staff', assistingDivisions: ['kfzd'] });
    expect(entry.pendingExtensions).toHaveLength(1);
  }, 180_000);

  it('a fresh instance loads everything at start; a directory change elsewhere reaches it', async () => {
    const a = instance();
    await a.directory.sync({ divisions, people: Object.values(people) });
    await a.ledger.registerMany([newProposalInput()], as('coordinator'), 'cli');
    // Nothing left in the change log: the new instance must load from the proposals themselves.
    await ChangeLogModel.collection.deleteMany({ _id: { $ne: 'epoch' } } as never);
    const b = instance();
    expect((await b.ledger.list({}, as('coordinator'))).map((e) => e.number)).toEqual(['0001']);
    expect((await b.directory.findDivision('开发处'))?.name).toBe('开发指导处');

    const renamed = divisions.map((d) => (d.code === 'kfzd' ? { ...d, name: '开发指导二处' } : d));
    await a.directory.sync({ divisions: renamed, people: Object.values(people) });
    await b.view.catchUp();
    expect((await b.directory.findDivision('开发处'))?.name).toBe('开发指导二处');
  });

  it('starts over when the database it follows was emptied', async () => {
    const a = instance();
    await a.directory.sync({ divisions, people: Object.values(people) });
    await a.ledger.registerMany([newProposalInput()], as('coordinator'), 'cli');
    expect((await a.view.current()).size).toBe(1);
    await Promise.all([ProposalModel.collection.deleteMany({}), ChangeLogModel.collection.deleteMany({})]);
    await a.view.catchUp();
    expect((await a.view.current()).size).toBe(0);
  });
});
