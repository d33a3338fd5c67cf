/** `export <file.xlsx|file.csv> [--session] [--kind]`: writes the ledger. */
import { extname } from 'node:path';
import { loadDirectoryFile, resolveDirectoryFile } from '../../config/directory.config.js';
import { loadNames } from '../../domain/names.js';
import { buildLedgerRows } from '../../ledger-io/ledger-rows.js';
import { writeLedgerFile } from '../../ledger-io/ledger-writers.js';
import { texts } from '../cli.texts.js';
import { UsageError, kindOption, type CliCommand } from '../command.js';

export const exportCommand: CliCommand = {
  name: 'export',
  options: { session: { type: 'string' }, kind: { type: 'string' } },
  async run({ positionals, values }, { io, withCore }) {
    const [file, extra] = positionals;
    if (file === undefined) throw new UsageError('export', texts.missingArgument(texts.fileArgument));
    if (extra !== undefined) throw new UsageError('export', texts.extraArgument(extra));
    if (!['.xlsx', '.csv'].includes(extname(file).toLowerCase())) throw new UsageError('export', texts.exportExtension(file));
    // The bureau's name (主办单位 of what it leads) lives only in the directory file.
    const directoryFile = resolveDirectoryFile();
    const bureau = directoryFile ? (await loadDirectoryFile(directoryFile)).bureau : '';
    const session = values.session as string | undefined;
    const kind = kindOption('export', values.kind as string | undefined);

    return withCore(async (core) => {
      const proposals = await core.proposals.find({ ...(session && { session }), ...(kind && { kind }) }, { sort: 'number' });
      const sheet = buildLedgerRows(proposals, {
        bureau,
        names: await loadNames(core),
        asOf: { now: core.clock.now(), deadlines: core.ledgerConfig.deadlines, calendar: core.calendar },
      });
      await writeLedgerFile(file, sheet);
      io.out(texts.exported(file, proposals.length));
      return 0;
    });
  },
};
