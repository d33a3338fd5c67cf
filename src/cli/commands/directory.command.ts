/** `directory load [file]`: makes the stored directory match the directory file. */
import { DIRECTORY_FILES, loadDirectoryFile, resolveDirectoryFile } from '../../config/directory.config.js';
import { applyDirectory } from '../../ledger-io/directory-load.js';
import { texts } from '../cli.texts.js';
import { UsageError, type CliCommand } from '../command.js';

export const directoryCommand: CliCommand = {
  name: 'directory',
  options: {},
  async run({ positionals }, { io, withCore }) {
    const [sub, given, extra] = positionals;
    if (sub !== 'load') throw new UsageError('directory', texts.directorySubcommand(sub));
    if (extra !== undefined) throw new UsageError('directory', texts.extraArgument(extra));
    const file = resolveDirectoryFile(given);
    if (!file) throw new UsageError('directory', texts.noDirectoryFile(DIRECTORY_FILES));
    const directory = await loadDirectoryFile(file);
    const { sync, links } = await withCore((core) => applyDirectory(core, directory, 'cli'));
    io.out(texts.directoryLoaded(file, sync));
    io.out(texts.membersLinked(links));
    return 0;
  },
};
