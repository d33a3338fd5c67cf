/**
 * The outbox delivering through the WeCom API simulator on the real database: resends WeCom is
 * asked to drop, outages, rate limits, long markdown. The worker's own rules, on the in-memory
 * store, are in outbox-worker.unit.test.ts; the store's in test/store/contracts/outbox.contract.ts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/logger.js';
import { createMetrics, instrumentSender } from '../../src/ops/metrics.js';
import type { PushSender } from '../../src/channels/contract.js';
import { createAppPushSender } from '../../src/channels/wecom-app/app-messages.js';
import { createWecomApiClient } from '../../src/channels/wecom-api/client.js';
import { createGroupRobotSender } from '../../src/channels/group-robot/robot.sender.js';
import { createOutbox } from '../../src/outbox/outbox.js';
import { startOutboxWorker, type OutboxWorker } from '../../src/outbox/outbox.worker.js';
import { OutboxClaimModel } from '../../src/store/models/outbox-claim.model.js';
import { createJobRunStore } from '../../src/store/job-run.repository.js';
import { createOutboxStore } from '../../src/store/outbox.repository.js';
import { useTestDb } from '../support/test-db.js';
import { WecomApiSim } from '../wecom-sim/index.js';
import { eventually } from '../channels/echo-handler.js';

const outboxStore = createOutboxStore();

useTestDb({ cleanBeforeEach: true });

const log = createLogger({ level: 'silent' });
let sim: WecomApiSim;
let senders: PushSender[];
const workers: OutboxWorker[] = [];
const outbox = createOutbox({ store: outboxStore });

function worker(o: { maxAttempts?: number; leaseMs?: number } = {}): OutboxWorker {
  const w = startOutboxWorker({ store: outboxStore, senders, log, backoffMs: 30, maxBackoffMs: 200, pollMs: 20, ...o });
  workers.push(w);
  return w;
}

beforeAll(async () => {
  sim = new WecomApiSim();
  await sim.start();
  const api = createWecomApiClient(
    { corpId: sim.corpId, agentId: 1000002, secret: sim.secret, apiBase: sim.baseUrl },
    { backoffMs: 5, attempts: 2, rateLimitBackoffMs: 100 },
  );
  // Counted as the service counts them: what the worker hands a sender must reach WeCom unchanged.
  const metrics = createMetrics({ outbox: outboxStore, jobRuns: createJobRunStore() });
  senders = [createAppPushSender(api), createGroupRobotSender({ webhookKey: sim.webhookKey, webhookBase: sim.baseUrl })].map((s) =>
    instrumentSender(s, metrics),
  );
});
afterAll(() => sim.stop());
beforeEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  sim.recover();
  sim.delivered.length = 0;
});

const contents = () => sim.deliveredTo('/cgi-bin/message/send').map((d) => (d.body.text as { content: string }).content);

describe('durable outbox', () => {
  it('a message whose sender died after sending it reaches the member once: the resend asks WeCom to drop a duplicate', async () => {
    await outbox.enqueue({
      key: 'reply:dead-sender',
      to: { kind: 'user', userid: 'u7' },
      body: { type: 'text', text: '第0102号：已阅批。' },
      purpose: 'reply',
    });
    // A worker claims and sends it, then dies before recording that it was sent.
    const claimed = await outboxStore.claimNext(() => new Date(), 50);
    expect(claimed?.mayHaveBeenSent).toBe(false);
    await senders[0]!.push(claimed!.to, claimed!.body);
    expect(contents()).toEqual(['第0102号：已阅批。']);
    // After its lease, another worker takes the message over and sends it again, with the check on.
    worker({ leaseMs: 50 });
    await eventually(async () => (await outbox.listOutbox({ status: 'sent' })).length === 1, 10_000);
    const tries = sim.requests.filter((r) => r.path === '/cgi-bin/message/send');
    expect(tries.length).toBeGreaterThanOrEqual(2);
    expect(contents()).toEqual(['第0102号：已阅批。']);
  });

  it('an attempt that failed after WeCom took the message (its answer lost under load) is not shown twice when retried', async () => {
    await outbox.enqueue({
      key: 'reply:lost-answer',
      to: { kind: 'user', userid: 'u8' },
      body: { type: 'text', text: '第0103号：已催办。' },
      purpose: 'reply',
    });
    const claimed = await outboxStore.claimNext(() => new Date(), 60_000);
    await senders[0]!.push(claimed!.to, claimed!.body);
    // The worker never saw WeCom's answer (a timeout): it records a failure to retry.
    await outboxStore.markRetry(claimed!, new Date(), 'timeout');
    worker();
    await eventually(async () => (await outbox.listOutbox({ status: 'sent' })).length === 1, 10_000);
    expect(contents()).toEqual(['第0103号：已催办。']);
  });

  it('a reply another worker has just claimed, slowly under load, is not sent a second time by the immediate send', async () => {
    const key = 'reply:slow-holder';
    await outbox.enqueue({ key, to: { kind: 'user', userid: 'u8' }, body: { type: 'text', text: '第0438号：已阅批。' }, purpose: 'reply' });
    const [row] = await outbox.listOutbox();
    // A worker took claim 1, with a minute's lease, half a minute ago and is still on its way to recording it and sending.
    await OutboxClaimModel.create({ _id: `${row!.id}:1`, at: new Date(Date.now() - 30_000), leaseUntil: new Date(Date.now() + 30_000) });
    const sent: string[] = [];
    const send = async (b: { type: string; text?: string }) => void sent.push(b.text ?? '');
    expect(await outbox.sendNow(key, send)).toBe(false);
    expect(await outboxStore.claimNext(() => new Date(), 60_000)).toBeUndefined();
    expect(sent).toEqual([]);
    // Its lease ran out and it never recorded the claim: it died in between. The reply goes out
    // then (not minutes later), once.
    await OutboxClaimModel.updateOne({ _id: `${row!.id}:1` }, { $set: { leaseUntil: new Date(Date.now() - 1000) } });
    expect(await outbox.sendNow(key, send)).toBe(true);
    expect(await outbox.sendNow(key, send)).toBe(false);
    expect(sent).toEqual(['第0438号：已阅批。']);
  });

  it('delivers every message exactly once after the WeCom API fails for a while', async () => {
    sim.goDown('http500');
    for (let i = 0; i < 12; i++)
      await outbox.enqueue({ key: `k${i}`, to: { kind: 'user', userid: `u${i % 3}` }, body: { type: 'text', text: `m${i}` }, purpose: 'test' });
    worker();
    worker(); // two workers competing for the same rows
    await eventually(async () => (await outbox.listOutbox({ status: 'pending' })).some((r) => r.attempts >= 1));
    expect(sim.delivered).toHaveLength(0);
    sim.recover();
    await eventually(async () => (await outbox.listOutbox({ status: 'sent' })).length === 12, 10_000);
    expect(contents().sort()).toEqual(Array.from({ length: 12 }, (_, i) => `m${i}`).sort());
  });

  it('delivers through a rate limit (45009) after backing off', async () => {
    sim.inject('rateLimit', 1);
    await outbox.enqueue({ key: 'rl', to: { kind: 'user', userid: 'u1' }, body: { type: 'text', text: 'after limit' }, purpose: 'test' });
    worker();
    await eventually(async () => (await outbox.listOutbox({ status: 'sent' })).length === 1);
    expect(contents()).toEqual(['after limit']);
  });

  it('marks a message that keeps failing as failed with the reason, and retryOutbox sends it later', async () => {
    sim.goDown('busy');
    await outbox.enqueue({ key: 'doomed', to: { kind: 'user', userid: 'u1' }, body: { type: 'text', text: 'late' }, purpose: 'test' });
    worker({ maxAttempts: 2 });
    await eventually(async () => (await outbox.listOutbox({ status: 'failed' })).length === 1);
    const [failed] = await outbox.listOutbox({ status: 'failed' });
    expect(failed!.lastError).toMatch(/errcode -1/);
    expect(failed!.attempts).toBe(2);
    sim.recover();
    expect(await outbox.retryOutbox(failed!.id)).toBe(true);
    await eventually(async () => (await outbox.listOutbox({ status: 'sent' })).length === 1);
    expect(contents()).toEqual(['late']);
    expect(await outbox.retryOutbox(failed!.id)).toBe(false);
  });

  it('posts long markdown to the group robot in pieces under 4096 bytes', async () => {
    const long = Array.from({ length: 300 }, (_, i) => `- 第${i + 1}件提案：已按期办结`).join('\n');
    await outbox.enqueue({ key: 'weekly', to: { kind: 'groupRobot' }, body: { type: 'markdown', markdown: long }, purpose: 'weekly-summary' });
    worker();
    await eventually(async () => (await outbox.listOutbox({ status: 'sent' })).length === 1);
    const pieces = sim.deliveredTo('/cgi-bin/webhook/send').map((d) => (d.body.markdown as { content: string }).content);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(4096);
    expect(pieces.join('\n')).toBe(long);
  });
});
