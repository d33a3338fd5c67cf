/**
 * The database stops under traffic and comes back on the same port and data: the service
 * reports itself not ready meanwhile, then recovers by itself (no restart), takes the lease
 * back, and every callback WeCom retries is applied once. Uses its own FerretDB server, since
 * the shared test server cannot be stopped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreServices, type CoreServices } from '../../src/app.js';
import { seedDemoLedger, syncDirectory } from '../../src/bootstrap.js';
import { texts as conversationTexts } from '../../src/conversation/conversation.texts.js';
import { createLogger } from '../../src/ops/logger.js';
import { connectDb, disconnectDb, ensureIndexes } from '../../src/store/db.js';
import { ferretdbCachePath } from '../../src/store/embedded-db.js';
import { APP_KEYS } from '../channels/app-harness.js';
import { CallbackSender, WecomApiSim } from '../wecom-sim/index.js';
import { spawnService, untilHandled, wecomEnv, type ServiceProcess } from './service-process.js';
import { waitUntil } from '../support/wait.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const FERRETDB = [process.env.FERRETDB_BIN, ferretdbCachePath(), '/tmp/ferretdb-bin'].find((p) => p && existsSync(p));

/** A FerretDB (SQLite) server that can be stopped and started again on the same port and data. */
class StoppableDb {
  private child?: ChildProcess;
  readonly dir = mkdtempSync(join(tmpdir(), 'tiantong-dbrestart-'));
  constructor(readonly port: number) {}
  get uri() {
    return `mongodb://127.0.0.1:${this.port}/tiantong`;
  }
  async start(): Promise<void> {
    this.child = spawn(
      FERRETDB!,
      ['--handler=sqlite', `--sqlite-url=file:${this.dir}/`, `--state-dir=${this.dir}`, `--listen-addr=127.0.0.1:${this.port}`, '--debug-addr=-', '--telemetry=disable', '--log-level=warn'],
      { stdio: ['ignore', this.logFd(), this.logFd()] },
    );
    for (let i = 0; i < 100; i++) {
      const client = new mongoose.mongo.MongoClient(this.uri, { serverSelectionTimeoutMS: 300, directConnection: true });
      try {
        await client.db('admin').command({ ping: 1 });
        return;
      } catch {
        await sleep(100);
      } finally {
        await client.close();
      }
    }
    throw new Error('FerretDB did not start');
  }
  /** FerretDB's own log, kept beside DUMP_LOG when set (to diagnose a failure). */
  private logFd(): 'ignore' | number {
    return process.env.DUMP_LOG ? openSync(`${process.env.DUMP_LOG}.ferretdb`, 'a') : 'ignore';
  }
  async stop(): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await exited;
  }
}

/**
 * A free port outside the kernel's ephemeral range (32768–60999 here): while the database is down,
 * an outgoing connection could otherwise be given its port as a local port (or connect to itself),
 * so the restarted server could not have it back.
 */
async function portBelowEphemeralRange(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

describe.skipIf(!FERRETDB)('database stopped and restarted under traffic', () => {
  let db: StoppableDb;
  let svc: ServiceProcess | undefined;
  let core: CoreServices;
  const api = new WecomApiSim();

  beforeAll(async () => {
    db = new StoppableDb(await portBelowEphemeralRange());
    await db.start();
    await api.start();
    await connectDb(db.uri, { log: createLogger({ level: 'silent' }) });
    await ensureIndexes();
    core = createCoreServices();
    await syncDirectory(core, createLogger({ level: 'silent' }));
    await seedDemoLedger(core, createLogger({ level: 'silent' }));
  }, 60_000);

  afterAll(async () => {
    if (process.env.DUMP_LOG && svc) writeFileSync(process.env.DUMP_LOG, svc.output());
    await svc?.kill9();
    await disconnectDb().catch(() => undefined);
    await db?.stop();
    await api.stop();
    if (db) rmSync(db.dir, { recursive: true, force: true });
  });

  it('answers 503 naming the database while it is down, then recovers by itself and loses no retried callback', { timeout: 90_000 }, async () => {
    svc = await spawnService({ ...wecomEnv(api), MONGODB_URI: db.uri, LEASE_TTL_MS: '2000', LEASE_RENEW_MS: '500' });
    const sender = new CallbackSender({ url: `${svc.url}/wecom/callback`, token: APP_KEYS.token, encodingAesKey: APP_KEYS.encodingAesKey, corpId: api.corpId });
    const ready = () =>
      fetch(`http://127.0.0.1:${svc!.opsPort}/readyz`, { signal: AbortSignal.timeout(5000) }).then(async (r) => ({ status: r.status, body: (await r.json()) as { failing: string[] } }));
    expect((await ready()).status).toBe(200);

    const numbers = (await core.proposals.find({}, { limit: 40, sort: 'number' })).map((p) => p.number);
    const messages = numbers.slice(0, 30).map((n, i) => ({ text: `断库批示-${i}`, sealed: sender.seal(sender.textXml('zhaoqiang', `阅批 ${n} 断库批示-${i}`)) }));
    const answered = new Set<number>();
    // Like WeCom: a callback not answered 200 within 5 s is sent again.
    const post = async (i: number) => {
      const res = await fetch(`${sender.o.url}?${messages[i]!.sealed.query}`, { method: 'POST', body: messages[i]!.sealed.body, signal: AbortSignal.timeout(5000) }).catch(() => undefined);
      if (res?.status === 200) answered.add(i);
    };

    const traffic = (async () => {
      for (let i = 0; i < messages.length; i++) {
        await post(i);
        await sleep(100);
      }
    })();
    await sleep(800);
    await db.stop();
    let downReport: { status: number; body: { failing: string[] } } | undefined;
    for (let i = 0; i < 30 && downReport?.status !== 503; i++) {
      downReport = await ready().catch(() => undefined);
      if (downReport?.status !== 503) await sleep(100);
    }
    expect(downReport).toMatchObject({ status: 503, body: { failing: expect.arrayContaining(['database']) as unknown } });
    await sleep(1500);
    await db.start();
    await traffic;

    // Recovered without a restart: ready again, and the lease taken back.
    const recoveredBy = Date.now() + 30_000;
    while ((await ready()).status !== 200 && Date.now() < recoveredBy) await sleep(200);
    const after = await ready();
    if (after.status !== 200) throw new Error(`not ready after the restart: ${JSON.stringify(after.body)}`);
    const leads = async () => (await (await fetch(`http://127.0.0.1:${svc!.opsPort}/metrics`)).text()).includes('\ntiantong_leader 1');
    // Under load taking the lease back can take well over 20 s: wait on it, generously.
    await waitUntil('the lease taken back after the restart', leads);

    // WeCom retries every callback that was not answered.
    for (let round = 0; round < 5 && answered.size < messages.length; round++) {
      for (let i = 0; i < messages.length; i++) if (!answered.has(i)) await post(i);
    }
    expect(answered.size).toBe(messages.length);
    await untilHandled(svc.opsPort);

    const counts = new Map<string, number>();
    for (const p of await core.proposals.find({}, { limit: 1000 })) for (const i of p.instructions) counts.set(i.text, (counts.get(i.text) ?? 0) + 1);
    for (const m of messages) expect(counts.get(m.text) ?? 0, m.text).toBeLessThanOrEqual(1);
    // A message answered just before the outage and then failing in it is not applied, but its
    // sender is told to send it again: never silently dropped.
    const missing = messages.filter((m) => !counts.has(m.text)).length;
    const apologies = api.deliveredTo('/cgi-bin/message/send').filter((d) => JSON.stringify(d.body).includes(conversationTexts.sorry)).length;
    expect(missing).toBeLessThanOrEqual(apologies);
    expect(messages.length - missing).toBeGreaterThan(messages.length / 2);
  });
});
