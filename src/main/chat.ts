/**
 * `npm run chat -- --as <userid>`: talk to 提案通 in a terminal as that person.
 * Opens the database exactly as `npm start` does, then hands the terminal to runConsoleChat with
 * the same conversation layer the WeCom channels use.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createCoreServices, openDatabase } from './core.js';
import { createConversation } from '../conversation/index.js';
import { createOutbox } from '../outbox/outbox.js';
import { createDialogRows } from '../store/dialog.repository.js';
import { createEvidenceStore } from '../store/evidence.store.js';
import { createLedgerStore } from '../store/ledger-store.js';
import { createOutboxStore } from '../store/outbox.repository.js';
import { loadEnv } from '../config/env.js';
import { createLogger } from '../shared/logger.js';
import { runConsoleChat } from '../channels/console/console-chat.js';

const USAGE = '用法：npm run chat -- --as <userid>，例如：npm run chat -- --as zhangsan';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { as: { type: 'string' } }, strict: true });
  const userid = z
    .string()
    .regex(/^[A-Za-z0-9_.@-]{1,64}$/)
    .safeParse(values.as);
  if (!userid.success) throw new Error(USAGE);
  const env = loadEnv();
  // Logs go to stderr at warn level so they do not interleave with the conversation.
  const log = createLogger({ level: 'warn', destination: process.stderr });
  const db = await openDatabase(env, log);
  const store = createLedgerStore();
  try {
    // Pushes to others are queued in the outbox; a running service delivers them.
    const outbox = createOutbox({ store: createOutboxStore() });
    const dialogs = createDialogRows();
    const core = createCoreServices({ outbox, dialogs, store });
    const handler = createConversation({ core, log, outbox, dialogs, evidence: createEvidenceStore() });
    await runConsoleChat({ handler, userid: userid.data, input: process.stdin, output: process.stdout });
  } finally {
    await store.proposals.materializer.stop();
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
