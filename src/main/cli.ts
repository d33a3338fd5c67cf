/**
 * `npm run cli -- <command>`: the admin command line. See src/cli/run.ts, or `npm run cli -- help`.
 */
import { runCli, type OpenCore } from '../cli/run.js';
import { loadEnv } from '../config/env.js';
import { createLogger } from '../shared/logger.js';
import { createJobRunStore } from '../store/job-run.repository.js';
import { createLedgerStore } from '../store/ledger-store.js';
import { createCoreServices, openDatabase } from './core.js';

/** Like `npm start`: MONGODB_URI, or the embedded database under DATA_DIR. */
const openCoreFromEnv: OpenCore = async () => {
  const env = loadEnv();
  const db = await openDatabase(env, createLogger({ level: 'warn' }));
  const store = createLedgerStore();
  const close = async () => {
    await store.proposals.materializer.stop();
    await db.close();
  };
  return { core: createCoreServices({ store }), stores: { jobRuns: createJobRunStore() }, close };
};

const code = await runCli(
  process.argv.slice(2),
  {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  },
  openCoreFromEnv,
);
process.exitCode = code;
