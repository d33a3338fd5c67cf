/** `report <file.docx|file.md> [--year | --from --to] [--kind]`: drafts the year's work report from the ledger. */
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { toLocalDate } from '../../domain/shanghai-time.js';
import { workReportDocx } from '../../documents/work-report.docx.js';
import { workReportMarkdown } from '../../documents/work-report.render.js';
import { draftWorkReport, readReportPeriod, yearPeriod } from '../../documents/work-report.service.js';
import { texts } from '../cli.texts.js';
import { CLI_ACTOR, UsageError, kindOption, type CliCommand } from '../command.js';

export const reportCommand: CliCommand = {
  name: 'report',
  options: { year: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, kind: { type: 'string' } },
  async run({ positionals, values }, { io, withCore }) {
    const [file, extra] = positionals;
    if (file === undefined) throw new UsageError('report', texts.missingArgument(texts.fileArgument));
    if (extra !== undefined) throw new UsageError('report', texts.extraArgument(extra));
    const format = extname(file).toLowerCase();
    if (format !== '.docx' && format !== '.md') throw new UsageError('report', texts.reportExtension(file));
    const { year, from, to } = values as Record<string, string | undefined>;
    const kind = kindOption('report', values.kind as string | undefined);
    if (year !== undefined && (from !== undefined || to !== undefined)) throw new UsageError('report', texts.reportPeriodBoth);
    if ((from === undefined) !== (to === undefined)) throw new UsageError('report', texts.reportPeriodHalf);
    // Checked before the database opens, so a typo costs nothing.
    const given = year ?? (from !== undefined ? `${from} ${to}` : undefined);
    const checked = given === undefined ? undefined : readReportPeriod(given);
    if (checked && 'error' in checked) throw new UsageError('report', checked.error);

    return withCore(async (core) => {
      const period = checked ?? yearPeriod(Number(toLocalDate(core.clock.now()).slice(0, 4)));
      const { report, document } = await draftWorkReport(core, CLI_ACTOR, { ...period, ...(kind && { kind }) });
      await writeFile(file, format === '.md' ? workReportMarkdown(document) : await workReportDocx(document));
      io.out(texts.reported(file, report.metrics.total));
      return 0;
    });
  },
};
