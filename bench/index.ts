/**
 * `npm run bench`: runs every bench against one database server and prints their figures.
 * Figures are compared with baselines measured in the same run; nothing here asserts.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startBenchDb } from './support.js';

const BENCHES = ['ledger', 'channels', 'summary', 'load'];

const db = await startBenchDb();
console.log(`bench database: ${db.kind} at ${db.uri}; node ${process.version}`);
const only = process.argv.slice(2);
try {
  for (const name of BENCHES) {
    if (only.length && !only.includes(name)) continue;
    const file = fileURLToPath(new URL(`./${name}.bench.ts`, import.meta.url));
    if (!existsSync(file)) continue;
    console.log(`\n## ${name}`);
    const mod = (await import(file)) as { run(uri: string): Promise<void> };
    await mod.run(db.uri);
  }
} finally {
  await db.stop();
}
