/**
 * What every CLI command is: its options for parseArgs and a `run` that returns the exit code.
 */
import { readKind, type CaseKind } from '../domain/kind.js';
import { kindTexts } from '../present/kind.texts.js';
import type { ParseArgsConfig } from 'node:util';
import type { JobRunStore } from '../domain/job-run.port.js';
import type { CoreServices } from '../domain/services.js';
import type { Actor } from '../domain/model.js';
import type { CliCommandName } from './cli.texts.js';
import { AppError } from '../shared/app-error.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** What commands read beyond the ledger's services. */
export interface CliStores {
  jobRuns: Pick<JobRunStore, 'list'>;
}

/** The ledger's services the commands use: import, export and show, the job previews, the directory sync, the work report. */
export type CliCore = Pick<CoreServices, 'clock' | 'calendar' | 'ledgerConfig' | 'proposals' | 'directory' | 'view' | 'ledger'>;

/** Opens the database and the ledger services; the caller closes them. */
export type OpenCore = () => Promise<{ core: CliCore; stores: CliStores; close(): Promise<void> }>;

export interface CommandContext {
  io: CliIo;
  /** Runs `fn` with the database open (opened on first use; runCli closes it at the end). */
  withCore<T>(fn: (core: CliCore, stores: CliStores) => Promise<T>): Promise<T>;
}

export type ParsedArgs = { positionals: string[]; values: Record<string, string | boolean | undefined> };

export interface CliCommand {
  name: CliCommandName;
  options: NonNullable<ParseArgsConfig['options']>;
  run(args: ParsedArgs, ctx: CommandContext): Promise<number>;
}

/** Wrong usage of a command: shown with that command's usage and example. */
export class UsageError extends AppError {
  constructor(
    readonly command: CliCommandName,
    message: string,
  ) {
    super('cli.usage', message);
  }
}

/** Who the audit trail names when no --as is given: the administrator at the command line. */
export const CLI_ACTOR: Actor = { userid: 'cli', name: '命令行管理员', roles: ['coordinator'] };

/** `--kind 提案|建议` (or proposal/suggestion): one kind of case, or undefined for both. */
export function kindOption(command: CliCommandName, given: string | undefined): CaseKind | undefined {
  if (given === undefined) return undefined;
  const kind = readKind(given);
  if (!kind) throw new UsageError(command, kindTexts.badKind(given));
  return kind;
}
