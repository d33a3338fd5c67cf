/**
 * `npm run bench [name…]`: runs the benches against one database server and prints their figures.
 * Figures are compared with baselines measured in the same run; nothing here asserts.
 * Each bench runs in a process of its own: mongoose is a per-process singleton, and models a
 * previous bench compiled would otherwise act on a connection that bench already closed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startBenchDb } from './support.js';

const BENCHES = ['ledger', 'channels', 'summary', 'as-of', 'load', 'similar', 'view', 'report'];
const CHILD = process.env.TIANTONG_BENCH_CHILD;

if (CHILD) {
  const mod = (await import(fileURLToPath(new URL(`./${CHILD}.bench.ts`, import.meta.url)))) as { run(uri: string): Promise<void> };
  await mod.run(process.env.MONGODB_URI!);
  process.exit(0);
}

const db = await startBenchDb();
console.log(`bench database: ${db.kind} at ${db.uri}; node ${process.version}`);
const only = process.argv.slice(2);
let failed = 0;
try {
  for (const name of BENCHES) {
    if (only.length && !only.includes(name)) continue;
    if (!existsSync(fileURLToPath(new URL(`./${name}.bench.ts`, import.meta.url)))) continue;
    console.log(`\n## ${name}`);
    const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url)], {
      stdio: 'inherit',
      env: { ...process.env, MONGODB_URI: db.uri, TIANTONG_BENCH_CHILD: name },
    });
    if (child.status !== 0) failed++;
  }
} finally {
  await db.stop();
}
process.exit(failed ? 1 : 0);
