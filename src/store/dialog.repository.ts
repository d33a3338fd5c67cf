/**
 * The conversation's short-lived state in MongoDB (implements conversation/dialog.store.ts's
 * DialogStore): pending guided steps, photo windows, each person's newest card and the list page
 * they last saw. Every row
 * carries its expiry; an expired or unreadable row reads as absent and is deleted.
 */
import { z } from 'zod';
import { pageSchema, photoWindowSchema, storedPendingSchema, type DialogStore, type DialogStoreOptions } from '../conversation/dialog.store.js';
import { DialogModel } from './models/dialog.model.js';

/** Cards stay pressable for long; past this an older card is no longer told apart from the newest. */
const LATEST_CARD_MS = 30 * 24 * 3_600_000;
const latestCardSchema = z.object({ taskId: z.string() });

export function createDialogStore(o: DialogStoreOptions): DialogStore {
  const photoKey = (userid: string) => `photo:${userid}`;

  async function read<T>(key: string, schema: z.ZodType<T>): Promise<T | undefined> {
    const doc = await DialogModel.findById(key).lean();
    if (!doc) return undefined;
    const parsed = schema.safeParse(doc.state);
    if (doc.expiresAt <= o.clock.now() || !parsed.success) {
      await DialogModel.deleteOne({ _id: key, expiresAt: doc.expiresAt });
      return undefined;
    }
    return parsed.data;
  }

  async function write(key: string, userid: string, state: unknown, ttlMs: number): Promise<void> {
    const expiresAt = new Date(o.clock.now().getTime() + ttlMs);
    // As JSON carries it: BSON would store an absent optional field (undefined) as null, which the schema refuses.
    const plain: unknown = JSON.parse(JSON.stringify(state));
    await DialogModel.updateOne({ _id: key }, { $set: { userid, state: plain, expiresAt } }, { upsert: true });
  }

  return {
    getPending: (key) => read(key, storedPendingSchema),
    setPending: (key, userid, pending) => write(key, userid, pending, o.pendingTtlMs),
    async clearPending(key) {
      return (await DialogModel.deleteOne({ _id: key })).deletedCount > 0;
    },
    openPhotoWindow: (userid, window) => write(photoKey(userid), userid, window, o.photoWindowMs),
    getPhotoWindow: (userid) => read(photoKey(userid), photoWindowSchema),
    markLatestCard: (userid, taskId) => write(`card:${userid}`, userid, { taskId }, LATEST_CARD_MS),
    latestCard: async (userid) => (await read(`card:${userid}`, latestCardSchema))?.taskId,
    rememberPage: (key, userid, page) => write(`page:${key}`, userid, page, o.pendingTtlMs),
    lastPage: (key) => read(`page:${key}`, pageSchema),
  };
}
