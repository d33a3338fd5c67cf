/**
 * Sustained mixed load on the whole service, started in-process (startService) with the WeCom
 * simulator, for LOAD_SECONDS (default 20): encrypted app callbacks at a steady rate (reads and
 * ledger writes, spread so no member passes WeCom's 30 messages/min), AI-bot messages and web
 * console reads as fast as their workers go. Printed (never asserted): throughput, p50/p99,
 * errors (must be 0) and peak memory, beside GET /healthz on the same server as the same-run
 * baseline.
 */
import mongoose from 'mongoose';
import { seedDemoLedger } from '../src/main/bootstrap.js';
import { texts as conversationTexts } from '../src/conversation/conversation.texts.js';
import { createLogger } from '../src/shared/logger.js';
import { loadOpsConfig } from '../src/ops/ops.config.js';
import { startService } from '../src/main/service.js';
import { connectDb, disconnectDb } from '../src/store/db.js';
import { OutboxMessageModel } from '../src/store/models/outbox-message.model.js';
import { createSessionKeeper, SESSION_COOKIE } from '../src/web/session.js';
import { APP_KEYS } from '../test/channels/app-harness.js';
import { freePort, uriFor } from '../test/reliability/service-process.js';
import { CallbackSender, WecomApiSim, WecomBotSim } from '../test/wecom-sim/index.js';
import { fmt, percentile, withPeakMemory } from './support.js';

const SECONDS = Number(process.env.LOAD_SECONDS ?? 20);
const BOT_WORKERS = 2;
const WEB_WORKERS = 2;
/** Per member per minute, under WeCom's 30 (the API client's own throttle would hold the rest back). */
const CALLBACKS_PER_MEMBER_MIN = 24;
const SESSION_SECRET = 'load-bench-session-secret-0123456789';

interface Series {
  name: string;
  ms: number[];
  errors: number;
}
const series = (name: string): Series => ({ name, ms: [], errors: 0 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function run(baseUri: string): Promise<void> {
  const api = new WecomApiSim();
  const bot = new WecomBotSim();
  await api.start();
  await bot.start();
  const mongoUri = uriFor(baseUri, `bench_load_${process.pid}`);
  const log = createLogger({ level: 'silent' });
  const service = await startService({
    env: { port: await freePort(), mongodbUri: mongoUri, dataDir: '/tmp', logLevel: 'silent', roles: ['web', 'bot', 'jobs'], timeZone: 'Asia/Shanghai' },
    log,
    ops: {
      ...loadOpsConfig({}),
      opsPort: 0,
      instanceId: 'load-bench',
      leaseTtlMs: 20_000,
      leaseRenewMs: 5_000,
      shutdownGraceMs: 10_000,
      sessionSecret: Buffer.from(SESSION_SECRET),
      trustProxy: false,
    },
    wecom: {
      app: { corpId: api.corpId, agentId: 1000002, secret: api.secret, apiBase: api.baseUrl, token: APP_KEYS.token, encodingAesKey: APP_KEYS.encodingAesKey },
      bot: { botId: bot.botId, secret: bot.secret, wsUrl: bot.url },
    },
  });
  try {
    await seedDemoLedger(service.core, log);
    while (service.bot?.state().status !== 'authenticated') await sleep(20);
    const base = `http://127.0.0.1:${service.port}`;
    const proposals = await service.core.proposals.find({}, { limit: 200, sort: 'number' });
    const people = await service.core.directory.listPeople({ activeOnly: true });
    const leaders = people.filter((p) => p.roles.includes('leader')).map((p) => p.userid);
    const cookie = `${SESSION_COOKIE}=${createSessionKeeper(Buffer.from(SESSION_SECRET)).issue('hefang', false, Date.now()).cookie}`;
    const sender = new CallbackSender({ url: `${base}/wecom/callback`, token: APP_KEYS.token, encodingAesKey: APP_KEYS.encodingAesKey, corpId: api.corpId });

    const healthz = series('GET /healthz (baseline)');
    const callbacks = series('app callback ack');
    const botE2e = series('AI-bot message → reply');
    const web = series('web console read');
    const deadline = performance.now() + SECONDS * 1000;
    const pick = <T>(xs: T[], i: number): T => xs[i % xs.length]!;

    async function timed(s: Series, fn: () => Promise<boolean>): Promise<void> {
      const t = performance.now();
      const ok = await fn().catch(() => false);
      if (ok) s.ms.push(performance.now() - t);
      else s.errors++;
    }

    // Callbacks: one member after another at a steady rate; writes (阅批) only by leaders.
    const callbackRate = (people.length * CALLBACKS_PER_MEMBER_MIN) / 60;
    const callbackLoop = async () => {
      const pending: Promise<void>[] = [];
      for (let i = 0; performance.now() < deadline; i++) {
        const write = i % 4 === 0;
        const from = write ? pick(leaders, i) : pick(people, i).userid;
        const text = write ? `阅批 ${pick(proposals, i).number} 压测批示${i}` : i % 4 === 1 ? `查 ${pick(proposals, i).number}` : i % 4 === 2 ? '我的' : '帮助';
        const sealed = sender.seal(sender.textXml(from, text));
        pending.push(timed(callbacks, async () => (await sender.post(sealed)).status === 200));
        await sleep(1000 / callbackRate);
      }
      await Promise.all(pending);
    };
    const botLoop = async (w: number) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const text = i % 3 === 0 ? `查 ${pick(proposals, i * 7 + w).number}` : i % 3 === 1 ? '我的' : '帮助';
        await timed(botE2e, async () => {
          const { reqId } = bot.sendText(pick(people, i * BOT_WORKERS + w).userid, text);
          await bot.waitFor((f) => f.headers.req_id === reqId && f.cmd === 'aibot_respond_msg', 10_000);
          return true;
        });
      }
    };
    const webLoop = async (w: number) => {
      const paths = ['/board', '/ledger', () => `/proposals/${pick(proposals, w * 13).id}`, '/metrics'];
      for (let i = 0; performance.now() < deadline; i++) {
        const p = pick(paths, i + w);
        await timed(web, async () => {
          const res = await fetch(`${base}${typeof p === 'string' ? p : p()}`, { headers: { cookie }, redirect: 'manual' });
          await res.arrayBuffer();
          return res.status === 200;
        });
        if (i % 4 === 0) await timed(healthz, async () => (await fetch(`${base}/healthz`)).status === 200);
      }
    };

    const { heapMiB, rssMiB } = await withPeakMemory(async () => {
      await Promise.all([
        callbackLoop(),
        ...Array.from({ length: BOT_WORKERS }, (_, w) => botLoop(w)),
        ...Array.from({ length: WEB_WORKERS }, (_, w) => webLoop(w)),
      ]);
      // Let the callbacks acknowledged last be handled too.
      for (let i = 0; i < 200; i++) {
        const [inn, done] = await Promise.all([service.metrics.messagesIn.get(), service.metrics.handleSeconds.get()]);
        const handled = done.values.filter((v) => v.metricName?.endsWith('_count')).reduce((n, v) => n + v.value, 0);
        if (inn.values.reduce((n, v) => n + v.value, 0) === handled) break;
        await sleep(50);
      }
    });

    const handling = await service.metrics.handleSeconds.get();
    const handlingErrors = handling.values.filter((v) => v.metricName?.endsWith('_count') && v.labels.outcome === 'error').reduce((n, v) => n + v.value, 0);
    const apologies = api.deliveredTo('/cgi-bin/message/send').filter((d) => JSON.stringify(d.body).includes(conversationTexts.sorry)).length;
    const failedOutbox = await OutboxMessageModel.countDocuments({ status: 'failed' });

    console.log(
      `${SECONDS} s of mixed load against one in-process instance (callbacks at ${callbackRate.toFixed(1)}/s, ${BOT_WORKERS} bot and ${WEB_WORKERS} web workers)`,
    );
    console.log('| traffic | requests | per second | p50 | p99 | errors |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const s of [callbacks, botE2e, web, healthz]) {
      const sorted = [...s.ms].sort((a, b) => a - b);
      console.log(
        `| ${s.name} | ${sorted.length + s.errors} | ${(sorted.length / SECONDS).toFixed(1)} | ${fmt(percentile(sorted, 50))} | ${fmt(percentile(sorted, 99))} | ${s.errors} |`,
      );
    }
    const webP50 = percentile(
      [...web.ms].sort((a, b) => a - b),
      50,
    );
    const hzP50 = percentile(
      [...healthz.ms].sort((a, b) => a - b),
      50,
    );
    console.log(`web read p50 / healthz p50 (same server, same run): ${(webP50 / hzP50).toFixed(1)}×`);
    console.log(`handling errors: ${handlingErrors}, apologies sent: ${apologies}, outbox failed: ${failedOutbox}`);
    console.log(`total errors: ${callbacks.errors + botE2e.errors + web.errors + healthz.errors + handlingErrors + apologies + failedOutbox} (must be 0)`);
    console.log(`peak memory (service and load generator in one process): heap ${heapMiB.toFixed(0)} MiB, rss ${rssMiB.toFixed(0)} MiB`);
  } finally {
    await service.stop();
    await connectDb(mongoUri, { log });
    await mongoose.connection.dropDatabase();
    await disconnectDb();
    await bot.stop();
    await api.stop();
  }
}
