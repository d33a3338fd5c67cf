/** Leader upkeep on the real database: unfinished acknowledged messages are reported, old de-duplication rows deleted. */
import { describe, expect, it } from 'vitest';
import { createInboundDedup } from '../../src/channels/dedup.js';
import { startHousekeeping } from '../../src/ops/housekeeping.js';
import { createLogger } from '../../src/ops/logger.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { InboundDedupModel } from '../../src/store/models/inbound-dedup.model.js';
import { useTestDb } from '../support/test-db.js';

useTestDb({ cleanBeforeEach: true });
const log = createLogger({ level: 'silent' });

describe('housekeeping', () => {
  it('reports a message acknowledged but never finished, and not one that finished', async () => {
    const dedup = createInboundDedup({ leaseMs: 10 });
    await dedup.claim('app:crashed', 'wecom-app');
    await dedup.claim('app:fine', 'wecom-app');
    await dedup.done('app:fine', 'wecom-app');
    await new Promise((r) => setTimeout(r, 30));
    const metrics = createMetrics();
    const hk = startHousekeeping({ dedup, log, metrics, everyMs: 3_600_000 });
    expect(await hk.runOnce()).toEqual({ purged: 0, unfinished: 1 });
    expect(await metrics.registry.getSingleMetricAsString('tiantong_inbound_unfinished')).toContain('tiantong_inbound_unfinished 1');
    await hk.stop();
  });

  it('deletes rows older than it keeps, and only those', async () => {
    const dedup = createInboundDedup();
    const threeDaysAgo = new Date(Date.now() - 3 * 24 * 3_600_000);
    await InboundDedupModel.collection.insertMany([
      { _id: 'app:old', kind: 'claim', channel: 'wecom-app', leaseUntil: threeDaysAgo, createdAt: threeDaysAgo },
      { _id: 'app:old#done', kind: 'done', channel: 'wecom-app', createdAt: threeDaysAgo },
    ] as never[]);
    await dedup.claim('app:new', 'wecom-app');
    await dedup.done('app:new', 'wecom-app');
    const hk = startHousekeeping({ dedup, log, metrics: createMetrics(), everyMs: 3_600_000 });
    await hk.runOnce(); // after the pass made at start
    expect((await InboundDedupModel.find({}, { _id: 1 }).lean()).map((r) => r._id).sort()).toEqual(['app:new', 'app:new#done']);
    await hk.stop();
  });
});
