/**
 * `jobs preview weekly|monthly|digest …` shows a summary or digest exactly as it would be sent,
 * for any period, without sending or recording anything; `jobs runs` lists the scheduled runs.
 */
import { loadSchedulesConfig, minutesOf, type SchedulesConfig } from '../../config/schedules.config.js';
import { formatLocal, isLocalDate, startOfLocalDay } from '../../domain/shanghai-time.js';
import { parseMonth, parseWeek } from '../../domain/summary-period.js';
import { buildDigests } from '../../jobs/digest.job.js';
import { jobsTexts as t } from '../../jobs/jobs.texts.js';
import { buildMonthlySummary } from '../../jobs/monthly-summary.job.js';
import type { SummaryDeps } from '../../jobs/summary.queries.js';
import { buildWeeklySummary } from '../../jobs/weekly-summary.job.js';
import { texts } from '../cli.texts.js';
import { UsageError, type CliCommand, type CliIo } from '../command.js';

const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v.trim() : undefined);

function printParts(io: CliIo, title: string, parts: string[]): void {
  io.out(t.previewHeader(title));
  for (const [i, part] of parts.entries()) {
    if (parts.length > 1) io.out(t.partHeader(i + 1, parts.length));
    io.out(part);
  }
}

interface SummaryPreview {
  example: string;
  valid(period: string): boolean;
  bad(period: string): string;
  build(core: SummaryDeps, config: SchedulesConfig, period: string, asOf: Date): Promise<{ parts: string[] }>;
}

/** The two summaries preview alike: a period, checked, then built from the ledger as it stood at the period's close. */
const SUMMARIES: Record<'weekly' | 'monthly', SummaryPreview> = {
  weekly: { example: '2026-W48', valid: (p: string) => parseWeek(p) !== undefined, bad: t.badWeek, build: buildWeeklySummary },
  monthly: { example: '2026-11', valid: (p: string) => parseMonth(p) !== undefined, bad: t.badMonth, build: buildMonthlySummary },
};

export const jobsCommand: CliCommand = {
  name: 'jobs',
  options: {
    period: { type: 'string' },
    date: { type: 'string' },
    as: { type: 'string' },
    job: { type: 'string' },
    limit: { type: 'string' },
  },
  async run({ positionals, values }, { io, withCore }) {
    const [sub, kind, extra] = positionals;
    if (sub === 'runs') {
      if (kind !== undefined) throw new UsageError('jobs', texts.extraArgument(kind));
      const limit = str(values.limit) ?? '50';
      if (!/^\d+$/.test(limit) || Number(limit) < 1 || Number(limit) > 500) throw new UsageError('jobs', t.badLimit(limit));
      const runs = await withCore((_, { jobRuns }) => jobRuns.list({ job: str(values.job), limit: Number(limit) }));
      if (runs.length === 0) io.out(t.noRuns);
      else {
        io.out(t.runsHeader);
        for (const r of runs) {
          const cells = [
            r.job,
            r.period,
            t.runStatus[r.status] ?? r.status,
            r.attempts,
            formatLocal(r.startedAt),
            r.finishedAt ? formatLocal(r.finishedAt) : '',
            r.enqueued,
            r.alreadyQueued,
            r.error ?? '',
          ];
          io.out(cells.join('\t'));
        }
      }
      return 0;
    }
    if (sub !== 'preview') throw new UsageError('jobs', t.subcommand(sub));
    if (extra !== undefined) throw new UsageError('jobs', texts.extraArgument(extra));
    const config = loadSchedulesConfig();
    const summary = kind === 'weekly' || kind === 'monthly' ? SUMMARIES[kind] : undefined;
    if (summary) {
      const period = str(values.period);
      if (!period) throw new UsageError('jobs', t.needPeriod(`--period ${summary.example}`));
      if (!summary.valid(period)) throw new UsageError('jobs', summary.bad(period));
      const { parts } = await withCore((core) => summary.build(core, config, period, core.clock.now()));
      printParts(io, period, parts);
      return 0;
    }
    if (kind === 'digest') {
      const date = str(values.date);
      if (!date) throw new UsageError('jobs', t.needDate);
      if (!isLocalDate(date)) throw new UsageError('jobs', t.badDate(date));
      const who = str(values.as);
      // As it would read when sent that day at the configured time.
      const at = new Date(startOfLocalDay(date).getTime() + minutesOf(config.digest.at) * 60_000);
      const digests = await withCore(async (core) => (core.calendar.isWorkday(date) ? buildDigests(core, config, at, who) : undefined));
      if (digests === undefined) {
        io.out(t.notWorkday(date));
        return 0;
      }
      if (digests.length === 0) io.out(t.noDigest(date, who));
      for (const d of digests) {
        io.out(t.previewHeader(t.digestFor(d.name, d.userid)));
        io.out(d.markdown);
      }
      return 0;
    }
    throw new UsageError('jobs', t.previewKind(kind));
  },
};
