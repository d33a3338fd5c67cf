/** `import <file> [--dry-run] [--session] [--kind] [--received] [--as]`: registers a proposal list. */
import { startOfLocalDay, toLocalDate } from '../../domain/shanghai-time.js';
import { formatImportReport, importProposalTable } from '../../ledger-io/ledger-import.js';
import { parseCalendarDate } from '../../ledger-io/proposal-table.parser.js';
import { readTableFile } from '../../ledger-io/table-readers.js';
import { texts } from '../cli.texts.js';
import { CLI_ACTOR, UsageError, kindOption, type CliCommand } from '../command.js';

export const importCommand: CliCommand = {
  name: 'import',
  options: {
    'dry-run': { type: 'boolean' },
    session: { type: 'string' },
    received: { type: 'string' },
    as: { type: 'string' },
    kind: { type: 'string' },
  },
  async run({ positionals, values }, { io, withCore }) {
    const [file, extra] = positionals;
    if (file === undefined) throw new UsageError('import', texts.missingArgument(texts.fileArgument));
    if (extra !== undefined) throw new UsageError('import', texts.extraArgument(extra));
    const receivedText = values.received as string | undefined;
    const received = receivedText === undefined ? undefined : parseCalendarDate(receivedText);
    if (received === null) throw new UsageError('import', texts.badReceived(receivedText!));
    const kind = kindOption('import', values.kind as string | undefined);
    const table = await readTableFile(file);

    return withCore(async (core) => {
      let actor = CLI_ACTOR;
      const as = values.as as string | undefined;
      if (as !== undefined) {
        const person = await core.directory.findPerson(as);
        if (!person?.active) throw new UsageError('import', texts.unknownActor(as));
        actor = { userid: person.userid, name: person.name, roles: person.roles, ...(person.divisionCode && { divisionCode: person.divisionCode }) };
      }
      const session = values.session as string | undefined;
      const report = await importProposalTable(
        table,
        { proposals: core.proposals, registrar: core.ledger },
        {
          receivedAt: startOfLocalDay(received ?? toLocalDate(core.clock.now())),
          ...(session && { session }),
          ...(kind && { kind }),
          members: await core.directory.listPeople({ role: 'member', activeOnly: true }),
          dryRun: values['dry-run'] === true,
          actor,
          channel: 'cli',
        },
      );
      if (report.errors.length > 0) {
        io.err(formatImportReport(report));
        return 1;
      }
      io.out(formatImportReport(report));
      return 0;
    });
  },
};
