/**
 * Runs the admin CLI in-process on the given core services and captures what it prints.
 * `database: false` fails the test if the command opens the database (bad usage must be
 * answered before that).
 */
import { expect } from 'vitest';
import type { CoreServices } from '../../src/domain/services.js';
import { runCli } from '../../src/cli/run.js';
import type { JobRunStore } from '../../src/domain/job-run.port.js';
import { createJobRunStore } from '../../src/store/job-run.repository.js';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** `stores`: the job runs the CLI lists; default the test database's. */
export function cliRunner(core: () => CoreServices, stores: () => { jobRuns: JobRunStore } = () => ({ jobRuns: createJobRunStore() })) {
  return async (args: string[], { database = true } = {}): Promise<CliResult> => {
    const out: string[] = [];
    const err: string[] = [];
    let opened = false;
    const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) }, async () => {
      opened = true;
      return { core: core(), stores: stores(), close: async () => {} };
    });
    if (!database) expect(opened, 'opened the database').toBe(false);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
}
