/** The weekly metric snapshots in MongoDB (domain/metric-snapshot.port.ts), one row per (kind, period). */
import type { MetricSnapshotStore } from '../domain/metric-snapshot.port.js';
import { MetricSnapshotModel } from './models/metric-snapshot.model.js';

export const createMetricSnapshotStore = (): MetricSnapshotStore => ({
  async save(kind, period, at, figures) {
    await MetricSnapshotModel.collection.updateOne(
      { _id: `${kind}:${period}` } as Record<string, unknown>,
      { $set: { kind, period, at, figures } },
      { upsert: true },
    );
  },

  // FerretDB has no TTL index: housekeeping calls this.
  async purge(before) {
    return (await MetricSnapshotModel.deleteMany({ at: { $lt: before } })).deletedCount;
  },
});
