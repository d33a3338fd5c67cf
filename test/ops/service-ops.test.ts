/**
 * The service's operations surface, started in-process on its own database with the WeCom
 * simulator: health and readiness, Prometheus metrics on the ops port, request ids and the
 * access log, and a graceful stop that lets in-flight work finish.
 */
import { Writable } from 'node:stream';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedDemoLedger } from '../../src/main/bootstrap.js';
import { waitUntil } from '../support/wait.js';
import type { Env } from '../../src/config/env.js';
import { createLogger } from '../../src/shared/logger.js';
import { loadOpsConfig } from '../../src/ops/ops.config.js';
import { startService, type Service } from '../../src/main/service.js';
import { connectDb, disconnectDb } from '../../src/store/db.js';
import { InboxMarkModel } from '../../src/store/models/inbox-mark.model.js';
import { APP_KEYS } from '../channels/app-harness.js';
import { freePort, uniqueDbName, untilHandled, uriFor } from '../reliability/service-process.js';
import { CallbackSender, WecomApiSim, WecomBotSim } from '../wecom-sim/index.js';

const api = new WecomApiSim();
const bot = new WecomBotSim();
const lines: Record<string, unknown>[] = [];
const log = createLogger({
  level: 'info',
  destination: new Writable({
    write(chunk: Buffer, _e, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  }),
});
const mongoUri = uriFor(inject('mongoUri'), uniqueDbName('ops'));
let service: Service;
let sender: CallbackSender;

async function start(): Promise<Service> {
  const env: Env = {
    port: await freePort(),
    mongodbUri: mongoUri,
    dataDir: '/tmp',
    logLevel: 'info',
    roles: ['web', 'bot', 'jobs'],
    timeZone: 'Asia/Shanghai',
  };
  return startService({
    env,
    log,
    ops: { ...loadOpsConfig({}), opsPort: 0, instanceId: 'ops-test', leaseTtlMs: 2000, leaseRenewMs: 500, shutdownGraceMs: 5000, trustProxy: false },
    wecom: {
      app: {
        corpId: api.corpId,
        agentId: 1000002,
        secret: api.secret,
        apiBase: api.baseUrl,
        ...{ token: APP_KEYS.token, encodingAesKey: APP_KEYS.encodingAesKey },
      },
      bot: { botId: bot.botId, secret: bot.secret, wsUrl: bot.url },
    },
  });
}

const main = (path: string, init?: RequestInit) => fetch(`http://127.0.0.1:${service.port}${path}`, { redirect: 'manual', ...init });
const ops = (path: string) => fetch(`http://127.0.0.1:${service.opsPort}${path}`);

beforeAll(async () => {
  await api.start();
  await bot.start();
  service = await start();
  await seedDemoLedger(service.core, createLogger({ level: 'silent' }));
  sender = new CallbackSender({
    url: `http://127.0.0.1:${service.port}/wecom/callback`,
    token: APP_KEYS.token,
    encodingAesKey: APP_KEYS.encodingAesKey,
    corpId: api.corpId,
  });
  await waitUntil('the bot connection authenticated', () => service.bot?.state().status === 'authenticated');
}, 60_000);

afterAll(async () => {
  await service.stop().catch(() => undefined);
  await connectDb(mongoUri, { log: createLogger({ level: 'silent' }) });
  await mongoose.connection.dropDatabase();
  await disconnectDb();
  await bot.stop();
  await api.stop();
});

describe('health and readiness', () => {
  it('is alive and ready with the database and the bot connection named, on both ports', async () => {
    for (const get of [main, ops]) {
      expect(await (await get('/healthz')).json()).toEqual({ status: 'ok' });
      const r = await get('/readyz');
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ status: 'ready', checks: { database: 'ok', 'wecom-bot': 'ok' }, failing: [] });
    }
  });

  it('answers 503 naming the bot while its connection is lost, and 200 once it is back', async () => {
    bot.dropConnection();
    const r = await waitUntil('readiness reports the lost bot', async () => {
      const res = await ops('/readyz');
      return res.status !== 200 && res;
    });
    expect(r.status).toBe(503);
    expect(await r.json()).toMatchObject({ status: 'not ready', failing: ['wecom-bot'] });
    await waitUntil('ready again', async () => (await ops('/readyz')).status === 200);
    expect((await ops('/readyz')).status).toBe(200);
  });
});

describe('metrics', () => {
  it('counts messages in and out per channel and times their handling, in Prometheus format', async () => {
    expect((await sender.post(sender.seal(sender.textXml('zhaoqiang', '帮助')))).status).toBe(200);
    const { reqId } = bot.sendText('zhaoqiang', '帮助');
    await bot.waitFor((f) => f.headers.req_id === reqId && f.cmd === 'aibot_respond_msg');
    await untilHandled(service.opsPort!);
    const r = await ops('/metrics');
    expect(r.headers.get('content-type')).toContain('text/plain');
    const text = await r.text();
    expect(text).toMatch(/tiantong_messages_in_total\{channel="wecom-app",kind="text"\} 1\n/);
    expect(text).toMatch(/tiantong_messages_in_total\{channel="wecom-bot",kind="text"\} 1\n/);
    expect(text).toMatch(/tiantong_messages_out_total\{channel="wecom-app",via="reply"\} [1-9]/);
    expect(text).toMatch(/tiantong_command_duration_seconds_count\{channel="wecom-bot",kind="text",outcome="ok"\} 1\n/);
    expect(text).toMatch(/tiantong_outbox_messages\{status="pending"\} \d+/);
    expect(text).toMatch(/tiantong_leader 1\n/);
    expect(text).toMatch(/tiantong_http_requests_total\{method="POST",route="\/wecom\/callback",status="200"\} [1-9]/);
  });

  it('keeps /metrics off the public port (there it is the console page, behind sign-in)', async () => {
    const r = await main('/metrics');
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toMatch(/^\/login/);
  });
});

describe('request ids and the access log', () => {
  it('gives each request an id, keeps a well-formed one given, and logs the path without its query', async () => {
    const mine = await main('/login?next=%2Fboard&token=SECRET-LINK-TOKEN', { headers: { 'x-request-id': 'lb-abc.123' } });
    expect(mine.headers.get('x-request-id')).toBe('lb-abc.123');
    const odd = await main('/login', { headers: { 'x-request-id': '<script>' } });
    expect(odd.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const line = lines.find((l) => l.reqId === 'lb-abc.123' && l.message === 'http request');
    expect(line).toMatchObject({ method: 'GET', path: '/login', status: 200 });
    expect(JSON.stringify(lines)).not.toContain('SECRET-LINK-TOKEN');
  });
});

describe('configuration', () => {
  it('reads the ops settings with defaults that take over within 30 s, and says what is wrong', () => {
    const d = loadOpsConfig({});
    expect(d).toMatchObject({ opsPort: 9464, leaseTtlMs: 20_000, leaseRenewMs: 5_000 });
    expect(d.leaseTtlMs + d.leaseRenewMs).toBeLessThanOrEqual(30_000);
    expect(loadOpsConfig({ OPS_PORT: 'off' }).opsPort).toBeUndefined();
    expect(() => loadOpsConfig({ LEASE_TTL_MS: '1000', LEASE_RENEW_MS: '800' })).toThrow(/LEASE_RENEW_MS/);
    expect(() => loadOpsConfig({ OPS_PORT: 'abc' })).toThrow(/OPS_PORT=9464/);
  });
});

describe('graceful stop', () => {
  it('finishes the message being handled and its reply, then closes; nothing half-written', async () => {
    // Replies fail for a while, so the handling is still under way when the stop begins.
    api.inject('http500', 2, '/cgi-bin/message/send');
    const msgId = sender.nextMsgId();
    expect((await sender.post(sender.seal(sender.textXml('zhaoqiang', '阅批 0102 停机前批示', msgId)))).status).toBe(200);
    await waitUntil('the first reply attempt failed', () => api.requests.some((r) => r.path === '/cgi-bin/message/send' && r.status === 500), {
      intervalMs: 10,
    });
    await service.stop();
    await expect(main('/healthz')).rejects.toThrow();
    expect(bot.subscribed).toBe(false);

    await connectDb(mongoUri, { log: createLogger({ level: 'silent' }) });
    const [p] = await service.core.proposals.findByNumber('0102');
    expect(p!.instructions.map((i) => i.text)).toContain('停机前批示');
    expect(await InboxMarkModel.exists({ _id: `app:${msgId}#outcome`, kind: 'done' })).toBeTruthy();
    expect(api.deliveredTo('/cgi-bin/message/send').some((d) => d.body.touser === 'zhaoqiang' && JSON.stringify(d.body).includes('0102'))).toBe(true);
    await disconnectDb();
  });
});
