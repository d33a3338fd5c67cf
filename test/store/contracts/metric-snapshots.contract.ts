/**
 * The weekly metric snapshots (domain/metric-snapshot.port.ts), run against the in-memory adapter
 * (unit) and the MongoDB one (integration): one row per (kind, period), replaced when saved again;
 * purge by when it was taken.
 */
import { describe, expect, it } from 'vitest';
import type { MetricSnapshotStore } from '../../../src/domain/metric-snapshot.port.js';
import type { HeadlineFigures } from '../../../src/domain/summary-weekly.js';
import { at, freshEach } from './contract-support.js';

const rate = (num: number, den: number) => ({ num, den, rate: den ? num / den : null });
const figures: HeadlineFigures = { onTime: rate(3, 4), faceToFace: rate(1, 2), satisfaction: rate(0, 0), delivery: rate(2, 2) };

export function metricSnapshotsContract(make: () => Promise<MetricSnapshotStore>): void {
  describe('metric snapshot store contract', () => {
    const snapshots = freshEach(make);

    it('keeps one snapshot per kind and period, the one saved last', async () => {
      await snapshots.save('weekly', '2026-W10', at(0), figures);
      await snapshots.save('weekly', '2026-W10', at(2000), figures);
      expect(await snapshots.purge(at(1000))).toBe(0);
      expect(await snapshots.purge(at(2001))).toBe(1);
      expect(await snapshots.purge(at(2001))).toBe(0);
    });

    it('purges snapshots taken before the time given, of every kind', async () => {
      await snapshots.save('weekly', 'p', at(0), figures);
      await snapshots.save('monthly', 'p', at(0), figures);
      await snapshots.save('weekly', 'q', at(1000), figures);
      expect(await snapshots.purge(at(0))).toBe(0);
      expect(await snapshots.purge(at(1))).toBe(2);
      expect(await snapshots.purge(at(1001))).toBe(1);
    });
  });
}
