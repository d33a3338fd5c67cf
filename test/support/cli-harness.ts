/**
 * Runs the admin CLI in-process on the given core services and captures what it prints.
 * `database: false` fails the test if the command opens the database (bad usage must be
 * answered before that).
 */
import { expect } from 'vitest';
import type { CoreServices } from '../../src/domain/services.js';
import { runCli } from '../../src/cli/run.js';
import { createJobRunStore } from '../../src/store/job-run.repository.js';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export function cliRunner(core: () => CoreServices) {
  return async (args: string[], { database = true } = {}): Promise<CliResult> => {
    const out: string[] = [];
    const err: string[] = [];
    let opened = false;
    const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) }, async () => {
      opened = true;
      return { core: core(), stores: { jobRuns: createJobRunStore() }, close: async () => {} };
    });
    if (!database) expect(opened, 'opened the database').toBe(false);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
}
