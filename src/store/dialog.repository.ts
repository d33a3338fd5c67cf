/** The conversation's short-lived dialog rows in MongoDB (domain/dialog.port.ts). */
import type { DialogRows } from '../domain/dialog.port.js';
import { DialogModel } from './models/dialog.model.js';

/** Its methods need no `this`, so they may be passed around alone. */
export const createDialogRows = (): DialogRows => ({
  async get(key) {
    const doc = await DialogModel.findById(key).lean();
    return doc ? { state: doc.state, expiresAt: doc.expiresAt } : undefined;
  },

  async put(key, userid, state, expiresAt) {
    // As JSON carries it: BSON would store an absent optional field (undefined) as null, which the schema refuses.
    const plain: unknown = JSON.parse(JSON.stringify(state));
    await DialogModel.updateOne({ _id: key }, { $set: { userid, state: plain, expiresAt } }, { upsert: true });
  },

  async delete(key, expiresAt) {
    return (await DialogModel.deleteOne({ _id: key, ...(expiresAt && { expiresAt }) })).deletedCount > 0;
  },

  async purgeExpired(before) {
    return (await DialogModel.deleteMany({ expiresAt: { $lt: before } })).deletedCount;
  },
});
