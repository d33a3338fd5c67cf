/**
 * Weekly summary (周督导) build time and peak memory at 151, 10,000 and 100,000 proposals, read
 * from the in-memory ledger view (loaded first, as a service does at start; the load is shown
 * apart). Target: ≤ 1 s at 10,000, ≤ 5 s at 100,000. Baseline: a bare `$group` count over the
 * same documents, measured in the same run. Prints; asserts nothing.
 *
 * Synthetic proposals are the source-shaped 151 repeated with fresh ids and numbers, inserted in
 * bulk straight into the collection, without their audit trails (the summary never reads them).
 */
import { randomUUID } from 'node:crypto';
import { createCoreServices } from '../src/main/core.js';
import { loadSchedulesConfig } from '../src/config/schedules.config.js';
import type { Proposal } from '../src/domain/model.js';
import { buildWeeklySummary } from '../src/jobs/weekly-summary.job.js';
import { MongoDirectoryRepository } from '../src/store/directory.repository.js';
import { ProposalModel } from '../src/store/models/proposal.model.js';
import { divisions, people } from '../test/fixtures/ledger.fixture.js';
import { sourceShapedLedger } from '../test/fixtures/source-ledger.fixture.js';
import { fmt, percentile, timeEach, useBenchDatabase, withPeakMemory } from './support.js';

const SIZES = [151, 10_000, 100_000];
const BATCH = 2_000;
/** Inside the source ledger's year, so some items are overdue and the lists are full. */
const AS_OF = new Date('2026-11-30T00:30:00Z');
const PERIOD = '2026-W48';

function synthetic(base: Proposal[], from: number, to: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = from; i < to; i++) {
    const { id: _id, events: _events, ...rest } = base[i % base.length]!;
    out.push({ ...rest, _id: randomUUID(), number: `S${String(i + 1).padStart(6, '0')}`, events: [] });
  }
  return out;
}

export async function run(uri: string): Promise<void> {
  const cleanup = await useBenchDatabase(uri, 'summary');
  try {
    const config = loadSchedulesConfig();
    await new MongoDirectoryRepository().sync({ divisions, people: Object.values(people) });
    const base = sourceShapedLedger();
    let stored = 0;
    for (const size of SIZES) {
      const t0 = performance.now();
      for (let i = stored; i < size; i += BATCH) {
        await ProposalModel.collection.insertMany(synthetic(base, i, Math.min(size, i + BATCH)) as never[], { ordered: false });
      }
      const insertMs = performance.now() - t0;
      stored = size;
      // A fresh instance per size: the proposals were inserted behind the back of any earlier view.
      const core = createCoreServices({ clock: { now: () => AS_OF } });
      const loadStart = performance.now();
      await core.view.current();
      const loadMs = performance.now() - loadStart;
      global.gc?.();
      const { result: times, heapMiB, rssMiB } = await withPeakMemory(() => timeEach(3, () => buildWeeklySummary(core, config, PERIOD, AS_OF)));
      const floor = await timeEach(1, () => ProposalModel.collection.aggregate([{ $group: { _id: null, n: { $sum: 1 } } }]).toArray());
      const { parts } = await buildWeeklySummary(core, config, PERIOD, AS_OF);
      const bytes = parts.map((p) => Buffer.byteLength(p)).join('+');
      console.log(
        `weekly summary, ${String(size).padStart(7)} proposals: ${fmt(percentile(times, 50))} (target <= 1000 ms at 10k, 5000 ms at 100k)` +
          `  bare $group ${fmt(percentile(floor, 50))} ratio ${(percentile(times, 50) / percentile(floor, 50)).toFixed(2)}x` +
          `  peak heap ${heapMiB.toFixed(1)} MiB rss ${rssMiB.toFixed(1)} MiB  message ${bytes} bytes  (insert ${(insertMs / 1000).toFixed(1)} s, view load ${(loadMs / 1000).toFixed(1)} s)`,
      );
    }
  } finally {
    await cleanup();
  }
}
