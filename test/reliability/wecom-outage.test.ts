/**
 * WeCom's API is down for a while: the outbox keeps every message and delivers each exactly
 * once after it comes back. The real service runs as a child process, its outbox worker
 * retrying with its own (default) backoff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutbox } from '../../src/outbox/outbox.js';
import { OutboxMessageModel } from '../../src/store/models/outbox-message.model.js';
import { createOutboxStore } from '../../src/store/outbox.repository.js';
import { useTestDb } from '../support/test-db.js';
import { waitUntil } from '../support/wait.js';
import { WecomApiSim } from '../wecom-sim/index.js';
import { spawnService, uriFor, wecomEnv, type ServiceProcess } from './service-process.js';

const db = useTestDb();
const api = new WecomApiSim();
let svc: ServiceProcess | undefined;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  await api.start();
});
afterAll(async () => {
  await svc?.kill9();
  await api.stop();
});

describe('WeCom API down for a while', () => {
  it('delivers every outbox message after it recovers, none twice', async () => {
    svc = await spawnService({ ...wecomEnv(api), MONGODB_URI: uriFor(db.uri, db.dbName) });
    api.goDown('http500');
    const outbox = createOutbox({ store: createOutboxStore() });
    // The scheduler's own catch-up messages for today may be queued beside these.
    const ours = { key: /^outage:/ };
    const users = Array.from({ length: 8 }, (_, i) => `night-${i}`);
    for (const u of users) {
      await outbox.enqueue({ key: `outage:${u}`, to: { kind: 'user', userid: u }, body: { type: 'text', text: `通知 ${u}` }, purpose: 'test' });
    }
    // The worker tries them, fails and schedules retries.
    await waitUntil(
      'every message tried once and pending',
      async () => (await OutboxMessageModel.countDocuments({ ...ours, attempts: { $gte: 1 }, status: 'pending' })) >= users.length,
    );
    expect(api.delivered).toHaveLength(0);
    // The backlog is pending + sending (the worker keeps retrying, so one may be in hand).
    const metrics = await (await fetch(`http://127.0.0.1:${svc.opsPort}/metrics`)).text();
    const backlog = ['pending', 'sending'].map((s) => Number(new RegExp(`tiantong_outbox_messages\\{status="${s}"\\} (\\d+)`).exec(metrics)?.[1]));
    expect(backlog[0]! + backlog[1]!).toBeGreaterThanOrEqual(users.length);
    expect(metrics).toMatch(/tiantong_wecom_api_errors_total\{path="\/cgi-bin\/message\/send",errcode="-3"\} [1-9]/);

    api.recover();
    await waitUntil('every message sent after recovery', async () => (await OutboxMessageModel.countDocuments({ ...ours, status: 'sent' })) >= users.length);
    expect(await OutboxMessageModel.countDocuments({ ...ours, status: 'sent' })).toBe(users.length);
    await sleep(500);
    const perUser = new Map<string, number>();
    for (const d of api.deliveredTo('/cgi-bin/message/send').filter((x) => String(x.body.touser).startsWith('night-')))
      perUser.set(String(d.body.touser), (perUser.get(String(d.body.touser)) ?? 0) + 1);
    expect([...perUser.keys()].sort()).toEqual([...users].sort());
    expect([...perUser.values()].every((n) => n === 1)).toBe(true);
  });
});
