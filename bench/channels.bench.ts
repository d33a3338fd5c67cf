/**
 * Channel throughput and latency, printed (never asserted):
 * - encrypted app callbacks acknowledged per second with durable de-duplication, p50/p99 ack
 *   latency, beside a bare koa handler measured in the same run (the ratio is what matters);
 * - AI-bot text → reply latency through the WeCom simulator and the real SDK.
 * Targets: ≥ 1000 callbacks/s, p99 ack < 50 ms.
 * Uses MONGODB_URI when set, else starts the embedded database in a temporary directory.
 */
import Koa from 'koa';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import type { MessageHandler } from '../src/channels/contract.js';
import { createInboundDedup } from '../src/channels/dedup.js';
import { startWecomBot } from '../src/channels/wecom-bot/bot.channel.js';
import { createLogger } from '../src/ops/logger.js';
import { connectDb, disconnectDb } from '../src/store/db.js';
import { ferretdbCachePath, startEmbeddedDb, type EmbeddedDb } from '../src/store/embedded-db.js';
import { InboundDedupModel } from '../src/store/models/inbound-dedup.model.js';
import { startAppHarness } from '../test/channels/app-harness.js';
import { echoHandler, eventually } from '../test/channels/echo-handler.js';
import { WecomBotSim } from '../test/wecom-sim/index.js';

const CALLBACKS = 3000;
const CONCURRENCY = 16;
const BOT_MESSAGES = 300;

const log = createLogger({ level: 'silent' });

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface LoadResult {
  perSec: number;
  p50: number;
  p99: number;
}

/** Sends `requests` with `CONCURRENCY` in flight; every response must be 200. */
async function load(requests: { url: string; body: string }[]): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests.length) {
        const r = requests[next++]!;
        const t = performance.now();
        const res = await fetch(r.url, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: r.body });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSec: requests.length / seconds, p50: pct(latencies, 50), p99: pct(latencies, 99) };
}

async function bareKoa(bodies: string[]): Promise<LoadResult> {
  const app = new Koa().use(async (ctx) => {
    for await (const _ of ctx.req) void _;
    ctx.body = '';
  });
  const server: Server = await new Promise((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wecom/callback`;
  try {
    return await load(bodies.map((body) => ({ url, body })));
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

/** The database's own unique-insert rate with the same concurrency: the ceiling for durable claims. */
async function rawInserts(): Promise<number> {
  const coll = mongoose.connection.db!.collection<{ _id: string }>('bench_raw_inserts');
  let n = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (n < CALLBACKS) await coll.insertOne({ _id: `raw${n++}` });
    }),
  );
  return CALLBACKS / ((performance.now() - start) / 1000);
}

async function callbacks(): Promise<{ bare: LoadResult; full: LoadResult; handled: number }> {
  let handled = 0;
  const noop: MessageHandler = { handle: async () => void handled++ };
  const h = await startAppHarness(noop);
  try {
    const sealed = Array.from({ length: CALLBACKS }, (_, i) => h.sender.seal(h.sender.textXml(`user${i % 50}`, `消息 ${i}`)));
    const bare = await bareKoa(sealed.map((s) => s.body));
    const full = await load(sealed.map((s) => ({ url: `${h.sender.o.url}?${s.query}`, body: s.body })));
    await eventually(() => handled === CALLBACKS, 30_000);
    return { bare, full, handled };
  } finally {
    await h.close();
  }
}

async function botLatency(): Promise<{ p50: number; p99: number }> {
  const sim = new WecomBotSim();
  await sim.start();
  const bot = startWecomBot({
    config: { botId: sim.botId, secret: sim.secret, wsUrl: sim.url },
    handler: echoHandler(),
    dedup: createInboundDedup(),
    log,
  });
  try {
    await eventually(() => bot.state().status === 'authenticated', 10_000);
    const latencies: number[] = [];
    for (let i = 0; i < BOT_MESSAGES; i++) {
      const t = performance.now();
      const { reqId } = sim.sendText(`user${i % 20}`, `问题 ${i}`);
      await sim.waitFor((f) => f.headers.req_id === reqId && f.cmd === 'aibot_respond_msg', 10_000);
      latencies.push(performance.now() - t);
    }
    latencies.sort((a, b) => a - b);
    return { p50: pct(latencies, 50), p99: pct(latencies, 99) };
  } finally {
    bot.stop();
    await sim.stop();
  }
}

async function withDatabase<T>(fn: () => Promise<T>): Promise<T> {
  if (mongoose.connection.readyState === 1) return fn();
  let embedded: EmbeddedDb | undefined;
  let dataDir: string | undefined;
  let uri = process.env.MONGODB_URI;
  if (!uri) {
    dataDir = mkdtempSync(join(tmpdir(), 'tiantong-bench-'));
    embedded = await startEmbeddedDb({ dataDir, log, ferretdbPath: ferretdbCachePath() });
    uri = embedded.uri;
  }
  await connectDb(uri, { log, dbName: `bench_channels_${Date.now()}` });
  await InboundDedupModel.init();
  try {
    return await fn();
  } finally {
    await mongoose.connection.db?.dropDatabase();
    await disconnectDb();
    await embedded?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

export async function run(): Promise<void> {
  await withDatabase(async () => {
    const inserts = await rawInserts();
    const { bare, full, handled } = await callbacks();
    console.log(`channels: app callbacks (${CALLBACKS}, ${CONCURRENCY} in flight, signature + AES + XML + durable claim)`);
    console.log(`  bare koa        ${bare.perSec.toFixed(0)} req/s   p50 ${ms(bare.p50)}   p99 ${ms(bare.p99)}`);
    console.log(`  wecom callback  ${full.perSec.toFixed(0)} req/s   p50 ${ms(full.p50)}   p99 ${ms(full.p99)}   (handled ${handled})`);
    console.log(`  database unique inserts ${inserts.toFixed(0)}/s (each callback costs one insert before the ack and one after handling)`);
    console.log(`  ratio callback/bare throughput ${(full.perSec / bare.perSec).toFixed(2)}   callback/insert ${(full.perSec / inserts).toFixed(2)}   target ≥1000/s, p99 < 50 ms`);
    const bot = await botLatency();
    console.log(`channels: AI-bot text → reply (${BOT_MESSAGES} sequential, via simulator)   p50 ${ms(bot.p50)}   p99 ${ms(bot.p99)}`);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
