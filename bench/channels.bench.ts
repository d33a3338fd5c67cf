/**
 * Channel throughput and latency, printed (never asserted):
 * - encrypted app callbacks acknowledged (verify, decrypt, one insert into the durable inbox) at
 *   1, 4, 16 and 64 concurrent senders, each beside a bare koa handler measured in the same run
 *   (the ratio is what matters; the handling after the ack runs meanwhile, as in production);
 * - the leader lease renewed meanwhile on the same process and database (a 4 s term renewed every
 *   second, the tests' tightest setting): the longest gap between renewals under each load;
 * - AI-bot text → reply latency through the WeCom simulator and the real SDK.
 * Targets (issue 10): p99 < 100 ms at 16 senders, ≥ 25% of bare koa's throughput.
 * CALLBACKS_PER_LEVEL sets the callbacks sent per concurrency level (default 600).
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
import { startWecomBot } from '../src/channels/wecom-bot/bot.channel.js';
import type { LeaseStore } from '../src/domain/lease.port.js';
import { startLeaderElection } from '../src/ops/leader.js';
import { createLogger } from '../src/shared/logger.js';
import { createLeaseStore } from '../src/store/lease.repository.js';
import { connectDb, disconnectDb } from '../src/store/db.js';
import { ferretdbCachePath, startEmbeddedDb, type EmbeddedDb } from '../src/store/embedded-db.js';
import { InboxEntryModel } from '../src/store/models/inbox-entry.model.js';
import { InboxMarkModel } from '../src/store/models/inbox-mark.model.js';
import { startAppHarness } from '../test/channels/app-harness.js';
import { echoHandler, eventually } from '../test/channels/echo-handler.js';
import { testInbox } from '../test/support/test-inbox.js';
import { WecomBotSim } from '../test/wecom-sim/index.js';

const CALLBACKS = Number(process.env.CALLBACKS_PER_LEVEL ?? 600);
const SENDERS = [1, 4, 16, 64];
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

/** Sends `requests` with `concurrency` in flight (closed loop); every response must be 200. */
async function load(requests: { url: string; body: string }[], concurrency: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
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

async function bareKoa(bodies: string[], concurrency: number): Promise<LoadResult> {
  const app = new Koa().use(async (ctx) => {
    for await (const _ of ctx.req) void _;
    ctx.body = '';
  });
  const server: Server = await new Promise((r) => {
    const s = app.listen(0, '127.0.0.1', () => r(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wecom/callback`;
  try {
    return await load(
      bodies.map((body) => ({ url, body })),
      concurrency,
    );
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

/** The database's own unique-insert rate with the same concurrency: the ceiling for durable acks. */
async function rawInserts(concurrency: number): Promise<number> {
  const coll = mongoose.connection.db!.collection<{ _id: string }>(`bench_raw_inserts_${concurrency}`);
  let n = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (n < CALLBACKS) await coll.insertOne({ _id: `raw${n++}` });
    }),
  );
  return CALLBACKS / ((performance.now() - start) / 1000);
}

interface Level {
  senders: number;
  bare: LoadResult;
  full: LoadResult;
  inserts: number;
  /** Longest time without a lease renewal while the acks ran. */
  leaseGapMs: number;
}

const LEASE_TTL_MS = 4000;
const LEASE_RENEW_MS = 1000;

/** A leader electing itself on the bench's database, recording when each renewal lands. */
function watchLease() {
  const store = createLeaseStore();
  const renewals: number[] = [];
  let lapses = 0;
  const leases: LeaseStore = {
    ...store,
    async insertTerm(t) {
      const won = await store.insertTerm(t);
      if (won) renewals.push(performance.now());
      return won;
    },
  };
  const leader = startLeaderElection({
    leases,
    name: `bench-${Date.now()}`,
    instanceId: 'bench',
    ttlMs: LEASE_TTL_MS,
    renewMs: LEASE_RENEW_MS,
    log,
    onElected: () => undefined,
    onDemoted: () => void lapses++,
  });
  return {
    ready: leader.ready,
    /** The longest stretch of [from, to] without a renewal. */
    longestGap(from: number, to: number): number {
      const marks = [from, ...renewals.filter((t) => t > from && t < to), to];
      return Math.max(...marks.slice(1).map((t, i) => t - marks[i]!));
    },
    lapses: () => lapses,
    stop: () => leader.stop(),
  };
}

async function callbacks(): Promise<{ levels: Level[]; handled: number; leaseLapses: number }> {
  let handled = 0;
  const noop: MessageHandler = { handle: async () => void handled++ };
  const h = await startAppHarness(noop);
  const levels: Level[] = [];
  const lease = watchLease();
  await lease.ready;
  try {
    for (const senders of SENDERS) {
      const sealed = Array.from({ length: CALLBACKS }, (_, i) => h.sender.seal(h.sender.textXml(`user${i % senders}`, `消息 ${senders}-${i}`)));
      const bare = await bareKoa(
        sealed.map((s) => s.body),
        senders,
      );
      const from = performance.now();
      const full = await load(
        sealed.map((s) => ({ url: `${h.sender.o.url}?${s.query}`, body: s.body })),
        senders,
      );
      const leaseGapMs = lease.longestGap(from, performance.now());
      const inserts = await rawInserts(senders);
      levels.push({ senders, bare, full, inserts, leaseGapMs });
      // The inbox works off what was acknowledged before the next level starts.
      await eventually(() => handled === CALLBACKS * levels.length, 300_000);
      // Each level starts on an empty inbox, as FerretDB scans whole collections.
      await InboxEntryModel.deleteMany({});
      await InboxMarkModel.deleteMany({});
    }
    return { levels, handled, leaseLapses: lease.lapses() };
  } finally {
    await lease.stop();
    await h.close();
  }
}

async function botLatency(): Promise<{ p50: number; p99: number }> {
  const sim = new WecomBotSim();
  await sim.start();
  const bot = startWecomBot({
    config: { botId: sim.botId, secret: sim.secret, wsUrl: sim.url },
    inbox: testInbox(echoHandler()),
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
  await InboxEntryModel.init();
  await InboxMarkModel.init();
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
    const { levels, handled, leaseLapses } = await callbacks();
    console.log(`channels: app callback acks (${CALLBACKS} per level; signature + AES + XML + one inbox insert), closed loop, beside bare koa`);
    console.log('  senders | bare koa req/s  p50  p99        | callback ack req/s  p50  p99          | ratio | db inserts/s | lease: longest gap');
    for (const l of levels) {
      console.log(
        `  ${String(l.senders).padStart(7)} | ${l.bare.perSec.toFixed(0).padStart(6)}  ${ms(l.bare.p50)}  ${ms(l.bare.p99)} | ` +
          `${l.full.perSec.toFixed(0).padStart(6)}  ${ms(l.full.p50)}  ${ms(l.full.p99)} | ${(l.full.perSec / l.bare.perSec).toFixed(2)} | ${l.inserts.toFixed(0).padStart(12)} | ${ms(l.leaseGapMs)}`,
      );
    }
    console.log(`  handled after the acks: ${handled}; target p99 < 100 ms at 16 senders, ratio ≥ 0.25`);
    console.log(
      `  lease: a ${LEASE_TTL_MS / 1000} s term renewed every ${LEASE_RENEW_MS / 1000} s lapsed ${leaseLapses} times (a gap under the term never lapses it; production: 20 s renewed every 5 s)`,
    );
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
