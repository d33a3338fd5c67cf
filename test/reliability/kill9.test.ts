/**
 * SIGKILL in the middle of handling, then a restart: WeCom's retries are handled exactly once,
 * and no ledger write is lost or half-done. The real service runs as a child process on this
 * file's database; WeCom is the protocol-level simulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCoreServices, type CoreServices } from '../../src/app.js';
import { seedDemoLedger, syncDirectory } from '../../src/bootstrap.js';
import type { Proposal } from '../../src/domain/model.js';
import { createLogger } from '../../src/ops/logger.js';
import { InboundDedupModel } from '../../src/store/models/inbound-dedup.model.js';
import { APP_KEYS } from '../channels/app-harness.js';
import { useTestDb } from '../support/test-db.js';
import { CallbackSender, WecomApiSim } from '../wecom-sim/index.js';
import { spawnService, untilHandled, uriFor, wecomEnv, type ServiceProcess } from './service-process.js';

const db = useTestDb();
const api = new WecomApiSim();
let core: CoreServices;
let env: Record<string, string>;
const running: ServiceProcess[] = [];

const LEADER = 'zhaoqiang';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function start(): Promise<{ svc: ServiceProcess; sender: CallbackSender }> {
  const svc = await spawnService(env);
  running.push(svc);
  const sender = new CallbackSender({ url: `${svc.url}/wecom/callback`, token: APP_KEYS.token, encodingAesKey: APP_KEYS.encodingAesKey, corpId: api.corpId });
  return { svc, sender };
}

/** How often each instruction text is on the ledger, over every proposal. */
async function instructionCounts(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const p of await core.proposals.find({}, { limit: 1000 })) for (const i of p.instructions) counts.set(i.text, (counts.get(i.text) ?? 0) + 1);
  return counts;
}

/** State and audit trail written together: as many 阅批 events as instructions, on every proposal. */
function trailMatchesState(p: Proposal): boolean {
  return p.events.filter((e) => e.action === 'instruct').length === p.instructions.length;
}

async function until(what: string, fn: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

beforeAll(async () => {
  await api.start();
  core = createCoreServices();
  const log = createLogger({ level: 'silent' });
  await syncDirectory(core, log);
  await seedDemoLedger(core, log);
  env = { ...wecomEnv(api), MONGODB_URI: uriFor(db.uri, db.dbName), LEASE_TTL_MS: '2000', LEASE_RENEW_MS: '500' };
}, 60_000);

afterAll(async () => {
  for (const s of running) await s.kill9();
  await api.stop();
});

describe('kill -9 during message handling', () => {
  it('after the ledger write, before the reply: the retried callback is not applied again', async () => {
    const { svc, sender } = await start();
    // Replies fail, so the process is caught between the ledger write and the reply.
    api.goDown('http500');
    const sealed = sender.seal(sender.textXml(LEADER, '阅批 0102 夜间批示-甲'));
    expect((await sender.post(sealed)).status).toBe(200);
    await until('the reply attempt', async () => api.requests.some((r) => r.path === '/cgi-bin/message/send'));
    await svc.kill9();
    api.recover();

    const again = await start();
    expect((await again.sender.post(sealed)).status).toBe(200);
    await again.svc.waitForLine((l) => l.message === 'wecom callback duplicate ignored');
    expect((await instructionCounts()).get('夜间批示-甲')).toBe(1);
    const [p] = await core.proposals.findByNumber('0102');
    expect(trailMatchesState(p!)).toBe(true);
    await again.svc.kill9();
  });

  it('killed at a random point of a stream: unanswered callbacks are handled once on retry, none twice, nothing half-written', async () => {
    const numbers = (await core.proposals.find({}, { limit: 40, sort: 'number' })).map((p) => p.number).filter((n) => n !== '0102');
    const { svc, sender } = await start();
    const texts = numbers.slice(0, 24).map((n, i) => ({ number: n, text: `流水批示-${i}`, msgId: sender.nextMsgId() }));
    const sealed = texts.map((t) => sender.seal(sender.textXml(LEADER, `阅批 ${t.number} ${t.text}`, t.msgId)));
    const acked = new Set<number>();
    const killAt = 6 + Math.floor(Math.random() * 12);
    for (let i = 0; i < sealed.length; i++) {
      if (i === killAt) void svc.kill9();
      const res = await sender.post(sealed[i]!).catch(() => undefined);
      if (res?.status === 200) acked.add(i);
    }
    await svc.kill9();
    expect(acked.size).toBeLessThan(sealed.length);

    // WeCom retries what was not answered; here every callback is sent again, as if answers got lost too.
    const again = await start();
    for (const s of sealed) expect((await again.sender.post(s)).status).toBe(200);
    const unanswered = texts.filter((_, i) => !acked.has(i));
    await until('the retried callbacks to be handled', async () => {
      const counts = await instructionCounts();
      return unanswered.every((t) => counts.get(t.text) === 1);
    });
    await untilHandled(again.svc.opsPort);

    const counts = await instructionCounts();
    for (const t of texts) expect(counts.get(t.text) ?? 0, t.text).toBeLessThanOrEqual(1);
    // An answered callback whose process died before handling it is never silently dropped:
    // its claim stays open without a #done, where an operator sees it (dedup.listStaleClaims).
    for (const [i, t] of texts.entries()) {
      if (!acked.has(i) || counts.get(t.text) === 1) continue;
      const rows = (await InboundDedupModel.find({ _id: { $in: [`app:${t.msgId}`, `app:${t.msgId}#done`] } }).lean()).map((r) => r._id);
      expect(rows, t.text).toEqual([`app:${t.msgId}`]);
    }
    for (const p of await core.proposals.find({}, { limit: 1000 })) expect(trailMatchesState(p), p.number).toBe(true);
    await again.svc.kill9();
  });
});
