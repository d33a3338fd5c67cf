/**
 * Bounded storage on the real database: each operational collection's purge deletes what is past
 * its retention and nothing that still matters (open inbox entries, pending outbox messages,
 * running job runs); one failing purge does not stop the others.
 */
import { describe, expect, it } from 'vitest';
import { startHousekeeping } from '../../src/ops/housekeeping.js';
import { createLogger } from '../../src/shared/logger.js';
import { MongoInboxStore } from '../../src/store/inbox.store.js';
import { createJobRunStore } from '../../src/store/job-run.repository.js';
import { InboxEntryModel } from '../../src/store/models/inbox-entry.model.js';
import { InboxMarkModel } from '../../src/store/models/inbox-mark.model.js';
import { JobRunModel } from '../../src/store/models/job-run.model.js';
import { OutboxClaimModel } from '../../src/store/models/outbox-claim.model.js';
import { OutboxMessageModel } from '../../src/store/models/outbox-message.model.js';
import { createOutboxStore } from '../../src/store/outbox.repository.js';
import { useTestDb } from '../support/test-db.js';

const outboxStore = createOutboxStore();

useTestDb({ cleanBeforeEach: true });
const log = createLogger({ level: 'silent' });
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const ids = async (model: { find(q: object, p: object): { lean(): Promise<{ _id: unknown }[]> } }) =>
  (await model.find({}, { _id: 1 }).lean()).map((r) => String(r._id)).sort();

describe('housekeeping', () => {
  it('purges handled inbox entries past their retention with their marks, never an open one', async () => {
    const store = new MongoInboxStore();
    const entry = (id: string, days: number) => ({ id, channel: 'wecom-app', sender: 'u', payload: { x: 1 }, receivedAt: ago(days) });
    await store.add(entry('app:old-done', 3), 'me', ago(3));
    await store.add(entry('app:old-open', 3), 'me', ago(3));
    await store.add(entry('app:new-done', 0), 'me', new Date());
    await store.finish('app:old-done', 'done', ago(3));
    await store.finish('app:new-done', 'done', new Date());
    expect((await store.scanOpen(new Date(), 10)).open).toBe(1);

    const hk = startHousekeeping({ tasks: [{ name: 'inbox', keepMs: 2 * DAY, purge: (b) => store.purge(b) }], log, everyMs: 3_600_000 });
    expect(await hk.runOnce()).toEqual({ inbox: 0 }); // the pass made at start took it already
    await hk.stop();
    expect(await ids(InboxEntryModel)).toEqual(['app:new-done', 'app:old-open']);
    expect(await ids(InboxMarkModel)).toEqual(['app:new-done#outcome']);
    expect((await store.scanOpen(new Date(), 10)).open).toBe(1);
  });

  it('purges delivered outbox messages and old claim rows, keeps pending ones; purges finished job runs only', async () => {
    await outboxStore.insert({ key: 'old-sent', to: { kind: 'user', userid: 'u' }, body: { type: 'text', text: 'x' }, purpose: 't', at: ago(40) });
    await outboxStore.insert({ key: 'old-pending', to: { kind: 'user', userid: 'u' }, body: { type: 'text', text: 'x' }, purpose: 't', at: ago(40) });
    await OutboxMessageModel.collection.updateOne({ key: 'old-sent' }, { $set: { status: 'sent', updatedAt: ago(40) } });
    await OutboxMessageModel.collection.updateOne({ key: 'old-pending' }, { $set: { updatedAt: ago(40) } });
    await OutboxClaimModel.create([
      { _id: 'm:1', at: ago(2) },
      { _id: 'm:2', at: new Date() },
    ]);
    await JobRunModel.collection.insertMany([
      { job: 'digest', period: 'old-done', status: 'done', owner: 'x', leaseUntil: ago(200), attempts: 1, startedAt: ago(200) },
      { job: 'digest', period: 'old-running', status: 'running', owner: 'x', leaseUntil: ago(200), attempts: 1, startedAt: ago(200) },
      { job: 'digest', period: 'new-done', status: 'done', owner: 'x', leaseUntil: new Date(), attempts: 1, startedAt: new Date() },
    ]);
    const hk = startHousekeeping({
      tasks: [
        { name: 'broken', keepMs: DAY, purge: () => Promise.reject(new Error('down')) },
        { name: 'outbox_messages', keepMs: 30 * DAY, purge: outboxStore.purgeFinished },
        { name: 'outbox_claims', keepMs: DAY, purge: outboxStore.purgeClaims },
        { name: 'job_runs', keepMs: 180 * DAY, purge: createJobRunStore().purge },
      ],
      log,
      everyMs: 3_600_000,
    });
    await hk.runOnce();
    await hk.stop();
    expect((await OutboxMessageModel.find({}, { key: 1 }).lean()).map((m) => m.key)).toEqual(['old-pending']);
    expect(await ids(OutboxClaimModel)).toEqual(['m:2']);
    expect((await JobRunModel.find({}, { period: 1 }).lean()).map((r) => r.period).sort()).toEqual(['new-done', 'old-running']);
  });
});
