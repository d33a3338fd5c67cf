/**
 * The ledger view on each embedded engine (FerretDB on SQLite and on PostgreSQL), side by side,
 * at 1,000, 10,000 and 100,000 proposals (BENCH_VIEW_SIZES=1000,10000 leaves out the slow last):
 *   - start-up of the real service as the image runs it (compiled, `node dist/main/main.js`, built
 *     here into a temporary directory), loading the view, and its RSS once loaded;
 *   - time to first byte of /board, /ledger and /metrics (targets at 10k: 200 / 300 / 300 ms);
 *   - a chat command handled to its reply (查, 推进, 沟通 through the simulator; target p99 500 ms);
 *   - the weekly summary built from a loaded view (target 1 s at 10k, 5 s at 100k);
 *   - the baseline: one bare `$group` count over the same documents on the same engine.
 * Proposals are the source-shaped 151 repeated with fresh ids and numbers, audit trails included,
 * inserted in big batches straight into the collection with their first revisions before the
 * service starts (as an import would leave them); the cases the chat commands touch are spread
 * over the whole ledger. Starts its own two servers; prints, asserts nothing.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createCoreServices } from '../src/main/core.js';
import type { FerretdbBackend } from '../src/config/env.js';
import { loadSchedulesConfig } from '../src/config/schedules.config.js';
import type { Proposal } from '../src/domain/model.js';
import { buildWeeklySummary } from '../src/jobs/weekly-summary.job.js';
import { createLogger } from '../src/shared/logger.js';
import { connectDb, disconnectDb, ensureIndexes } from '../src/store/db.js';
import { ferretdbCachePath, startEmbeddedDb } from '../src/store/embedded-db.js';
import { ProposalModel } from '../src/store/models/proposal.model.js';
import { ProposalRevisionModel } from '../src/store/models/proposal-revision.model.js';
import { createSessionKeeper, SESSION_COOKIE } from '../src/web/session.js';
import { sourceShapedLedger } from '../test/fixtures/source-ledger.fixture.js';
import { percentile, timeEach } from './support.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SIZES = (process.env.BENCH_VIEW_SIZES ?? '1000,10000,100000').split(',').map(Number);
const ENGINES: FerretdbBackend[] = ['sqlite', 'postgresql'];
const BATCH = 2_000;
const SECRET = 'bench-session-secret-0123456789abcdef';
/** Inside the source ledger's year, so some items are overdue and the summary's lists are full. */
const AS_OF = new Date('2026-11-30T00:30:00Z');
/** Lead proposals 100–105 of each 151 are in 沟通 with their 办前沟通 logged: 推进 moves them on. */
const ADVANCEABLE = [100, 101, 102, 103, 104, 105];
const CHAT_ROUNDS = 12;
const PAGE_ROUNDS = 5;

type Figures = Map<string, string>;

const numberOf = (i: number): string => `S${String(i + 1).padStart(6, '0')}`;

function synthetic(base: Proposal[], from: number, to: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let i = from; i < to; i++) {
    const { id: _id, ...rest } = base[i % base.length]!;
    out.push({ ...rest, _id: randomUUID(), number: numberOf(i) });
  }
  return out;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

interface Service {
  child: ChildProcess;
  url: string;
  startMs: number;
  viewLoadMs: number;
}

/**
 * The service compiled as the Dockerfile builds it (tsc, then the console's assets beside the
 * router): its memory is what a deployment sees, without the TypeScript loader `npm start` adds.
 */
function buildService(): string {
  // Inside the project (.cache/ is ignored), so the compiled files find node_modules.
  mkdirSync(join(ROOT, '.cache'), { recursive: true });
  const out = mkdtempSync(join(ROOT, '.cache', 'bench-dist-'));
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', out], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (tsc.status !== 0) throw new Error('tsc failed');
  cpSync(join(ROOT, 'src/web/assets'), join(out, 'web/assets'), { recursive: true });
  process.once('exit', () => rmSync(out, { recursive: true, force: true }));
  return join(out, 'main/main.js');
}

/** The compiled service (`main`) on `uri`; resolves once it takes requests. */
async function startService(main: string, uri: string, dataDir: string): Promise<Service> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MONGODB_URI: uri,
      PORT: String(port),
      OPS_PORT: '0',
      ROLES: 'web',
      LOG_LEVEL: 'info',
      SESSION_SECRET: SECRET,
      DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Not left running if this bench fails.
  process.once('exit', () => child.kill('SIGKILL'));
  let viewLoadMs = NaN;
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`service exited (${code})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const l = JSON.parse(line) as { message?: string; ms?: number };
      if (l.message === 'ledger view loaded') viewLoadMs = l.ms ?? NaN;
      if (l.message?.startsWith('提案通已启动')) resolve();
    });
  });
  return { child, url: `http://127.0.0.1:${port}`, startMs: performance.now() - t0, viewLoadMs };
}

const rssMiB = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

const ms = (x: number): string => `${Math.round(x)} ms`;

/** Progress on stderr, so a long run shows where it is. */
const step = (engine: string, size: number, what: string): void => void process.stderr.write(`  [${engine} ${size}] ${what}\n`);

async function measureEngine(engine: FerretdbBackend, figures: Map<number, Figures>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), `tiantong-bench-${engine}-`));
  const db = await startEmbeddedDb({ dataDir, log: createLogger({ level: 'warn' }), ferretdbPath: ferretdbCachePath(), ferretdbBackend: engine });
  const uri = db.uri.replace(/\/tiantong$/, '/bench_view');
  const base = sourceShapedLedger();
  const config = loadSchedulesConfig();
  const { cookie, session } = createSessionKeeper(Buffer.from(SECRET)).issue('hefang', false, Date.now());
  const headers = { cookie: `${SESSION_COOKIE}=${cookie}` };
  const main = buildService();
  let stored = 0;
  // One connection for the whole run: mongoose does not come back from a disconnect in this process.
  await connectDb(uri, { log: createLogger({ level: 'warn' }) });
  await ensureIndexes();
  try {
    for (const size of SIZES) {
      const f: Figures = figures.get(size) ?? new Map();
      figures.set(size, f);
      step(engine, size, 'seeding');
      const t0 = performance.now();
      for (let i = stored; i < size; i += BATCH) {
        const docs = synthetic(base, i, Math.min(size, i + BATCH));
        await ProposalModel.collection.insertMany(docs as never[], { ordered: false });
        // Each case's first version, as an import writes it: the version history is as big as the ledger.
        const revisions = docs.map((d) => ({ _id: `${String(d._id)}@${Number(d.version)}`, proposalId: d._id, version: d.version, at: AS_OF, doc: d }));
        await ProposalRevisionModel.collection.insertMany(revisions as never[], { ordered: false });
      }
      stored = size;
      const insertS = (performance.now() - t0) / 1000;
      const floor = await timeEach(1, () => ProposalModel.collection.aggregate([{ $group: { _id: null, n: { $sum: 1 } } }]).toArray());
      step(engine, size, 'weekly summary');
      // The weekly summary, in this process, from a view it loads as a service does at start.
      const core = createCoreServices({ clock: { now: () => AS_OF } });
      await core.view.current();
      const weekly = await timeEach(3, () => buildWeeklySummary(core, config, '2026-W48', AS_OF));

      step(engine, size, 'starting the service');
      const svc = await startService(main, uri, dataDir);
      try {
        f.set('seed (insertMany)', `${insertS.toFixed(1)} s`);
        f.set('bare $group count', ms(percentile(floor, 50)));
        f.set('start-up (view load)', `${ms(svc.startMs)} (${ms(svc.viewLoadMs)})`);
        f.set('RSS, view loaded', `${rssMiB(svc.child.pid!).toFixed(0)} MiB`);
        for (const [page, target] of [
          ['/board', 200],
          ['/ledger', 300],
          ['/metrics', 300],
        ] as const) {
          await fetch(`${svc.url}${page}`, { headers }).then((r) => r.text()); // warm
          const t: number[] = [];
          for (let i = 0; i < PAGE_ROUNDS; i++) {
            const sent = performance.now();
            const r = await fetch(`${svc.url}${page}`, { headers }); // resolves at the response's head
            t.push(performance.now() - sent);
            await r.text();
          }
          t.sort((a, b) => a - b);
          f.set(`${page} first byte p50/max (≤${target})`, `${ms(percentile(t, 50))} / ${ms(percentile(t, 100))}`);
        }
        step(engine, size, 'chat commands');
        const say = (text: string) =>
          fetch(`${svc.url}/sim/message`, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': session.csrf },
            body: JSON.stringify({ as: 'hefang', text }),
          }).then(async (r) => {
            if (r.status !== 200) throw new Error(`sim ${r.status}: ${await r.text()}`);
            return r.json();
          });
        // Spread over the whole ledger: FerretDB finds a document by scanning, so its place matters.
        const blocks = Math.floor(size / 151);
        const candidates = Array.from({ length: CHAT_ROUNDS }, (_, k) =>
          numberOf(151 * Math.floor((k * (blocks - 1)) / (CHAT_ROUNDS - 1)) + ADVANCEABLE[k % ADVANCEABLE.length]!),
        );
        for (const [word, text] of [
          ['查', (n: string) => `查 ${n}`],
          ['推进', (n: string) => `推进 ${n}`],
          ['沟通', (n: string) => `沟通 ${n} 办中 电话 通报办理进展`],
        ] as const) {
          const t = await timeEach(CHAT_ROUNDS, (k) => say(text(candidates[k]!)));
          f.set(`${word} → reply p50/p99 (≤500)`, `${ms(percentile(t, 50))} / ${ms(percentile(t, 99))}`);
        }
        f.set('weekly summary p50 (≤1000 at 10k)', ms(percentile(weekly, 50)));
      } finally {
        const exited = new Promise((r) => svc.child.once('exit', r));
        svc.child.kill('SIGTERM');
        await exited;
      }
    }
  } finally {
    await disconnectDb();
    await db.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One engine per process: mongoose keeps one connection per process, and each engine is a server of its own. */
function measureInChild(engine: FerretdbBackend): Map<number, Figures> {
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./index.ts', import.meta.url))], {
    env: { ...process.env, TIANTONG_BENCH_CHILD: 'view', BENCH_VIEW_ENGINE: engine },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith(FIGURES));
  if (!line) {
    console.log(`${engine}: not measured (exit ${child.status})`);
    return new Map();
  }
  const sizes = JSON.parse(line.slice(FIGURES.length)) as [number, [string, string][]][];
  return new Map(sizes.map(([size, rows]) => [size, new Map(rows)]));
}

const FIGURES = 'FIGURES ';

export async function run(): Promise<void> {
  const only = process.env.BENCH_VIEW_ENGINE as FerretdbBackend | undefined;
  if (only) {
    const figures = new Map<number, Figures>();
    try {
      await measureEngine(only, figures);
    } finally {
      console.log(FIGURES + JSON.stringify([...figures].map(([size, f]) => [size, [...f]])));
    }
    return;
  }
  const byEngine = new Map(ENGINES.map((engine) => [engine, measureInChild(engine)] as const));
  for (const size of SIZES) {
    console.log(`\n${size.toLocaleString('en')} proposals      ${ENGINES.map((e) => `FerretDB on ${e}`.padEnd(28)).join('')}`);
    const rows = [...new Set(ENGINES.flatMap((e) => [...(byEngine.get(e)?.get(size)?.keys() ?? [])]))];
    for (const row of rows) console.log(`  ${row.padEnd(38)}${ENGINES.map((e) => (byEngine.get(e)?.get(size)?.get(row) ?? '-').padEnd(28)).join('')}`);
  }
}
