/**
 * Purge for a collection whose rows expire but that FerretDB cannot expire by itself (no TTL
 * indexes): chat dialogs past their expiry.
 */
import { DialogModel } from './models/dialog.model.js';

export const shortLivedRepository = {
  /** Dialogs (guided steps, photo windows) that expired before `before`. */
  async purgeDialogs(before: Date): Promise<number> {
    return (await DialogModel.deleteMany({ expiresAt: { $lt: before } })).deletedCount;
  },
};
