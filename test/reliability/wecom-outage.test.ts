/**
 * WeCom's API is down for a while: the outbox keeps every message and delivers each exactly
 * once after it comes back. The real service runs as a child process, its outbox worker
 * retrying with its own (default) backoff.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutbox } from '../../src/jobs/outbox/outbox.js';
import { OutboxMessageModel } from '../../src/store/models/outbox-message.model.js';
import { useTestDb } from '../support/test-db.js';
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
    const outbox = createOutbox();
    const users = Array.from({ length: 8 }, (_, i) => `night-${i}`);
    for (const u of users) {
      await outbox.enqueue({ key: `outage:${u}`, to: { kind: 'user', userid: u }, body: { type: 'text', text: `通知 ${u}` }, purpose: 'test' });
    }
    // The worker tries them, fails and schedules retries.
    for (let i = 0; i < 200 && (await OutboxMessageModel.countDocuments({ attempts: { $gte: 1 }, status: 'pending' })) < users.length; i++) await sleep(100);
    expect(await OutboxMessageModel.countDocuments({ status: 'pending', attempts: { $gte: 1 } })).toBe(users.length);
    expect(api.delivered).toHaveLength(0);
    const metrics = await (await fetch(`http://127.0.0.1:${svc.opsPort}/metrics`)).text();
    expect(metrics).toMatch(/tiantong_wecom_api_errors_total\{path="\/cgi-bin\/message\/send",errcode="-3"\} [1-9]/);
    expect(metrics).toMatch(/tiantong_outbox_messages\{status="pending"\} 8/);

    api.recover();
    for (let i = 0; i < 300 && (await OutboxMessageModel.countDocuments({ status: 'sent' })) < users.length; i++) await sleep(100);
    expect(await OutboxMessageModel.countDocuments({ status: 'sent' })).toBe(users.length);
    await sleep(500);
    const perUser = new Map<string, number>();
    for (const d of api.deliveredTo('/cgi-bin/message/send')) perUser.set(String(d.body.touser), (perUser.get(String(d.body.touser)) ?? 0) + 1);
    expect([...perUser.keys()].sort()).toEqual([...users].sort());
    expect([...perUser.values()].every((n) => n === 1)).toBe(true);
  });
});
