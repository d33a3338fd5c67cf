/**
 * Ledger core figures (issue 2): a guarded stage transition against a bare findOneAndUpdate on the
 * same database, metrics over 10,000 proposals, and the plans of the overdue/due-soon queries.
 */
import { randomUUID } from 'node:crypto';
import { createCoreServices } from '../src/main/core.js';
import type { Proposal } from '../src/domain/model.js';
import { MongoDirectoryRepository } from '../src/store/directory.repository.js';
import { ProposalModel } from '../src/store/models/proposal.model.js';
import { toQuery } from '../src/store/proposal.repository.js';
import { actor, divisions, people, registered } from '../test/fixtures/ledger.fixture.js';
import { sourceShapedLedger } from '../test/fixtures/source-ledger.fixture.js';
import { fmt, percentile, timeEach, useBenchDatabase } from './support.js';

const ROUNDS = 200;

/** 10,000 proposals: the source-shaped 151 repeated with fresh ids and numbers. */
function bigLedger(n: number): Proposal[] {
  const base = sourceShapedLedger();
  return Array.from({ length: n }, (_, i) => ({ ...base[i % base.length]!, id: randomUUID(), number: String(i + 1).padStart(5, '0') }));
}

export async function run(uri: string): Promise<void> {
  const cleanup = await useBenchDatabase(uri, 'ledger');
  try {
    const core = createCoreServices();
    await new MongoDirectoryRepository().sync({ divisions, people: Object.values(people) });
    const coordinator = actor(people.coordinator);

    // Guarded transition through the whole service (read, decide, claim the revision, replace),
    // one per proposal so document size stays constant; the baseline is a bare version-guarded
    // findOneAndUpdate on proposals of the same collection.
    const fresh = Array.from({ length: 2 * ROUNDS }, (_, i) => registered({ number: `B${String(i).padStart(4, '0')}` }));
    await core.proposals.insertMany(fresh);
    const guarded = await timeEach(ROUNDS, (i) => core.ledger.perform({ id: fresh[i]!.id }, { type: 'assign', leadDivision: 'kfzd' }, coordinator, 'cli'));
    const raw = await timeEach(ROUNDS, (i) =>
      ProposalModel.collection.findOneAndUpdate({ _id: fresh[ROUNDS + i]!.id, version: 1 } as Record<string, unknown>, {
        $set: { stage: 'assigned' },
        $inc: { version: 1 },
      }),
    );
    const p50 = percentile(guarded, 50) / percentile(raw, 50);
    const p99 = percentile(guarded, 99) / percentile(raw, 99);
    console.log(`guarded transition    p50 ${fmt(percentile(guarded, 50))}  p99 ${fmt(percentile(guarded, 99))}  (${ROUNDS} rounds)`);
    console.log(`bare findOneAndUpdate p50 ${fmt(percentile(raw, 50))}  p99 ${fmt(percentile(raw, 99))}`);
    console.log(`ratio guarded/bare    p50 ${p50.toFixed(2)}x  p99 ${p99.toFixed(2)}x  (target <= 2x)`);

    await ProposalModel.collection.deleteMany({});
    const n = 10_000;
    const docs = bigLedger(n);
    // A fresh instance: the first one's view still holds the proposals deleted behind its back.
    const big = createCoreServices();
    for (let i = 0; i < n; i += 1000) await big.proposals.insertMany(docs.slice(i, i + 1000));
    await big.ledger.metrics(); // warm
    const metrics = await timeEach(3, () => big.ledger.metrics());
    // The server's floor: one bare $group count over the same documents.
    const floor = await timeEach(3, () => ProposalModel.collection.aggregate([{ $group: { _id: null, n: { $sum: 1 } } }]).toArray());
    console.log(`metrics over ${n} proposals  p50 ${fmt(percentile(metrics, 50))}  (target <= 300 ms)`);
    console.log(`bare $group count         p50 ${fmt(percentile(floor, 50))}  ratio ${(percentile(metrics, 50) / percentile(floor, 50)).toFixed(2)}x`);

    const now = new Date();
    const plans: [string, Record<string, unknown>][] = [
      ['overdue', toQuery({ stages: ['assigned', 'researching', 'communicating', 'reviewing'], dueBefore: now })],
      ['due soon', { nextDueAt: { $gte: now, $lt: new Date(now.getTime() + 3 * 86_400_000) } }],
    ];
    for (const [name, q] of plans) {
      const explain = (await ProposalModel.collection.find(q).sort({ nextDueAt: 1 }).explain()) as Record<string, unknown>;
      console.log(`plan (${name}): ${describePlan(explain)}`);
    }
  } finally {
    await cleanup();
  }
}

/** MongoDB reports IXSCAN/COLLSCAN stages; FerretDB reports the SQLite plan and whether it pushed the filter down. */
function describePlan(explain: Record<string, unknown>): string {
  const text = JSON.stringify(explain.queryPlanner ?? explain);
  if (explain.serverInfo && (explain.serverInfo as Record<string, unknown>).ferretdbVersion) {
    return `FerretDB ${text}; filterPushdown=${String(explain.filterPushdown)} sortPushdown=${String(explain.sortPushdown)}`;
  }
  const stages = text.match(/"stage":"[A-Z_]+"/g) ?? [];
  const index = text.match(/"indexName":"[^"]+"/g) ?? [];
  return `${stages.join(' ')} ${index.join(' ')}`;
}
