/**
 * Durable de-duplication of inbound transport messages (WeCom MsgId, event key, aibot msgid).
 * Every state change is an INSERT of a row with a unique `_id`, never an update:
 * - `<key>`            kind 'claim': the message was taken (its lease in `leaseUntil`);
 * - `<key>#take@<ms>`  kind 'take': a re-take of the claim whose lease ended at <ms> (handler crashed);
 * - `<key>#done` / `<key>#failed`: handling finished (or threw, with `error`).
 * Unique inserts are atomic on MongoDB and FerretDB 1.24 alike, while a filtered update on
 * FerretDB lets concurrent callers both succeed, and is about 3× slower there.
 * No TTL index (FerretDB lacks them): old rows are purged by `InboundDedup.purge`.
 */
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

export const INBOUND_DEDUP_KINDS = ['claim', 'take', 'done', 'failed'] as const;

const inboundDedupSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: INBOUND_DEDUP_KINDS, required: true },
    channel: { type: String, required: true },
    /** On claims: nobody else may take the message before this instant. */
    leaseUntil: { type: Date },
    error: { type: String },
  },
  { collection: 'inbound_dedup', timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
inboundDedupSchema.index({ createdAt: 1 });

export type InboundDedupDoc = InferSchemaType<typeof inboundDedupSchema>;

export const InboundDedupModel: mongoose.Model<InboundDedupDoc> =
  mongoose.models.InboundDedup ?? mongoose.model<InboundDedupDoc>('InboundDedup', inboundDedupSchema);
