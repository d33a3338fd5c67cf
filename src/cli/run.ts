/**
 * The admin command line: parses arguments (node:util parseArgs), runs one command and returns
 * the exit code (0 done, 1 refused or failed). Bad usage is answered with what was wrong, the
 * command's usage and an example, before any database is opened.
 */
import { parseArgs } from 'node:util';
import { DirectoryConfigError } from '../config/directory.config.js';
import { isDomainError } from '../domain/errors.js';
import { refusalText } from '../present/refusals.js';
import { LedgerFileError } from '../ledger-io/table-readers.js';
import { texts, USAGE, type CliCommandName } from './cli.texts.js';
import { UsageError, type CliCommand, type CliIo, type CommandContext, type OpenCore, type ParsedArgs } from './command.js';
import { directoryCommand } from './commands/directory.command.js';
import { exportCommand } from './commands/export.command.js';
import { importCommand } from './commands/import.command.js';
import { jobsCommand } from './commands/jobs.command.js';
import { reportCommand } from './commands/report.command.js';
import { showCommand } from './commands/show.command.js';

const COMMANDS: Record<Exclude<CliCommandName, 'help'>, CliCommand> = {
  directory: directoryCommand,
  import: importCommand,
  export: exportCommand,
  show: showCommand,
  jobs: jobsCommand,
  report: reportCommand,
};

/** parseArgs' English errors, in Chinese. */
function usageMessage(error: unknown): string | undefined {
  const code = (error as { code?: string }).code;
  const quoted = /'([^']+)'/.exec((error as Error).message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return texts.unknownOption(quoted);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return texts.missingValue(quoted.split(' ')[0]!);
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return texts.extraArgument(quoted);
  return undefined;
}

export type { CliIo, OpenCore };

/** `openCore` opens the database only when the command needs it (src/main/cli.ts passes the real one). */
export async function runCli(argv: readonly string[], io: CliIo, openCore: OpenCore): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const topic = rest[0] as CliCommandName | undefined;
    io.out(topic && topic in USAGE ? `${USAGE[topic].about}\n${texts.usageLine(topic)}` : texts.help());
    return 0;
  }
  const command = COMMANDS[name as keyof typeof COMMANDS];
  if (!command) {
    io.err(`${texts.unknownCommand(name)}\n\n${texts.help()}`);
    return 1;
  }

  let opened: Awaited<ReturnType<OpenCore>> | undefined;
  const ctx: CommandContext = {
    io,
    async withCore(fn) {
      opened ??= await openCore();
      return fn(opened.core, opened.stores);
    },
  };
  try {
    let parsed: ParsedArgs;
    try {
      parsed = parseArgs({ args: [...rest], options: command.options, allowPositionals: true, strict: true }) as ParsedArgs;
    } catch (e) {
      const message = usageMessage(e);
      if (message === undefined) throw e;
      throw new UsageError(command.name, message);
    }
    return await command.run(parsed, ctx);
  } catch (e) {
    if (e instanceof UsageError) io.err(`${e.message}\n${texts.usageLine(e.command)}`);
    else if (isDomainError(e)) io.err(refusalText(e.refusal));
    else if (e instanceof DirectoryConfigError || e instanceof LedgerFileError) io.err(e.message);
    else io.err(texts.failed(e instanceof Error ? e.message : String(e)));
    return 1;
  } finally {
    await opened?.close();
  }
}
