/**
 * Year's work report (工作报告) drafting for a year of 1,000 cases: reading the cases in full,
 * computing the figures, composing the template and writing Word and Markdown. Target ≤ 3 s.
 * Baseline: reading the same 1,000 documents in full with one bare `find`, in the same run.
 * Prints; asserts nothing.
 *
 * Synthetic cases are the source-shaped 151 repeated with fresh ids and numbers (contacts,
 * replies, measures and ratings included), inserted in bulk straight into the collection.
 */
import { randomUUID } from 'node:crypto';
import { createCoreServices } from '../src/main/core.js';
import { workReportDocx } from '../src/documents/work-report.docx.js';
import { workReportMarkdown } from '../src/documents/work-report.render.js';
import { draftWorkReport, yearPeriod } from '../src/documents/work-report.service.js';
import { buildWorkReport } from '../src/domain/report/work-report.js';
import type { Actor, Proposal } from '../src/domain/model.js';
import { MongoDirectoryRepository } from '../src/store/directory.repository.js';
import { ProposalModel } from '../src/store/models/proposal.model.js';
import { divisions, people, policy } from '../test/fixtures/ledger.fixture.js';
import { sourceShapedLedger } from '../test/fixtures/source-ledger.fixture.js';
import { fmt, percentile, timeEach, useBenchDatabase, withPeakMemory } from './support.js';

const SIZE = 1_000;
const AS_OF = new Date('2026-12-01T00:00:00Z');
const COORDINATOR: Actor = { userid: 'bench', name: '基准', roles: ['coordinator'] };

function synthetic(base: Proposal[]): Proposal[] {
  return Array.from({ length: SIZE }, (_, i) => ({ ...base[i % base.length]!, id: randomUUID(), number: `R${String(i + 1).padStart(5, '0')}` }));
}

export async function run(uri: string): Promise<void> {
  const cleanup = await useBenchDatabase(uri, 'report');
  try {
    await new MongoDirectoryRepository().sync({ divisions, people: Object.values(people) });
    const cases = synthetic(sourceShapedLedger());
    await ProposalModel.collection.insertMany(cases.map(({ id, ...rest }) => ({ ...rest, _id: id })) as never[]);
    const core = createCoreServices({ clock: { now: () => AS_OF } });
    await core.view.current();
    const period = yearPeriod(2026);

    const pure = await timeEach(5, async () => buildWorkReport(cases, { ...period, asOf: AS_OF }, policy.metrics));
    global.gc?.();
    const {
      result: whole,
      heapMiB,
      rssMiB,
    } = await withPeakMemory(() =>
      timeEach(3, async () => {
        const { document } = await draftWorkReport(core, COORDINATOR, period);
        await workReportDocx(document);
        workReportMarkdown(document);
      }),
    );
    const read = await timeEach(3, () => ProposalModel.collection.find({}).toArray());
    const { report, document } = await draftWorkReport(core, COORDINATOR, period);
    const bytes = (await workReportDocx(document)).length;
    console.log(
      `work report, ${SIZE} cases (${report.metrics.total} counted): draft + Word + Markdown ${fmt(percentile(whole, 50))} (target <= 3000 ms)` +
        `  figures alone ${fmt(percentile(pure, 50))}  bare find of all ${fmt(percentile(read, 50))} ratio ${(percentile(whole, 50) / percentile(read, 50)).toFixed(2)}x` +
        `  peak heap ${heapMiB.toFixed(1)} MiB rss ${rssMiB.toFixed(1)} MiB  docx ${(bytes / 1024).toFixed(0)} KiB`,
    );
  } finally {
    await cleanup();
  }
}
