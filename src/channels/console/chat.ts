/**
 * `npm run chat -- --as <userid>`: talk to 提案通 in a terminal as that person.
 * Opens the database exactly as main.ts does, then hands the terminal to runConsoleChat.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openDatabase } from '../../app.js';
import { loadEnv } from '../../config/env.js';
import { createLogger } from '../../ops/logger.js';
import type { MessageHandler } from '../contract.js';
import { runConsoleChat } from './console-chat.js';

const USAGE = '用法：npm run chat -- --as <userid>，例如：npm run chat -- --as zhangsan';

/** Until the conversation layer is wired here, the chat says so instead of pretending. */
const notWiredYet: MessageHandler = {
  async handle(_message, reply) {
    await reply({ type: 'text', text: '对话层尚未接入终端。' });
  },
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { as: { type: 'string' } }, strict: true });
  const userid = z.string().regex(/^[A-Za-z0-9_.@-]{1,64}$/).safeParse(values.as);
  if (!userid.success) throw new Error(USAGE);
  const env = loadEnv();
  // Logs go to stderr at warn level so they do not interleave with the conversation.
  const log = createLogger({ level: 'warn', destination: process.stderr });
  const db = await openDatabase(env, log);
  try {
    await runConsoleChat({ handler: notWiredYet, userid: userid.data, input: process.stdin, output: process.stdout });
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
