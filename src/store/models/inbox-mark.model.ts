/**
 * Rows that decide what happened to an inbox entry, each written by ONE unique insert (never an
 * update: FerretDB 1.24 lets concurrent guarded updates all win):
 * - `<entryId>#outcome`, kind 'done' or 'failed': handling ended; only the first insert counts;
 * - `<entryId>#take@<ms>`, kind 'take': an instance took the entry over after the lease that
 *   ended at <ms> lapsed; every instance that saw that lease lapse races for the same `_id`.
 * No TTL index (FerretDB lacks them): housekeeping deletes them with their entry.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

export const INBOX_MARK_KINDS = ['done', 'failed', 'take'] as const;

const inboxMarkSchema = new Schema(
  {
    _id: { type: String, required: true },
    entryId: { type: String, required: true },
    kind: { type: String, enum: INBOX_MARK_KINDS, required: true },
    at: { type: Date, required: true },
    /** Why handling failed for good, or who took the entry over. */
    detail: { type: String },
  },
  { collection: 'inbox_marks', versionKey: false },
);
inboxMarkSchema.index({ entryId: 1 });

export type InboxMarkDoc = InferSchemaType<typeof inboxMarkSchema>;

export const InboxMarkModel: mongoose.Model<InboxMarkDoc> = mongoose.models.InboxMark ?? mongoose.model<InboxMarkDoc>('InboxMark', inboxMarkSchema);
