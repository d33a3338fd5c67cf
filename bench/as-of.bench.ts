/**
 * Summaries of past periods (figures rebuilt from audit trails, domain/as-of.ts) at 151 and 10,000
 * proposals carrying their trails. Baseline, same run: the summary of the week in progress, which reads
 * the in-memory view only. The past periods are in the middle of the cases' handling, so nearly every
 * proposal changed after them and is streamed from the database once and rebuilt. Prints; asserts nothing.
 */
import { randomUUID } from 'node:crypto';
import { createCoreServices } from '../src/main/core.js';
import { loadSchedulesConfig } from '../src/config/schedules.config.js';
import type { Proposal } from '../src/domain/model.js';
import { buildMonthlySummary } from '../src/jobs/monthly-summary.job.js';
import { buildWeeklySummary } from '../src/jobs/weekly-summary.job.js';
import { MongoDirectoryRepository } from '../src/store/directory.repository.js';
import { ProposalModel } from '../src/store/models/proposal.model.js';
import { registerProposal, decide } from '../src/domain/workflow.js';
import { LEAD_HAPPY_PATH, actor, calendar, ctxAt, divisions, newProposalInput, people, policy } from '../test/fixtures/ledger.fixture.js';
import { fmt, percentile, timeEach, useBenchDatabase, withPeakMemory } from './support.js';

const SIZES = [151, 10_000];
const BATCH = 1_000;
const DAY = 86_400_000;
const NOW = new Date('2026-11-30T02:00:00Z');
/** Cases registered through March and April, three days a step: most are under way in these. */
const PAST_WEEK = '2026-W16';
const PAST_MONTH = '2026-04';
const CURRENT_WEEK = '2026-W49';

/** 151 cases with their audit trails, each taken a different number of steps along the lead path. */
function trackedBase(): Proposal[] {
  return Array.from({ length: 151 }, (_, i) => {
    const start = Date.parse('2026-03-02T02:00:00Z') + (i % 60) * DAY;
    const by = { id: `base-${i}`, at: new Date(start), actor: actor(people.coordinator), channel: 'cli' as const };
    let p = registerProposal(newProposalInput({ number: String(i + 1).padStart(4, '0') }), by, { calendar, policy });
    for (const [k, [who, cmd]] of LEAD_HAPPY_PATH.slice(0, 4 + (i % (LEAD_HAPPY_PATH.length - 3))).entries()) {
      const resolved = cmd.type === 'superviseMeasure' ? { ...cmd, measureId: p.measures[0]!.id } : cmd;
      const { next, event } = decide(p, resolved, actor(people[who]), ctxAt(new Date(start + (k + 1) * 3 * DAY)));
      p = { ...next, events: [...p.events, event] };
    }
    return p;
  });
}

function synthetic(base: Proposal[], from: number, to: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = from; i < to; i++) {
    const { id: _id, ...rest } = base[i % base.length]!;
    out.push({ ...rest, _id: randomUUID(), number: `S${String(i + 1).padStart(6, '0')}` });
  }
  return out;
}

export async function run(uri: string): Promise<void> {
  const cleanup = await useBenchDatabase(uri, 'as-of');
  try {
    const config = loadSchedulesConfig();
    await new MongoDirectoryRepository().sync({ divisions, people: Object.values(people) });
    const base = trackedBase();
    const events = base.reduce((n, p) => n + p.events.length, 0) / base.length;
    let stored = 0;
    for (const size of SIZES) {
      for (let i = stored; i < size; i += BATCH) {
        await ProposalModel.collection.insertMany(synthetic(base, i, Math.min(size, i + BATCH)) as never[], { ordered: false });
      }
      stored = size;
      const core = createCoreServices({ clock: { now: () => NOW } });
      await core.view.current();
      global.gc?.();
      // Each past summary reads every document once: a few runs at 10,000 take minutes on FerretDB.
      const runs = size > 1_000 ? 1 : 3;
      const current = await timeEach(3, () => buildWeeklySummary(core, config, CURRENT_WEEK, NOW));
      const { result: past, heapMiB, rssMiB } = await withPeakMemory(() => timeEach(runs, () => buildWeeklySummary(core, config, PAST_WEEK, NOW)));
      const month = await timeEach(runs, () => buildMonthlySummary(core, config, PAST_MONTH, NOW));
      // The database's share: the same documents streamed and nothing else done with them.
      const read = await timeEach(runs, async () => {
        for await (const _ of core.proposals.stream()) void _;
      });
      const ratio = percentile(past, 50) / percentile(current, 50);
      console.log(
        `past-period summaries, ${String(size).padStart(6)} proposals (${events.toFixed(1)} audit events each):` +
          ` weekly ${PAST_WEEK} ${fmt(percentile(past, 50))}, monthly ${PAST_MONTH} ${fmt(percentile(month, 50))};` +
          ` of which reading the documents ${fmt(percentile(read, 50))};` +
          ` week in progress (view only) ${fmt(percentile(current, 50))}, ratio ${ratio.toFixed(1)}x;` +
          ` peak heap ${heapMiB.toFixed(1)} MiB rss ${rssMiB.toFixed(1)} MiB`,
      );
    }
  } finally {
    await cleanup();
  }
}
