import { describe, expect, it } from 'vitest';
import { createInboundDedup } from '../../src/channels/dedup.js';
import { useTestDb } from '../support/test-db.js';

useTestDb({ cleanBeforeEach: true });

describe('durable inbound de-duplication', () => {
  it('lets exactly one of many concurrent deliveries claim a message', async () => {
    const dedup = createInboundDedup();
    const results = await Promise.all(Array.from({ length: 8 }, () => dedup.claim('app:1', 'wecom-app')));
    expect(results.filter((r) => r === 'claimed')).toHaveLength(1);
  });

  it('keeps a finished or failed message claimed for good', async () => {
    let t = new Date('2025-05-01T00:00:00Z');
    const dedup = createInboundDedup({ leaseMs: 1000, now: () => t });
    await dedup.claim('a', 'wecom-app');
    await dedup.done('a', 'wecom-app');
    await dedup.claim('b', 'wecom-app');
    await dedup.failed('b', 'wecom-app', 'boom');
    t = new Date(t.getTime() + 60_000);
    expect(await dedup.claim('a', 'wecom-app')).toBe('duplicate');
    expect(await dedup.claim('b', 'wecom-app')).toBe('duplicate');
  });

  it('lets one retry re-take a claim whose handler died, only after its lease', async () => {
    let t = new Date('2025-05-01T00:00:00Z');
    const dedup = createInboundDedup({ leaseMs: 10_000, now: () => t });
    expect(await dedup.claim('m', 'wecom-app')).toBe('claimed');
    t = new Date(t.getTime() + 5_000);
    expect(await dedup.claim('m', 'wecom-app')).toBe('duplicate');
    expect(await dedup.listStaleClaims()).toEqual([]);
    t = new Date(t.getTime() + 6_000);
    expect((await dedup.listStaleClaims()).map((c) => c.key)).toEqual(['m']);
    const retries = await Promise.all(Array.from({ length: 5 }, () => dedup.claim('m', 'wecom-app')));
    expect(retries.filter((r) => r === 'claimed')).toHaveLength(1);
    await dedup.done('m', 'wecom-app');
    t = new Date(t.getTime() + 60_000);
    expect(await dedup.claim('m', 'wecom-app')).toBe('duplicate');
    expect(await dedup.listStaleClaims()).toEqual([]);
  });
});
