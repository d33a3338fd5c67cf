/**
 * `npm run cli -- <command>`: the admin command line. See run.ts, or `npm run cli -- help`.
 */
import { runCli } from './run.js';

const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
process.exitCode = code;
