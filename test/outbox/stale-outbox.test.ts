/**
 * Member cards kept back by an outage are re-checked when their turn comes (issue 15 item 2): a
 * rating card queued while WeCom was down is not sent once the member has rated (or the case is
 * archived); it is marked 已过时未发 with the reason, and everything still true goes out. A
 * member's plain notices of one case kept back together go out as one message saying each step.
 */
import { describe, expect, it } from 'vitest';
import { createCoreServices } from '../../src/main/core.js';
import type { PushSender } from '../../src/channels/contract.js';
import type { OutboundBody, Recipient } from '../../src/shared/outbound.js';
import { currentNotice, supersededNotice } from '../../src/conversation/notify.js';
import { createOutbox } from '../../src/outbox/outbox.js';
import { startOutboxWorker } from '../../src/outbox/outbox.worker.js';
import { createLogger } from '../../src/shared/logger.js';
import { MongoDirectoryRepository } from '../../src/store/directory.repository.js';
import type { Proposal } from '../../src/domain/model.js';
import { createOutboxStore } from '../../src/store/outbox.repository.js';
import { actor, divisions, LEAD_HAPPY_PATH, newProposalInput, people } from '../fixtures/ledger.fixture.js';
import { useTestDb } from '../support/test-db.js';

const outboxStore = createOutboxStore();

useTestDb();

const clock = { now: () => new Date('2026-09-28T02:00:00Z') };
const outbox = createOutbox({ store: outboxStore, now: clock.now });
const core = createCoreServices({ clock, outbox });
/** Walks `p` through steps `from`–`to` of the lead happy path while WeCom is down: its notices wait in the outbox. */
async function steps(p: Proposal, from: number, to: number): Promise<Proposal> {
  for (const [who, cmd] of LEAD_HAPPY_PATH.slice(from, to)) {
    const resolved = cmd.type === 'superviseMeasure' ? { ...cmd, measureId: p.measures[0]!.id } : cmd;
    p = await core.ledger.perform({ id: p.id }, resolved, actor(people[who]), 'console');
  }
  return p;
}
/** Proposal `number` registered and walked up to the reply sent. */
const walk = async (number: string) =>
  steps((await core.ledger.registerMany([newProposalInput({ number })], actor(people.coordinator), 'console')).created[0]!, 0, 10);

/** WeCom is back: the worker delivers everything waiting; returns what was sent. */
async function deliverAll(): Promise<{ to: Recipient; body: OutboundBody }[]> {
  const sent: { to: Recipient; body: OutboundBody }[] = [];
  const sender: PushSender = { name: 'wecom-app', canDeliver: () => true, push: async (to, body) => void sent.push({ to, body }) };
  const rows = outboxStore.listByKeyPrefix;
  const worker = startOutboxWorker({
    store: createOutboxStore(),
    senders: [sender],
    log: createLogger({ level: 'silent' }),
    pollMs: 60_000,
    now: clock.now,
    superseded: supersededNotice(() => core, rows),
    current: currentNotice(() => core, rows),
  });
  try {
    await worker.drain();
  } finally {
    await worker.stop();
  }
  return sent;
}

describe('a member card held by an outage', () => {
  it('is dropped when it no longer holds; cards that still hold are sent', async () => {
    await new MongoDirectoryRepository().sync({ divisions, people: Object.values(people) });
    // WeCom is down while both replies go out: their rating cards wait in the outbox.
    const rated = await walk('0501');
    const waiting = await walk('0502');
    await core.ledger.perform({ id: rated.id }, { type: 'feedback', rating: 'satisfied' }, actor(people.member), 'console');
    const sent = await deliverAll();

    const rateCards = await Promise.all(['dropped', 'sent'].map((status) => outbox.listOutbox({ status: status as 'sent' })));
    const [dropped, delivered] = rateCards.map((rows) => rows.filter((r) => r.purpose === 'feedback-request'));
    expect(dropped!.map((r) => r.key)).toEqual([expect.stringContaining(`notice:${rated.id}:`)]);
    expect(dropped![0]!.lastError).toBe('未发送：评价邀请已过时（委员已评价或已无需评价）');
    expect(delivered!.map((r) => r.key)).toEqual([expect.stringContaining(`notice:${waiting.id}:`)]);
    // The plain notices of both cases (答复已发出…) still went out; nothing is left pending.
    expect(sent.some((s) => s.body.type === 'text' && s.body.text.includes('第0501号'))).toBe(true);
    expect(await outbox.listOutbox({ status: 'pending' })).toEqual([]);
    expect(sent.filter((s) => s.body.type === 'card' && s.body.card.title === '请您评价提案答复')).toHaveLength(1);
  });

  it("a member's plain notices of one case kept back together go out as one message saying each step", async () => {
    const textsTo = (sent: { to: Recipient; body: OutboundBody }[], number: string) =>
      sent
        .filter((s) => s.to.kind === 'user' && s.to.userid === 'wy-chen' && s.body.type === 'text' && s.body.text.includes(`第${number}号`))
        .map((s) => (s.body.type === 'text' ? s.body.text : ''));
    // Assigned and answered while WeCom was down: one message with both steps.
    let p = await walk('0503');
    expect(textsTo(await deliverAll(), '0503')).toEqual([expect.stringMatching(/有新进展：已交由开发指导处办理；已正式答复（乡振函〔2026〕1号）.*。$/)]);
    const merged = (await outboxStore.listByKeyPrefix(`notice:${p.id}:`)).filter((r) => r.purpose === 'member-notice');
    expect(merged.map((r) => [r.status, r.lastError ?? ''])).toEqual(
      expect.arrayContaining([
        ['dropped', '未单独发送：已并入这件提案随后的一条通知'],
        ['sent', ''],
      ]),
    );
    expect(merged).toHaveLength(2);

    // Archived during the next outage: the member is told that alone, not the steps already said.
    p = await steps(p, 10, LEAD_HAPPY_PATH.length);
    expect(p.stage).toBe('archived');
    expect(textsTo(await deliverAll(), '0503')).toEqual([expect.stringContaining('已办理完毕并归档。感谢您')]);
  });
});
