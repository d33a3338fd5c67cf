/**
 * Purges for collections whose rows expire but that FerretDB cannot expire by itself (no TTL
 * indexes): chat dialogs past their expiry, and old weekly metric snapshots.
 */
import { DialogModel } from './models/dialog.model.js';
import { MetricSnapshotModel } from './models/metric-snapshot.model.js';

export const shortLivedRepository = {
  /** Dialogs (guided steps, photo windows) that expired before `before`. */
  async purgeDialogs(before: Date): Promise<number> {
    return (await DialogModel.deleteMany({ expiresAt: { $lt: before } })).deletedCount;
  },

  /** Snapshots taken before `before`. */
  async purgeSnapshots(before: Date): Promise<number> {
    return (await MetricSnapshotModel.deleteMany({ at: { $lt: before } })).deletedCount;
  },
};
