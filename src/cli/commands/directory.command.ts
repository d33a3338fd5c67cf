/** `directory load [file]`: makes the stored directory match the directory file. */
import { existsSync } from 'node:fs';
import { DIRECTORY_FILES, loadDirectoryFile } from '../../config/directory.config.js';
import { texts } from '../cli.texts.js';
import { UsageError, type CliCommand } from '../command.js';

/** The file named, else the first of DIRECTORY_FILES that exists. */
export function resolveDirectoryFile(given?: string): string | undefined {
  return given ?? DIRECTORY_FILES.find((f) => existsSync(f));
}

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
    const report = await withCore((core) => core.directory.sync(directory));
    io.out(texts.directoryLoaded(file, report));
    return 0;
  },
};
