/**
 * Two instances on one database: only the leader holds the AI-bot connection and runs the jobs
 * and the outbox; when it is killed (-9), the other takes over the connection and the jobs
 * (here within the short lease set by LEASE_TTL_MS; by default within 30 s).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutbox } from '../../src/outbox/outbox.js';
import { createOutboxStore } from '../../src/store/outbox.repository.js';
import { createSessionKeeper, SESSION_COOKIE } from '../../src/web/session.js';
import { useTestDb } from '../support/test-db.js';
import { waitUntil } from '../support/wait.js';
import { WecomApiSim, WecomBotSim } from '../wecom-sim/index.js';
import { spawnService, uriFor, wecomEnv, type ServiceProcess } from './service-process.js';

const db = useTestDb();
const api = new WecomApiSim();
const bot = new WecomBotSim();
const running: ServiceProcess[] = [];
const SESSION_SECRET = 'shared-session-secret-for-all-instances-0123';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const readyz = async (s: ServiceProcess) => {
  const r = await fetch(`http://127.0.0.1:${s.opsPort}/readyz`);
  return { status: r.status, body: (await r.json()) as { checks: Record<string, string> } };
};
const leads = async (s: ServiceProcess) => (await (await fetch(`http://127.0.0.1:${s.opsPort}/metrics`)).text()).includes('\ntiantong_leader 1');
const subscribes = () => bot.received.filter((f) => f.cmd === 'aibot_subscribe').length;

beforeAll(async () => {
  await api.start();
  await bot.start();
});
afterAll(async () => {
  for (const s of running) await s.kill9();
  await bot.stop();
  await api.stop();
});

describe('two instances, the leader killed', () => {
  it('the other takes over the bot connection, the scheduler and the outbox', async () => {
    const env = { ...wecomEnv(api, bot), MONGODB_URI: uriFor(db.uri, db.dbName), LEASE_TTL_MS: '3000', LEASE_RENEW_MS: '500', SESSION_SECRET };
    const a = await spawnService({ ...env, INSTANCE_ID: 'inst-a' });
    running.push(a);
    await a.waitForLine((l) => l.message === 'wecom bot connected');
    const b = await spawnService({ ...env, INSTANCE_ID: 'inst-b' });
    running.push(b);
    await sleep(1500); // several of b's looks at the lease

    expect(await leads(a)).toBe(true);
    expect(await leads(b)).toBe(false);
    expect(subscribes()).toBe(1);
    expect(await readyz(a)).toMatchObject({ status: 200, body: { checks: { database: 'ok', 'wecom-bot': 'ok' } } });
    expect(await readyz(b)).toMatchObject({ status: 200, body: { checks: { database: 'ok', 'wecom-bot': 'standby' } } });
    expect(b.lines.some((l) => l.message === 'scheduler started')).toBe(false);
    // Behind a load balancer: a session signed in on one instance is good on the other.
    const { cookie } = createSessionKeeper(Buffer.from(SESSION_SECRET)).issue('hefang', false, Date.now());
    for (const s of [a, b])
      expect((await fetch(`${s.url}/board`, { headers: { cookie: `${SESSION_COOKIE}=${cookie}` }, redirect: 'manual' })).status).toBe(200);

    const killedAt = Date.now();
    await a.kill9();
    await b.waitForLine((l) => l.message === 'wecom bot connected', 60_000);
    const tookMs = Date.now() - killedAt;
    await b.waitForLine((l) => l.message === 'scheduler started');
    expect(subscribes()).toBe(2);
    expect(await leads(b)).toBe(true);
    expect(tookMs).toBeLessThan(30_000);

    // The new leader's connection carries chat, and its outbox worker delivers.
    const { reqId } = bot.sendText('zhaoqiang', '帮助');
    await bot.waitFor((f) => f.headers.req_id === reqId && f.cmd === 'aibot_respond_msg', 60_000);
    await createOutbox({ store: createOutboxStore() }).enqueue({
      key: 'failover:1',
      to: { kind: 'user', userid: 'zhaoqiang' },
      body: { type: 'text', text: '接管后的通知' },
      purpose: 'test',
    });
    // Other pushes (member notices) may be sent too: wait for this one itself.
    const delivered = () => api.deliveredTo('/cgi-bin/message/send').map((d) => d.body.text);
    await waitUntil('the new leader delivers the notice', () => delivered().some((t) => (t as { content?: string })?.content === '接管后的通知'));
    expect(delivered()).toContainEqual({ content: '接管后的通知' });
  });

  it('a leader stopped with SIGTERM hands over at once, without waiting for its lease to run out', async () => {
    const env = { ...wecomEnv(api, bot), MONGODB_URI: uriFor(db.uri, db.dbName), LEASE_TTL_MS: '60000', LEASE_RENEW_MS: '300' };
    for (const s of running) await s.kill9();
    const a = await spawnService({ ...env, INSTANCE_ID: 'inst-c' });
    running.push(a);
    // The killed leader's term may still run (60 s here is not its ttl: it had 3 s).
    await waitUntil('inst-c leads', () => leads(a));
    expect(await leads(a)).toBe(true);
    const b = await spawnService({ ...env, INSTANCE_ID: 'inst-d' });
    running.push(b);
    expect(await a.terminate()).toBe(0);
    // A 60 s lease: only the release lets b lead this soon.
    // Well short of the 60 s lease, so only a hand-over passes.
    await waitUntil('inst-d leads after the hand-over', () => leads(b), { timeoutMs: 30_000 });
    expect(await leads(b)).toBe(true);
    expect(a.lines.map((l) => l.message)).toContain('服务已停止');
  });
});
