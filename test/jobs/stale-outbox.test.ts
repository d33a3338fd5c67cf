/**
 * Member cards kept back by an outage are re-checked when their turn comes (issue 15 item 2): a
 * rating card queued while WeCom was down is not sent once the member has rated (or the case is
 * archived); it is marked 已过时未发 with the reason, and everything still true goes out.
 */
import { describe, expect, it } from 'vitest';
import { createCoreServices } from '../../src/app.js';
import type { OutboundBody, PushSender, Recipient } from '../../src/channels/contract.js';
import { supersededNotice } from '../../src/conversation/notify.js';
import { createOutbox } from '../../src/jobs/outbox/outbox.js';
import { startOutboxWorker } from '../../src/jobs/outbox/outbox.worker.js';
import { createLogger } from '../../src/ops/logger.js';
import { MongoDirectoryRepository } from '../../src/store/directory.repository.js';
import { actor, divisions, LEAD_HAPPY_PATH, newProposalInput, people } from '../fixtures/ledger.fixture.js';
import { useTestDb } from '../support/test-db.js';

useTestDb();

describe('a member card held by an outage', () => {
  it('is dropped when it no longer holds; cards that still hold are sent', async () => {
    await new MongoDirectoryRepository().sync({ divisions, people: Object.values(people) });
    const clock = { now: () => new Date('2026-09-28T02:00:00Z') };
    const outbox = createOutbox({ now: clock.now });
    const core = createCoreServices({ clock, outbox });
    const walk = async (number: string) => {
      let p = (await core.ledger.registerMany([newProposalInput({ number })], actor(people.coordinator), 'console')).created[0]!;
      for (const [who, cmd] of LEAD_HAPPY_PATH.slice(0, 10)) p = await core.ledger.perform({ id: p.id }, cmd, actor(people[who]), 'console');
      return p;
    };
    // WeCom is down while both replies go out: their rating cards wait in the outbox.
    const rated = await walk('0501');
    const waiting = await walk('0502');
    await core.ledger.perform({ id: rated.id }, { type: 'feedback', rating: 'satisfied' }, actor(people.member), 'console');

    const sent: { to: Recipient; body: OutboundBody }[] = [];
    const sender: PushSender = { name: 'wecom-app', canDeliver: () => true, push: async (to, body) => void sent.push({ to, body }) };
    const worker = startOutboxWorker({ senders: [sender], log: createLogger({ level: 'silent' }), pollMs: 60_000, now: clock.now, superseded: supersededNotice(() => core) });
    try {
      await worker.drain();
    } finally {
      await worker.stop();
    }

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
});
